"""Small builders shared by the funding tests."""

import datetime as dt
import itertools

from django.utils import timezone

from plenary.directory.models import Parliament, Person
from plenary.funding import services
from plenary.registration.models import MemberKind, Mode, Registration
from plenary.registration.services import delegation_for

_numbers = itertools.count(1)
CRITERIA = [
    ("digital-committee", "Member of a committee on digital affairs", 3),
    ("contribution", "Expected contribution as speaker or rapporteur", 2),
    ("first-time", "First-time participant", 1),
]


def call(track, **fields):
    today = timezone.localdate()
    values = {
        "title": "Travel funding for MPs from the global South",
        "budget": 20_000,
        "opens_on": today - dt.timedelta(days=10),
        "closes_on": today + dt.timedelta(days=10),
        "daily_allowance": 300,
        "terminal_expenses": 100,
        "min_women_percent": 0,
    }
    return services.create_call(track=track, actor=None, criteria=CRITERIA, **(values | fields))


def mp(iso3, *, gender="female", language="en", track=None, registered=True, mode=Mode.ONSITE):
    number = next(_numbers)
    parliament = Parliament.objects.get(country__iso3=iso3)
    person = Person.objects.create(
        parliament=parliament,
        given_name="Member",
        family_name=f"{iso3} {number}",
        gender=gender,
        email=f"mp{number}.{iso3.lower()}@example.org",
        preferred_language=language,
    )
    if track is not None and registered:
        Registration.objects.create(
            track=track,
            person=person,
            delegation=delegation_for(track=track, parliament=parliament),
            status=Registration.Status.CONFIRMED,
            mode=mode,
            kind=MemberKind.MP,
            email=person.email,
            given_name=person.given_name,
            family_name=person.family_name,
            nationality=parliament.country,
            consent_at=timezone.now(),
            consent_language="en",
        )
    return person


def application_data(**overrides):
    data = {
        "motivation": "I chair the committee on ICT.",
        "digital_committee": True,
        "first_time": True,
        "full_package": True,
        "itinerary": "Kathmandu – Osaka – Kyoto",
        "airfare_quote": 1400,
        "nights": 4,
    }
    return data | overrides


def applied(funding_call, person, *, language="en", endorse=True, **data):
    application = services.submit_application(
        call=funding_call, person=person, data=application_data(**data), language=language, actor=None
    )
    if endorse:
        application.endorsed_at = timezone.now()
        application.save(update_fields=["endorsed_at"])
    return application
