"""Retention per track on a frozen clock: each kind goes on its day (in the forum's time zone), the
job records counts only, and anonymised registrations still count in every report."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from plenary.core.periodic import configured_jobs
from plenary.documents.selectors import listed_registrations
from plenary.privacy import selectors, services
from plenary.privacy.models import RetentionPolicy, RetentionRun
from plenary.privacy.tests.conftest import reports
from plenary.registration.models import Registration

pytestmark = pytest.mark.django_db

KYOTO = ZoneInfo("Asia/Tokyo")


def at(*when) -> dt.datetime:
    return dt.datetime(*when, tzinfo=KYOTO)


@pytest.fixture
def policy(igf_track):
    return RetentionPolicy.objects.create(
        track=igf_track, passport_days=0, photo_days=30, contact_days=60, registration_days=90
    )


@pytest.fixture
def listed(zephyrine):
    """Her registration confirmed, with a photo, listed among the participants."""
    Registration.objects.filter(pk=zephyrine.pk).update(
        list_consent_at=at(2023, 9, 1), list_consent_language="en"
    )
    zephyrine.refresh_from_db()
    zephyrine.photo.save("photo.jpg", ContentFile(b"\xff\xd8 not really a photo \xff\xd9"), save=True)
    return zephyrine


def held(registration) -> dict:
    registration.refresh_from_db()
    return {
        "passport": (registration.passport_number, registration.passport_expiry),
        "photo": bool(registration.photo),
        "contact": (registration.email, registration.accessibility, registration.dietary),
        "name": (registration.given_name, registration.family_name, registration.name_arabic),
        "anonymised": registration.anonymised_at is not None,
    }


def runs(track) -> list[tuple]:
    return list(
        RetentionRun.objects.filter(track=track).order_by("pk").values_list("kind", "ran_at", "count")
    )


def test_the_track_policy_gives_each_kind_its_day_after_the_last_day(igf_track, policy):
    schedule = selectors.retention_schedule(igf_track, now=at(2023, 11, 9, 0, 0))
    assert igf_track.end_date == dt.date(2023, 10, 9)
    assert [(row.kind, row.days_kept, row.due_on, row.is_due) for row in schedule] == [
        ("passport", 0, dt.date(2023, 10, 10), True),
        ("photo", 30, dt.date(2023, 11, 9), True),
        ("contact", 60, dt.date(2023, 12, 9), False),
        ("registration", 90, dt.date(2024, 1, 8), False),
    ]


def test_each_kind_goes_on_its_day_in_kyoto_and_the_job_records_counts_only(igf_track, policy, listed):
    passport = ("QZ7788123", dt.date(2031, 5, 31))
    contact = ("zephyrine.q@example.org", "Step-free access", "Vegetarian")
    name = ("Zephyrine", "Quillfeather", "زفيرين كويلفيذر")
    before = reports(igf_track)
    assert before["lists"] == {
        ("status", "confirmed"): 1,
        ("mode", "onsite"): 1,
        ("gender", "female"): 1,
        ("visa", "1"): 1,
    }

    assert services.apply_due_retention(now=at(2023, 10, 9, 23, 59)) == {}
    assert held(listed) == {
        "passport": passport,
        "photo": True,
        "contact": contact,
        "name": name,
        "anonymised": False,
    }

    assert services.apply_due_retention(now=at(2023, 10, 10, 0, 0)) == {"igf2023-pt": {"passport": 1}}
    assert held(listed)["passport"] == ("", None)
    assert services.apply_due_retention(now=at(2023, 11, 8, 23, 59)) == {}
    assert services.apply_due_retention(now=at(2023, 11, 9, 0, 0)) == {"igf2023-pt": {"photo": 1}}
    assert held(listed)["photo"] is False
    assert services.apply_due_retention(now=at(2023, 12, 9, 0, 0)) == {"igf2023-pt": {"contact": 1}}
    assert held(listed)["contact"] == ("", "", "")
    assert held(listed)["name"] == name
    assert list(listed_registrations(igf_track)) == [listed]

    assert services.apply_due_retention(now=at(2024, 1, 8, 0, 0)) == {"igf2023-pt": {"registration": 1}}
    assert held(listed) == {
        "passport": ("", None),
        "photo": False,
        "contact": ("", "", ""),
        "name": ("", "", ""),
        "anonymised": True,
    }
    assert services.apply_due_retention(now=at(2024, 6, 1, 0, 0)) == {}
    assert runs(igf_track) == [
        ("passport", at(2023, 10, 10, 0, 0), 1),
        ("photo", at(2023, 11, 9, 0, 0), 1),
        ("contact", at(2023, 12, 9, 0, 0), 1),
        ("registration", at(2024, 1, 8, 0, 0), 1),
    ]
    assert reports(igf_track) == before
    assert list(listed_registrations(igf_track)) == []


def test_privacy_status_prints_each_kind_its_day_and_what_is_still_held(igf_track, policy, listed):
    services.apply_due_retention(now=at(2023, 10, 10, 0, 0))
    out = io.StringIO()
    call_command("privacy", "status", "--track", "igf2023-pt", stdout=out)
    assert out.getvalue().splitlines() == [
        "igf2023-pt (last day 2023-10-09)",
        "  passport         0 days  goes on 2023-10-10  due       0 held",
        "  photo           30 days  goes on 2023-11-09  due       1 held",
        "  contact         60 days  goes on 2023-12-09  due       1 held",
        "  registration    90 days  goes on 2024-01-08  due       1 held",
        "  erasure requests waiting: 0",
    ]


def test_plenary_work_runs_the_retention_once_a_day():
    function, interval = configured_jobs()["privacy-retention"]
    assert (function, interval) == (services.apply_due_retention, dt.timedelta(days=1))


def test_privacy_apply_runs_the_job_now_and_prints_the_counts(igf_track, policy, listed):
    out = io.StringIO()
    call_command("privacy", "apply", stdout=out)
    assert out.getvalue() == "igf2023-pt: passport 1, photo 1, contact 1, registration 1\n"
    assert held(listed)["anonymised"] is True
