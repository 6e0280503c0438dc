"""The waiting list under load, on PostgreSQL, with real parallel connections."""

import pytest

from plenary.core.models import AuditEntry
from plenary.core.testing import run_at_once
from plenary.registration import services
from plenary.registration.models import Registration, TrackCapacity
from plenary.registration.tests import factories


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


@pytest.mark.postgres
def test_parallel_registrations_of_one_delegation_keep_its_limit_and_are_promoted_in_submission_order(
    igf_demo_committed,
):
    """30 members of one delegation (limit 3 MPs onsite, 50 seats) register at once; then its 3 confirmed
    members cancel while 10 more members register, all at once: the places go to queue numbers 4–6."""
    track = igf_demo_committed
    TrackCapacity.objects.update_or_create(
        track=track, defaults={"onsite_seats": 50, "onsite_mps_per_delegation": 3}
    )
    parliament = factories.parliaments(1)[0]
    members = [factories.member(track, parliament) for _ in range(40)]

    def submitting(member):
        return lambda: services.submit_registration(
            member=member, data=factories.registration_data(member, mode="onsite")
        )

    run_at_once([submitting(member) for member in members[:30]])

    registrations = list(Registration.objects.filter(track=track).order_by("queue_number"))
    assert [r.queue_number for r in registrations] == list(range(1, 31))
    assert [(r.status, r.waiting_for) for r in registrations] == [("confirmed", "")] * 3 + [
        ("waitlisted", "delegation")
    ] * 27

    cancelling = [
        (lambda registration=registration: services.cancel(registration=registration, actor=None))
        for registration in registrations[:3]
    ]
    run_at_once(cancelling + [submitting(member) for member in members[30:]])

    by_queue = {r.queue_number: r for r in Registration.objects.filter(track=track)}
    assert sorted(by_queue) == list(range(1, 41))
    assert [by_queue[n].status for n in range(1, 7)] == ["cancelled"] * 3 + ["confirmed"] * 3
    assert [(by_queue[n].status, by_queue[n].waiting_for) for n in range(7, 41)] == [
        ("waitlisted", "delegation")
    ] * 34
    assert Registration.objects.filter(track=track, status="confirmed").count() == 3
    promoted = AuditEntry.objects.filter(action="registration.promoted").values_list("target_id", flat=True)
    assert sorted(promoted) == sorted(str(by_queue[n].pk) for n in range(4, 7))
