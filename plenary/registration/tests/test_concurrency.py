"""The waiting list under load, on PostgreSQL, with real parallel connections."""

import threading

import pytest
from django.db import connection

from plenary.core.models import AuditEntry
from plenary.registration import services
from plenary.registration.models import Registration, TrackCapacity
from plenary.registration.tests import factories

# The server's max_connections (100) is shared with other databases: at most this many of the
# threads hold a connection at the same moment; every submission still has a connection of its own.
MAX_OPEN_CONNECTIONS = 40


def run_at_once(calls):
    """Run each call in its own thread, all released together; each opens and closes its connection."""
    start = threading.Barrier(len(calls))
    gate = threading.BoundedSemaphore(MAX_OPEN_CONNECTIONS)
    errors = []

    def worker(call):
        start.wait()
        with gate:
            try:
                call()
            except Exception as error:  # reported below: the test fails on any
                errors.append(error)
            finally:
                connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.postgres
def test_200_onsite_registrations_against_50_seats_then_10_cancellations(igf_demo_committed):
    track = igf_demo_committed
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": 50})
    members = [
        factories.member(track, parliament) for parliament in factories.parliaments(20) for _ in range(10)
    ]
    assert len(members) == 200

    run_at_once(
        [
            (
                lambda member=member: services.submit_registration(
                    member=member, data=factories.registration_data(member, mode="onsite")
                )
            )
            for member in members
        ]
    )

    registrations = list(Registration.objects.filter(track=track).order_by("queue_number"))
    assert len(registrations) == 200
    assert sorted(r.member_id for r in registrations) == sorted(m.pk for m in members)
    assert [r.queue_number for r in registrations] == list(range(1, 201))
    assert [r.status for r in registrations] == ["confirmed"] * 50 + ["waitlisted"] * 150

    leaving = registrations[:10]
    run_at_once(
        [
            (lambda registration=registration: services.cancel(registration=registration, actor=None))
            for registration in leaving
        ]
    )

    by_queue = {r.queue_number: r.status for r in Registration.objects.filter(track=track)}
    assert [by_queue[n] for n in range(1, 11)] == ["cancelled"] * 10
    assert [by_queue[n] for n in range(11, 61)] == ["confirmed"] * 50
    assert [by_queue[n] for n in range(61, 201)] == ["waitlisted"] * 140
    assert Registration.objects.filter(track=track, status="confirmed", mode="onsite").count() == 50
    assert AuditEntry.objects.filter(action="registration.promoted").count() == 10
