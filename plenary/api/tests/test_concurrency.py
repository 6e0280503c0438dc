"""The same badge scanned at several desks at once, the same payment sent again while the first is
still being recorded: on PostgreSQL with parallel connections."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from plenary.api import services
from plenary.api.tests.conftest import submit
from plenary.core.models import AuditEntry, Role
from plenary.core.testing import make_user, run_at_once
from plenary.funding import services as funding_services
from plenary.funding.models import LedgerEntry
from plenary.funding.tests import factories as funding_factories
from plenary.registration.models import CheckIn, TrackCapacity
from plenary.registration.tests import factories


@pytest.mark.postgres
def test_the_same_scan_at_once_from_eight_desks_records_once(igf_demo_committed):
    track = igf_demo_committed
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": 10})
    registration = submit(track, factories.parliaments(1)[0])
    owner = make_user("desks@example.org", Role.SECRETARIAT)
    _token, secret = services.create_token(
        owner=owner,
        name="desks",
        scopes=["write:check-in"],
        track=track,
        expires_at=timezone.now() + dt.timedelta(days=1),
        actor=owner,
    )

    def scan():
        response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
            f"/api/v1/tracks/{track.slug}/check-ins",
            {"reference": registration.reference, "day": str(track.start_date)},
            content_type="application/json",
        )
        return response.status_code, response.json()["already"]

    answers = run_at_once([scan] * 8)

    assert sorted(answers) == [(200, True)] * 7 + [(201, False)]
    assert CheckIn.objects.filter(registration=registration).count() == 1
    assert AuditEntry.objects.filter(action="registration.checked_in").count() == 1


@pytest.mark.postgres
def test_the_same_payment_sent_at_once_from_six_retries_records_once(igf_demo_committed):
    track = igf_demo_committed
    owner = make_user("finance@example.org", Role.SECRETARIAT)
    call = funding_factories.call(track, budget=10_000)
    application = funding_factories.applied(call, funding_factories.mp("NPL", track=track))
    funding_services.approve_grant(application=application, amount=3000, actor=owner)
    funding_services.accept_offer(application=application, actor=owner)
    _token, secret = services.create_token(
        owner=owner,
        name="finance",
        scopes=["write:payments"],
        track=track,
        expires_at=timezone.now() + dt.timedelta(days=1),
        actor=owner,
    )

    def pay():
        response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
            f"/api/v1/tracks/{track.slug}/applications/{application.pk}/payments",
            {"amount": 1000},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="transfer-2023-117",
        )
        return response.status_code, response.json()["paid"]

    answers = run_at_once([pay] * 6)

    assert sorted(answers) == [(200, 1000)] * 5 + [(201, 1000)]
    assert LedgerEntry.objects.filter(application=application, kind="payment").count() == 1
    assert AuditEntry.objects.filter(action="funding.grant.pay").count() == 1
    call.refresh_from_db()
    assert call.paid == 1000
