import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from plenary.api import services
from plenary.api.models import Scope
from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.registration import services as registration_services
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories

ALL_SCOPES = list(Scope.values)


@pytest.fixture(autouse=True)
def english_and_fresh_counters():
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture
def api_secretariat(db):
    return make_user("api.secretariat@example.org", Role.SECRETARIAT)


@pytest.fixture
def parliaments(db):
    return factories.parliaments(2)


@pytest.fixture
def focal(parliaments):
    return make_user("api.focal@example.org", Role.FOCAL_POINT, parliament=parliaments[0])


@pytest.fixture
def capacity(igf_track):
    return TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 50})[0]


def submit(track, parliament, **data):
    member = factories.member(track, parliament)
    return registration_services.submit_registration(
        member=member, data=factories.registration_data(member, **data)
    )


@pytest.fixture
def registrations(igf_track, capacity, parliaments):
    """Three confirmed onsite registrations of the first parliament, two of the second."""
    return [submit(igf_track, parliaments[0]) for _ in range(3)] + [
        submit(igf_track, parliaments[1]) for _ in range(2)
    ]


@pytest.fixture
def make_token(igf_track, api_secretariat):
    def make(scopes=ALL_SCOPES, *, owner=None, parliament=None, track=None, expires_in=dt.timedelta(days=30)):
        owner = owner or api_secretariat
        token, secret = services.create_token(
            owner=owner,
            name="badge printer",
            scopes=scopes,
            track=track or igf_track,
            expires_at=timezone.now() + expires_in,
            actor=owner,
            parliament=parliament,
        )
        return token, secret

    return make


def bearer(secret: str, **headers) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", **headers)


@pytest.fixture
def api(make_token):
    """A client with a token of every scope, made by the secretariat."""
    return bearer(make_token()[1])
