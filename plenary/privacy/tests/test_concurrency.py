"""Erasure under parallel clicks, on PostgreSQL, with real parallel connections: one request per
person, one erasure, one e-mail."""

import pytest

from plenary.core import outbox
from plenary.core.models import Role
from plenary.core.testing import make_user, run_at_once
from plenary.privacy import services
from plenary.privacy.models import ErasureRequest
from plenary.privacy.tests.conftest import register
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories


@pytest.mark.postgres
def test_eight_requests_at_once_make_one_and_two_confirmations_at_once_erase_once(igf_demo_committed):
    track = igf_demo_committed
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": 10})
    registration = register(
        track, factories.parliaments(1)[0], given="Ines", family="Okonkwo-Berg", email="ines.ob@example.org"
    )
    person = registration.person
    secretariat = make_user("privacy.staff@example.org", Role.SECRETARIAT)

    asked = run_at_once(
        [
            lambda: services.request_erasure(
                person=person, track=track, actor=None, language="en", by_focal_point=False
            )
        ]
        * 8
    )
    (erasure,) = ErasureRequest.objects.all()
    assert [request.pk for request in asked] == [erasure.pk] * 8

    confirmed = run_at_once(
        [lambda: services.confirm_erasure(erasure=erasure, kept="", actor=secretariat)] * 2,
        expected=(services.PrivacyError,),
    )
    assert sorted(type(outcome).__name__ for outcome in confirmed) == ["ErasureRequest", "PrivacyError"]
    assert len(outbox.messages_for(erasure)) == 1
