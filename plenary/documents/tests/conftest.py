import datetime as dt

import pytest
from django.utils import timezone, translation

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament
from plenary.registration import services
from plenary.registration.models import DelegationRole, TrackCapacity
from plenary.registration.tests import factories

# Six countries whose names order differently in each language (the Arabic ones with the article).
COUNTRIES = ["DZA", "BHR", "EGY", "FRA", "JPN", "JOR"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def capacity(igf_track):
    return TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 50})[0]


@pytest.fixture
def secretariat(db):
    return make_user("documents-secretariat@example.org", Role.SECRETARIAT)


def parliament(iso3: str) -> Parliament:
    return Parliament.objects.select_related("country").get(country__iso3=iso3)


def register(track, iso3: str, family: str, *, listed=True, role=DelegationRole.MEMBER, **data):
    member = factories.member(track, parliament(iso3), family=family, role=role)
    consent = {"list_consent_at": timezone.now(), "list_consent_language": "en", "list_consent_version": "1"}
    return services.submit_registration(
        member=member, data=factories.registration_data(member, **(consent if listed else {}), **data)
    )


def check_in(registration, day: dt.date | None = None):
    return services.check_in(registration=registration, actor=None, day=day or registration.track.start_date)[
        0
    ]
