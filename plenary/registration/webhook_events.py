"""The webhook events of registration: what an integrator's system is told, ids and statuses only
(never passport data)."""

from plenary.webhooks.models import Event
from plenary.webhooks.services import emit, emit_all

STATUS_EVENTS = {
    "confirmed": Event.REGISTRATION_CONFIRMED,
    "waitlisted": Event.REGISTRATION_WAITLISTED,
    "cancelled": Event.REGISTRATION_CANCELLED,
    "rejected": Event.REGISTRATION_REJECTED,
}


def _registration(registration, **extra) -> dict:
    return {
        "registration": registration.pk,
        "reference": registration.reference,
        "delegation": registration.delegation_id,
        "person": registration.person_id,
        "status": registration.status,
        "mode": registration.mode,
        "queue_number": registration.queue_number,
        "waiting_for": registration.waiting_for,
        "updated_at": registration.updated_at,
        **extra,
    }


def invitation_answered(delegation) -> None:
    data = {
        "delegation": delegation.pk,
        "parliament": delegation.parliament_id,
        "response": delegation.response,
        "responded_at": delegation.responded_at,
    }
    emit(delegation.track_id, Event.INVITATION_ANSWERED, data)


def registration_created(registration) -> None:
    data = _registration(registration)
    events = [(Event.REGISTRATION_CREATED, data)]
    if registration.status in STATUS_EVENTS:
        events.append((STATUS_EVENTS[registration.status], data))
    emit_all(registration.track_id, events)


def status_changed(registration) -> None:
    event = STATUS_EVENTS.get(registration.status)
    if event is not None:
        emit(registration.track_id, event, _registration(registration))


def promoted(registration, promoted_from: str) -> None:
    data = _registration(registration, promoted_from=promoted_from)
    emit(registration.track_id, Event.REGISTRATION_PROMOTED, data)


def checked_in(registration, checkin) -> None:
    data = _registration(registration, day=checkin.day, checked_in_at=checkin.at)
    emit(registration.track_id, Event.REGISTRATION_CHECKED_IN, data)
