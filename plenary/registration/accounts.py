"""Registration's part in logging in (core.accounts): delegates and members, and where their work is."""

from django.urls import reverse

from plenary.core.accounts import KnownPerson
from plenary.core.models import Role
from plenary.core.permissions import parliament_ids_for
from plenary.events.selectors import current_track_or_none
from plenary.registration import hooks, links
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
    """A focal point's delegations in the current track; a confirmed delegate's work where an app
    above registration has some for them (travel funding they may apply for or applied for, see
    `hooks.register_delegate_page`); otherwise the member's registration page, which shows a
    registration's status once they have one."""
    track = current_track_or_none()
    if track is not None and parliament_ids_for(user):
        return reverse("registration:my_delegations", kwargs={"track": track.slug})
    registration = (
        Registration.objects.filter(person__user=user)
        .select_related("track", "person__parliament__country")
        .order_by("-track__start_date", "-pk")
        .first()
    )
    if registration is not None and registration.status == Registration.Status.CONFIRMED:
        page = hooks.delegate_page(registration)
        if page:
            return page
    return member_page(user)


def member_page(user, track=None) -> str | None:
    """The registration page of `user`'s membership of a delegation (in `track`, else the latest)."""
    members = DelegationMember.objects.filter(person__user=user)
    if track is not None:
        members = members.filter(delegation__track=track)
    member = (
        members.select_related("delegation__track").order_by("-delegation__track__start_date", "-pk").first()
    )
    if member is None:
        return None
    return reverse(
        "registration:register",
        kwargs={"track": member.delegation.track.slug, "token": links.member_token(member)},
    )
