"""Dates in the six UN languages; Arabic in the UN dual-month form (e.g. 3 آب/أغسطس 2023)."""

import datetime as dt
import functools
import zoneinfo

from babel.core import get_global
from babel.dates import format_date as babel_format_date
from babel.dates import get_timezone_location

from plenary.core.languages import babel_locale, language_or_current

# UN Arabic documents write the Levant/Iraq name, then the Egypt/Gulf name, with the UN spellings
# يونيه and يوليه; no CLDR locale has this form.
UN_ARABIC_MONTHS = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)


def format_date(value: dt.date, language: str | None = None) -> str:
    """The long date in `language` (default: the active one), with Western digits."""
    language = language_or_current(language)
    if language == "ar":
        return f"{value.day} {UN_ARABIC_MONTHS[value.month - 1]} {value.year}"
    return babel_format_date(value, format="long", locale=babel_locale(language))


def format_date_range(start: dt.date, end: dt.date, language: str | None = None) -> str:
    """'8–12 October 2023' in `language`; Arabic: 'من 8 إلى 12 تشرين الأول/أكتوبر 2023'."""
    language = language_or_current(language)
    if start == end:
        return format_date(start, language)
    if language == "ar":
        if (start.year, start.month) == (end.year, end.month):
            return f"من {start.day} إلى {format_date(end, 'ar')}"
        if start.year == end.year:
            return f"من {start.day} {UN_ARABIC_MONTHS[start.month - 1]} إلى {format_date(end, 'ar')}"
        return f"من {format_date(start, 'ar')} إلى {format_date(end, 'ar')}"
    if (start.year, start.month) != (end.year, end.month):
        return f"{format_date(start, language)} – {format_date(end, language)}"
    if language == "zh-hans":
        return f"{format_date(start, language)}至{end.day}日"
    return f"{start.day}–{format_date(end, language)}"


def format_clock(value: dt.datetime | dt.time) -> str:
    """A time of day as 24-hour HH:MM, Western digits in every language."""
    return value.strftime("%H:%M")


def format_clock_range(start: dt.datetime | dt.time, end: dt.datetime | dt.time) -> str:
    """'14:00–14:30'."""
    return f"{format_clock(start)}–{format_clock(end)}"


# CLDR's territories of no country: unknown, and the world (EST5EDT and the like).
NO_COUNTRY = frozenset({"ZZ", "001"})


@functools.cache
def time_zone_names(language: str) -> dict[str, str]:
    """Each IANA time zone that CLDR places in a country, named in `language` ("Asia/Tokyo":
    "توقيت اليابان", "America/Los_Angeles": "United States (Los Angeles) Time"). Zones of no
    country (UTC, Etc/GMT+5) are left out: they are shown by their IANA name."""
    territories = get_global("zone_territories")
    locale = babel_locale(language)
    return {
        zone: get_timezone_location(zone, locale=locale)
        for zone in sorted(zoneinfo.available_timezones())
        if territories.get(zone, "ZZ") not in NO_COUNTRY
    }
