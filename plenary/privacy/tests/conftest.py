import datetime as dt

import pytest
from django.utils import translation

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.directory.models import Person
from plenary.overview import figures
from plenary.overview.documents import women_rows
from plenary.registration import selectors as registration_selectors
from plenary.registration import services as registration_services
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories

PASSPORT = {"visa_letter": True, "passport_number": "QZ7788123", "passport_expiry": dt.date(2031, 5, 31)}


@pytest.fixture(autouse=True)
def english():
    """Requests leave their language active in the thread; each test starts in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def capacity(igf_track):
    return TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 500})[0]


@pytest.fixture
def parliament(db):
    return factories.parliaments(1)[0]


@pytest.fixture
def focal_point(parliament):
    return make_user("focal.privacy@example.org", Role.FOCAL_POINT, parliament=parliament)


def register(track, parliament, *, given, family, email, **data):
    """A delegate with a directory entry, an account, and a registration with passport data."""
    member = factories.member(track, parliament, given=given, family=family)
    person = member.person
    person.email = email
    person.phone = "+41 22 919 4150"
    person.gender = Person.Gender.FEMALE
    person.user = make_user(email, Role.DELEGATE, parliament=parliament)
    person.save()
    fields = factories.registration_data(member, **PASSPORT) | {"gender": "female"} | data
    return registration_services.submit_registration(member=member, data=fields)


@pytest.fixture
def zephyrine(igf_track, capacity, parliament):
    return register(
        igf_track,
        parliament,
        given="Zephyrine",
        family="Quillfeather",
        email="zephyrine.q@example.org",
        name_arabic="زفيرين كويلفيذر",
        accessibility="Step-free access",
        dietary="Vegetarian",
    )


def reports(track) -> dict:
    """What the secretariat's reports count: the dashboard's registration sections, the women in
    delegations table, and the secretariat's registration list under its filters."""
    return {
        "counts": registration_selectors.registration_counts(track),
        "per_day": registration_selectors.registrations_per_day(track),
        "registrations": repr(figures.registrations(track)),
        "composition": repr(figures.composition(track)),
        "seats": repr(figures.seats(track)),
        "women": women_rows(track),
        "lists": {
            filters: registration_selectors.registrations_for_secretariat(track, dict([filters])).count()
            for filters in (("status", "confirmed"), ("mode", "onsite"), ("gender", "female"), ("visa", "1"))
        },
    }
