"""Each VTIMEZONE observance read as RFC 5545 reads it: DTSTART is the wall-clock time in TZOFFSETFROM."""

import datetime as dt
import zoneinfo

import icalendar
import pytest

from plenary.programme.time_zones import vtimezone

ZONES = [
    "Asia/Tokyo",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "America/Santiago",
    "Pacific/Auckland",
]


def offset(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> dt.timedelta:
    return instant.astimezone(zone).utcoffset()


def hourly_offset_changes(name: str, year: int) -> list[tuple[dt.timedelta, dt.timedelta]]:
    zone = zoneinfo.ZoneInfo(name)
    hour = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    found = []
    while hour.year == year:
        following = hour + dt.timedelta(hours=1)
        if offset(zone, hour) != offset(zone, following):
            found.append((offset(zone, hour), offset(zone, following)))
        hour = following
    return found


def onsets(component) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta]]:
    """(UTC instant, offset before, offset after) of every observance but the opening one."""
    read = []
    for observance in component.subcomponents[1:]:
        offset_from = observance.decoded("tzoffsetfrom")
        wall_clock = observance.decoded("dtstart")
        read.append(
            ((wall_clock - offset_from).replace(tzinfo=dt.UTC), offset_from, observance.decoded("tzoffsetto"))
        )
    return read


@pytest.mark.parametrize("name", ZONES)
def test_every_onset_is_the_instant_the_offset_changes(name):
    zone = zoneinfo.ZoneInfo(name)
    component = icalendar.Calendar.from_ical(vtimezone(name, 2023, 2024).to_ical())
    for instant, offset_from, offset_to in onsets(component):
        assert offset(zone, instant - dt.timedelta(seconds=1)) == offset_from
        assert offset(zone, instant) == offset_to
    expected = hourly_offset_changes(name, 2023) + hourly_offset_changes(name, 2024)
    assert [(before, after) for _, before, after in onsets(component)] == expected


def test_berlin_springs_forward_at_two_and_back_at_three():
    component = vtimezone("Europe/Berlin", 2023, 2023)
    read = [
        (
            observance.name,
            observance.decoded("dtstart"),
            observance.decoded("tzoffsetfrom"),
            str(observance["tzname"]),
        )
        for observance in component.subcomponents
    ]
    assert read == [
        ("STANDARD", dt.datetime(2023, 1, 1, 1, 0), dt.timedelta(hours=1), "CET"),
        ("DAYLIGHT", dt.datetime(2023, 3, 26, 2, 0), dt.timedelta(hours=1), "CEST"),
        ("STANDARD", dt.datetime(2023, 10, 29, 3, 0), dt.timedelta(hours=2), "CET"),
    ]


def test_sydney_in_the_southern_hemisphere_starts_the_year_in_summer_time():
    component = vtimezone("Australia/Sydney", 2023, 2023)
    read = [(observance.name, observance.decoded("dtstart")) for observance in component.subcomponents]
    assert read == [
        ("DAYLIGHT", dt.datetime(2023, 1, 1, 11, 0)),
        ("STANDARD", dt.datetime(2023, 4, 2, 3, 0)),
        ("DAYLIGHT", dt.datetime(2023, 10, 1, 2, 0)),
    ]


@pytest.mark.django_db
def test_the_feed_writes_helsinki_spring_forward_at_three(client, programme_track):
    calendar = icalendar.Calendar.from_ical(client.get("/igf2023-pt/programme.ics").content)
    (helsinki,) = [zone for zone in calendar.walk("VTIMEZONE") if str(zone["tzid"]) == "Europe/Helsinki"]
    daylight = [observance.decoded("dtstart") for observance in helsinki.walk("DAYLIGHT")]
    assert daylight == [dt.datetime(2023, 3, 26, 3, 0)]
    assert [component.name for component in calendar.subcomponents[:4]] == ["VTIMEZONE"] * 4
