"""Registration's part in logging in (core.accounts): delegates and members, and where their work is."""

from django.apps import apps
from django.urls import reverse

from plenary.core.accounts import KnownPerson
from plenary.core.models import Role
from plenary.core.permissions import parliament_ids_for
from plenary.events.selectors import current_track_or_none
from plenary.registration import links
from plenary.registration.models import DelegationMember, Registration


def registered_people(email: str):
    """Whoever registered with `email`; a confirmed registration makes them a delegate of the parliament."""
    registrations = Registration.objects.filter(email__iexact=email.strip()).select_related(
        "person", "delegation"
    )
    for registration in registrations.order_by("-track__start_date", "pk"):
        confirmed = registration.status == Registration.Status.CONFIRMED
        yield KnownPerson(
            person=registration.person,
            role=Role.DELEGATE if confirmed else None,
            parliament_id=registration.delegation.parliament_id if confirmed else None,
        )


def landing_page(user) -> str | None:
    """A focal point's delegations in the current track; a confirmed delegate's travel funding;
    otherwise the member's registration page."""
    track = current_track_or_none()
    if track is not None and parliament_ids_for(user):
        return reverse("registration:my_delegations", kwargs={"track": track.slug})
    registration = (
        Registration.objects.filter(person__user=user)
        .select_related("track")
        .order_by("-track__start_date", "-pk")
        .first()
    )
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    if confirmed and apps.is_installed("plenary.funding"):
        return reverse("funding:calls", kwargs={"track": registration.track.slug})
    member = (
        DelegationMember.objects.filter(person__user=user)
        .select_related("delegation__track")
        .order_by("-delegation__track__start_date", "-pk")
        .first()
    )
    if member is None:
        return None
    return reverse(
        "registration:register",
        kwargs={"track": member.delegation.track.slug, "token": links.member_token(member)},
    )
