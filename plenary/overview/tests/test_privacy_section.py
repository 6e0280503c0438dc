"""The dashboard's personal-data section: each kind's day and what still holds it, and the erasure
requests waiting (docs/privacy.md)."""

import pytest
from django.utils import translation

from plenary.overview import figures
from plenary.privacy.models import ErasureRequest, RetentionPolicy
from plenary.registration.tests import factories

pytestmark = pytest.mark.django_db


def test_the_section_gives_each_kind_its_day_and_the_requests_waiting(igf_track):
    RetentionPolicy.objects.create(
        track=igf_track, passport_days=0, photo_days=30, contact_days=60, registration_days=90
    )
    member = factories.member(igf_track, factories.parliaments(1)[0])
    ErasureRequest.objects.create(person=member.person, track=igf_track)
    with translation.override("en"):
        section = figures.privacy_section(igf_track)
        facts = [(str(term), value) for term, value in section.facts]
    assert (section.key, str(section.title)) == ("privacy", "Personal data")
    assert facts == [
        ("Passport data and visa requests", "goes on 10 October 2023; 0 records hold it"),
        ("Badge photos", "goes on 9 November 2023; 0 records hold it"),
        ("Contact details and needs", "goes on 9 December 2023; 0 records hold it"),
        ("Registrations (become anonymous counts)", "goes on 8 January 2024; 0 records hold it"),
        ("Erasure requests waiting", "1"),
    ]
