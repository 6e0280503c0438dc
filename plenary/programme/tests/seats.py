"""Builders shared by the session-seat tests: confirmed onsite delegates and a session with few seats."""

from django.utils import timezone

from plenary.programme.models import Session
from plenary.registration.links import member_token
from plenary.registration.models import Registration, TrackCapacity
from plenary.registration.tests import factories

SESSION = "roundtable"


def open_track(track, seats: int = 500) -> TrackCapacity:
    return TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": seats})[0]


def session_with_seats(track, capacity: int) -> Session:
    """The demo roundtable (hybrid, published) with `capacity` seats."""
    Session.objects.filter(track=track, slug=SESSION).update(capacity=capacity)
    return Session.objects.select_related("track__forum").get(track=track, slug=SESSION)


def delegates(track, count: int, *, status="confirmed", mode="onsite", language="en") -> list[Registration]:
    """`count` registrations in the given state, in queue order, spread over a few parliaments."""
    parliaments = factories.parliaments(5)
    registrations = []
    for index in range(count):
        member = factories.member(track, parliaments[index % len(parliaments)])
        registrations.append(
            Registration.objects.create(
                track=track,
                person=member.person,
                delegation=member.delegation,
                member=member,
                kind=member.kind,
                status=status,
                waiting_for="venue" if status == Registration.Status.WAITLISTED else "",
                mode=mode,
                queue_number=Registration.objects.filter(track=track).count() + 1,
                consent_at=timezone.now(),
                consent_language=language,
                **factories.registration_data(member, language=language),
            )
        )
    return registrations


def link_of(registration: Registration) -> str:
    return member_token(registration.member)
