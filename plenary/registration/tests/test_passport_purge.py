"""Passport data goes as the privacy notice promises: after the event, and at once when a
registration is cancelled or rejected. The purge runs as a periodic job, tested on a frozen clock."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from plenary.core.models import AuditEntry
from plenary.events.models import Track
from plenary.registration import services
from plenary.registration.models import Registration, TrackCapacity
from plenary.registration.tests import factories

PASSPORT = {"visa_letter": True, "passport_number": "X1234567", "passport_expiry": dt.date(2030, 1, 31)}


@pytest.fixture
def later_track(igf_track):
    """A second track of the same forum (Kyoto time), one day longer than the IGF's."""
    track = Track.objects.create(
        forum=igf_track.forum,
        slug="later-pt",
        name={"en": "Later track"},
        start_date=igf_track.start_date,
        end_date=igf_track.end_date + dt.timedelta(days=1),
    )
    TrackCapacity.objects.create(track=track, onsite_seats=10)
    return track


def register_with_passport(track, parliament) -> Registration:
    member = factories.member(track, parliament)
    return services.submit_registration(member=member, data=factories.registration_data(member, **PASSPORT))


def passports(track) -> list:
    return list(Registration.objects.filter(track=track).values_list("passport_number", "passport_expiry"))


def run_periodic_purge(monkeypatch, at: dt.datetime):
    monkeypatch.setattr(timezone, "now", lambda: at)
    path, _interval = settings.PLENARY_PERIODIC_JOBS["passport-purge"]
    return import_string(path)()


def test_the_periodic_purge_clears_exactly_the_tracks_whose_last_day_is_over(
    monkeypatch, igf_track, capacity, later_track, two_parliaments
):
    for track in (igf_track, later_track):
        register_with_passport(track, two_parliaments[0])
    # The IGF track's last day is 9 October 2023 in Kyoto (UTC+9).
    last_minute_in_kyoto = dt.datetime(2023, 10, 9, 14, 59, tzinfo=dt.UTC)
    assert run_periodic_purge(monkeypatch, last_minute_in_kyoto) == {}
    assert passports(igf_track) == [("X1234567", dt.date(2030, 1, 31))]

    next_day_in_kyoto = dt.datetime(2023, 10, 9, 15, 0, tzinfo=dt.UTC)
    assert run_periodic_purge(monkeypatch, next_day_in_kyoto) == {"igf2023-pt": 1}
    assert (passports(igf_track), passports(later_track)) == (
        [("", None)],
        [("X1234567", dt.date(2030, 1, 31))],
    )
    entry = AuditEntry.objects.filter(action="registration.passports_purged").get()
    assert (entry.changes, entry.actor) == ({"count": 1}, None)

    assert run_periodic_purge(monkeypatch, next_day_in_kyoto) == {}


def test_the_periodic_job_is_declared_with_an_interval():
    assert settings.PLENARY_PERIODIC_JOBS["passport-purge"] == (
        "plenary.registration.services.purge_due_passports",
        3600,
    )


def test_a_cancelled_registration_loses_its_passport_data(igf_track, capacity, two_parliaments):
    registration = register_with_passport(igf_track, two_parliaments[0])
    services.cancel(registration=registration, actor=None)
    assert passports(igf_track) == [("", None)]


def test_a_rejected_registration_loses_its_passport_data(igf_track, capacity, two_parliaments):
    capacity.requires_vetting = True
    capacity.save()
    registration = register_with_passport(igf_track, two_parliaments[0])
    services.reject(registration=registration, reason="Not a member of parliament", actor=None)
    assert passports(igf_track) == [("", None)]
