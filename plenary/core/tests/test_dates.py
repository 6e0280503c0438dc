import datetime as dt

import pytest

from plenary.core import dates
from plenary.core.dates import format_date, format_date_range

ARABIC_MONTHS = [
    (1, "15 كانون الثاني/يناير 2024"),
    (2, "15 شباط/فبراير 2024"),
    (3, "15 آذار/مارس 2024"),
    (4, "15 نيسان/أبريل 2024"),
    (5, "15 أيار/مايو 2024"),
    (6, "15 حزيران/يونيه 2024"),
    (7, "15 تموز/يوليه 2024"),
    (8, "15 آب/أغسطس 2024"),
    (9, "15 أيلول/سبتمبر 2024"),
    (10, "15 تشرين الأول/أكتوبر 2024"),
    (11, "15 تشرين الثاني/نوفمبر 2024"),
    (12, "15 كانون الأول/ديسمبر 2024"),
]


@pytest.mark.parametrize(("month", "expected"), ARABIC_MONTHS)
def test_arabic_dates_use_the_un_dual_month_form(month, expected):
    assert format_date(dt.date(2024, month, 15), "ar") == expected


def test_the_seed_letters_date():
    assert format_date(dt.date(2023, 8, 3), "ar") == "3 آب/أغسطس 2023"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "3 August 2023"),
        ("fr", "3 août 2023"),
        ("es", "3 de agosto de 2023"),
        ("ru", "3 августа 2023\u202fг."),
        ("zh-hans", "2023年8月3日"),
        ("ar", "3 آب/أغسطس 2023"),
    ],
)
def test_long_dates_in_the_six_languages(language, expected):
    assert format_date(dt.date(2023, 8, 3), language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "8–12 October 2023"),
        ("fr", "8–12 octobre 2023"),
        ("zh-hans", "2023年10月8日至12日"),
        ("ar", "من 8 إلى 12 تشرين الأول/أكتوبر 2023"),
    ],
)
def test_date_ranges_within_a_month(language, expected):
    assert format_date_range(dt.date(2023, 10, 8), dt.date(2023, 10, 12), language) == expected


def test_date_ranges_across_months():
    start, end = dt.date(2023, 6, 20), dt.date(2023, 7, 2)
    assert format_date_range(start, end, "ar") == "من 20 حزيران/يونيه إلى 2 تموز/يوليه 2023"
    assert format_date_range(start, end, "en") == "20 June 2023 – 2 July 2023"


def test_a_single_day_range_is_the_date():
    day = dt.date(2023, 10, 9)
    assert format_date_range(day, day, "en") == "9 October 2023"


def test_the_active_language_is_the_default():
    from django.utils import translation

    with translation.override("ar"):
        assert format_date(dt.date(2023, 10, 9)) == "9 تشرين الأول/أكتوبر 2023"


def test_time_zones_are_named_by_their_country_in_each_language():
    names = {language: dates.time_zone_names(language) for language in ("ar", "zh-hans", "en")}
    zones = ("Asia/Tokyo", "Europe/Helsinki", "America/Los_Angeles")
    assert [[names[language][zone] for zone in zones] for language in names] == [
        ["توقيت اليابان", "توقيت فنلندا", "توقيت الولايات المتحدة (لوس انجلوس)"],
        ["日本时间", "芬兰时间", "美国（洛杉矶）时间"],
        ["Japan Time", "Finland Time", "United States (Los Angeles) Time"],
    ]
    assert [zone in names["en"] for zone in ("UTC", "Etc/GMT+5", "EST5EDT")] == [False, False, False]
