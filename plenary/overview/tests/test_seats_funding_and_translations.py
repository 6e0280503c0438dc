import pytest
from django.utils import translation

from plenary.overview import figures
from plenary.overview.tests import fixtures


@pytest.fixture
def track(igf_track):
    parliaments = fixtures.build(igf_track)
    fixtures.add_sessions_funding_and_document(igf_track, parliaments)
    return igf_track


def section(track, key: str, language: str = "en") -> figures.Section:
    with translation.override(language):
        return next(section for section in figures.dashboard(track) if section.key == key)


def test_each_session_with_seats_shows_capacity_taken_and_waiting(track):
    seats = section(track, "session-seats")
    (table,) = seats.tables
    assert table.rows == [["Digital trust", "2", "2", "1"], ["Artificial intelligence", "5", "0", "0"]]
    assert [(row.label, row.value) for row in seats.charts[0].rows] == [
        ("Digital trust", 2),
        ("Artificial intelligence", 0),
    ]


def test_travel_funding_against_the_call_rules(track):
    funding = section(track, "funding")
    title = "Travel funding for MPs from the global South"
    assert funding.facts == [
        (f"{title}: budget", "US$10,000.00"),
        (f"{title}: committed", "US$3,700.00"),
        (f"{title}: paid", "US$1,000.00"),
        (f"{title}: women among the grants (the call asks at least 40%)", "67% (2 / 3)"),
        (f"{title}: people funded (the call allows at most 3)", "3"),
    ]
    (regions,) = funding.tables
    assert regions.rows == [
        ["African Group", "2", "1", "US$2,700.00", "1", "2"],
        ["Asia-Pacific Group", "1", "1", "US$1,000.00", "—", "—"],
        ["Eastern European Group", "0", "0", "US$0.00", "—", "—"],
        ["Latin American and Caribbean Group", "0", "0", "US$0.00", "—", "—"],
        ["Western European and Others Group", "0", "0", "US$0.00", "—", "—"],
    ]


def test_money_and_shares_in_french(track):
    facts = section(track, "funding", "fr").facts
    assert [value for _term, value in facts] == [
        "10\u202f000,00\u00a0$US",
        "3\u202f700,00\u00a0$US",
        "1\u202f000,00\u00a0$US",
        "67\u00a0% (2 / 3)",
        "3",
    ]


def test_translation_status_per_language(track):
    document = section(track, "output-document")
    (table,) = document.tables
    assert table.headers == ["Language", "Verified", "Draft", "Source changed since", "Missing"]
    assert table.rows == [
        ["Arabic", "0", "1", "0", "2"],
        ["Simplified Chinese", "0", "0", "0", "3"],
        ["English", "3", "0", "0", "0"],
        ["French", "1", "0", "1", "1"],
        ["Russian", "0", "0", "0", "3"],
        ["Spanish", "0", "0", "0", "3"],
    ]
    assert [row.value for row in document.charts[0].rows] == [0, 0, 3, 1, 0, 0]


@pytest.mark.parametrize(
    ("language", "deadline", "note"),
    [
        (
            "en",
            "13 September 2023 – registration deadline",
            "Registration closes after 13 September 2023. The track opens on 8 October 2023.",
        ),
        (
            "ar",
            "13 أيلول/سبتمبر 2023 – الموعد النهائي للتسجيل",
            "يُغلق التسجيل بعد 13 أيلول/سبتمبر 2023. يبدأ المسار في 8 تشرين الأول/أكتوبر 2023.",
        ),
    ],
)
def test_the_registration_deadline_is_marked_among_the_days(track, language, deadline, note):
    chart = next(c for c in section(track, "registrations", language).charts if c.key == "registrations-day")
    assert [(row.value, row.marked) for row in chart.rows] == [(3, False), (2, False), (1, False), (0, True)]
    assert chart.rows[-1].label == deadline
    assert chart.note == note


def test_the_translation_table_is_in_the_page_language(track):
    (table,) = section(track, "output-document", "ar").tables
    assert table.headers == ["اللغة", "تم التحقق منها", "مسودة", "تغيَّر المصدر منذئذ", "غير موجودة"]
