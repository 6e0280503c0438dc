"""Builders shared by the floor's tests: confirmed members of accepted delegations, and a list."""

from django.utils import timezone

from plenary.floor import services
from plenary.programme.models import Session
from plenary.registration.models import Delegation, Registration
from plenary.registration.tests import factories

SESSION = "roundtable"


def session_of(track) -> Session:
    from plenary.programme import demo

    demo.load()
    return Session.objects.select_related("track").get(track=track, slug=SESSION)


def members(
    track, count: int, *, parliaments: int = 5, mode="onsite", gender="female", status="confirmed", user=None
) -> list[Registration]:
    """`count` registrations spread over the first `parliaments` parliaments, whose delegations accepted."""
    chosen = factories.parliaments(parliaments)
    made = []
    for index in range(count):
        member = factories.member(track, chosen[index % len(chosen)])
        member.delegation.response = Delegation.Response.ACCEPTED
        member.delegation.save(update_fields=["response"])
        if user is not None:
            member.person.user = user
            member.person.save(update_fields=["user"])
        made.append(
            Registration.objects.create(
                track=track,
                person=member.person,
                delegation=member.delegation,
                member=member,
                kind=member.kind,
                status=status,
                mode=mode,
                gender=gender,
                queue_number=Registration.objects.filter(track=track).count() + 1,
                consent_at=timezone.now(),
                consent_language="en",
                **factories.registration_data(member),
            )
        )
    return made


def open_list(track, **settings_given):
    defaults = {"order": "first_come", "per_delegation": None, "seconds_per_speaker": 120}
    return services.open_list(session=session_of(track), actor=None, **(defaults | settings_given))
