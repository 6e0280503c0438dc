"""The secretariat's page for one registration shows what vetting needs."""

import datetime as dt
import re

from django.urls import reverse

from plenary.registration import services
from plenary.registration.models import Registration
from plenary.registration.tests import factories

SUBMITTED = dt.datetime(2023, 9, 1, 0, 30, tzinfo=dt.UTC)


def _registration(track, parliament, **data) -> Registration:
    member = factories.member(track, parliament)
    registration = services.submit_registration(
        member=member, data=factories.registration_data(member, **data)
    )
    Registration.objects.filter(pk=registration.pk).update(created_at=SUBMITTED)
    return registration


def _facts(client, registration, language="en") -> dict[str, str]:
    path = reverse(
        "registration:secretariat_detail", kwargs={"track": registration.track.slug, "pk": registration.pk}
    )
    html = client.get(f"/{language}{path[3:]}").content.decode()
    return {
        name: re.sub(r"<[^>]+>", "", value).strip()
        for name, value in re.findall(r'<dd id="([a-z-]+)"[^>]*>(.*?)</dd>', html, re.S)
    }


def test_the_detail_page_shows_gender_visa_passport_and_submission(
    client, secretariat, igf_track, capacity, two_parliaments
):
    registration = _registration(
        igf_track,
        two_parliaments[0],
        gender="female",
        visa_letter=True,
        passport_number="X1234567",
        passport_expiry=dt.date(2030, 1, 31),
    )
    client.force_login(secretariat)
    facts = _facts(client, registration)
    assert {name: facts[name] for name in ("submitted-on", "gender", "visa-request")} == {
        "submitted-on": "1 September 2023, 09:30",
        "gender": "Female",
        "visa-request": "Requested",
    }
    assert (facts["passport-number"], facts["passport-expiry"]) == ("X1234567", "31 January 2030")
    arabic = _facts(client, registration, "ar")
    assert (arabic["gender"], arabic["visa-request"], arabic["submitted-on"]) == (
        "أنثى",
        "مطلوبة",
        "1 أيلول/سبتمبر 2023، 09:30",
    )


def test_without_a_visa_request_no_passport_fields_are_shown(
    client, secretariat, igf_track, capacity, two_parliaments
):
    registration = _registration(igf_track, two_parliaments[0], gender="undisclosed")
    client.force_login(secretariat)
    facts = _facts(client, registration)
    assert (facts["gender"], facts["visa-request"]) == ("Prefers not to say", "Not requested")
    assert ("passport-number" in facts, "passport-expiry" in facts) == (False, False)
