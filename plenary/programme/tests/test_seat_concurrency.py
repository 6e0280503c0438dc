"""Session seats under load, on PostgreSQL, with real parallel connections."""

import pytest

from plenary.core.models import AuditEntry, OutboxMessage
from plenary.core.testing import run_at_once
from plenary.programme import demo, services
from plenary.programme.tests.seats import delegates, open_track, session_with_seats
from plenary.registration import services as registration_services


def seats_in_queue_order(session) -> list[tuple[int, str]]:
    return list(session.seats.order_by("queue_number").values_list("registration_id", "status"))


@pytest.mark.postgres
def test_30_delegates_against_10_seats_then_5_give_up_and_5_cancel_at_once(igf_demo_committed):
    track = demo.load()
    open_track(track)
    session = session_with_seats(track, 10)
    people = delegates(track, 30)

    run_at_once(
        [
            (
                lambda registration=registration: services.reserve_seat(
                    session=session, registration=registration, actor=None
                )
            )
            for registration in people
        ]
    )

    queue = seats_in_queue_order(session)
    assert sorted(registration_id for registration_id, _status in queue) == sorted(r.pk for r in people)
    assert [status for _registration_id, status in queue] == ["held"] * 10 + ["waiting"] * 20
    assert list(session.seats.order_by("queue_number").values_list("queue_number", flat=True)) == list(
        range(1, 31)
    )
    waiting = [registration_id for registration_id, status in queue if status == "waiting"]

    holders = [registration_id for registration_id, status in queue if status == "held"]
    leaving = [registration for registration in people if registration.pk in holders[:5]]
    run_at_once(
        [
            (
                lambda registration=registration: services.give_up_seat(
                    session=session, registration=registration, actor=None
                )
            )
            for registration in leaving
        ]
    )

    queue = seats_in_queue_order(session)
    assert [registration_id for registration_id, status in queue if status == "held"] == holders[
        5:
    ] + waiting[:5]
    assert [registration_id for registration_id, status in queue if status == "waiting"] == waiting[5:]
    assert AuditEntry.objects.filter(action="programme.seat_promoted").count() == 5
    promoted_emails = OutboxMessage.objects.filter(dedupe_key__startswith="programme-seat-promoted:")
    promoted_addresses = sorted(address for message in promoted_emails for address in message.to)
    assert promoted_addresses == sorted(r.email for r in people if r.pk in waiting[:5])

    cancelling = [registration for registration in people if registration.pk in holders[5:]]
    run_at_once(
        [
            (
                lambda registration=registration: registration_services.cancel(
                    registration=registration, actor=None
                )
            )
            for registration in cancelling
        ]
    )

    queue = seats_in_queue_order(session)
    assert [registration_id for registration_id, status in queue if status == "held"] == waiting[:10]
    assert [registration_id for registration_id, status in queue if status == "waiting"] == waiting[10:]
    assert session.seats.filter(status="held").count() == 10
    assert AuditEntry.objects.filter(action="programme.seat_promoted").count() == 10
    assert OutboxMessage.objects.filter(dedupe_key__startswith="programme-seat-promoted:").count() == 10
