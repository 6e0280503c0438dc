"""VTIMEZONE components written from the IANA database, each onset in the wall-clock time it ends.

RFC 5545 (3.6.5) reads an observance's DTSTART in the offset in force before it (TZOFFSETFROM): the
change to summer time in Berlin starts at 02:00, when clocks jump to 03:00. icalendar's
`add_missing_timezones` writes 03:00, so calendar apps that read the VTIMEZONE put the change an
hour late. The observances here are found by scanning `zoneinfo` itself, one component per change.
"""

import datetime as dt
import zoneinfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

SCAN_STEP = dt.timedelta(days=1)


def _state(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> tuple:
    local = instant.astimezone(zone)
    return local.utcoffset(), local.dst(), local.tzname()


def _change_between(zone: zoneinfo.ZoneInfo, before: dt.datetime, after: dt.datetime) -> dt.datetime:
    """The first second at which the zone's state differs from its state at `before`."""
    state = _state(zone, before)
    while after - before > dt.timedelta(seconds=1):
        middle = before + (after - before) / 2
        middle = middle.replace(microsecond=0)
        if _state(zone, middle) == state:
            before = middle
        else:
            after = middle
    return after


def changes(zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Every instant (UTC) in [start, end) at which the zone's offset, daylight saving or name changes."""
    found = []
    day = start
    while day < end:
        following = min(day + SCAN_STEP, end)
        if _state(zone, day) != _state(zone, following):
            change = _change_between(zone, day, following)
            found.append(change)
            day = change
        else:
            day = following
    return found


def _observance(zone: zoneinfo.ZoneInfo, instant: dt.datetime, offset_from: dt.timedelta):
    offset_to, daylight_saving, name = _state(zone, instant)
    observance = TimezoneDaylight() if daylight_saving else TimezoneStandard()
    observance.add("dtstart", (instant + offset_from).replace(tzinfo=None))
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", offset_to)
    observance.add("tzname", name)
    return observance


def vtimezone(name: str, first_year: int, last_year: int) -> Timezone:
    """The zone's observances from 1 January of `first_year` to the end of `last_year` (UTC)."""
    zone = zoneinfo.ZoneInfo(name)
    start = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    component = Timezone()
    component.add("tzid", name)
    component.add_component(_observance(zone, start, _state(zone, start)[0]))
    for change in changes(zone, start, end):
        before = _state(zone, change - dt.timedelta(seconds=1))[0]
        component.add_component(_observance(zone, change, before))
    return component
