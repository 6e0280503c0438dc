import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.overview import figures
from plenary.overview.charts import LABEL_WIDTH, WIDTH, number, shorten
from plenary.overview.tests import fixtures
from plenary.queries.models import Query

EXPECTED = {
    "invitations-status": [0, 0, 1, 0, 1, 1],
    "invitations-answers": [0, 2, 1],
    "invitations-group": [1, 1, 0, 1, 0],
    "registrations-status": [1, 3, 1, 0, 1],
    "registrations-mode": [5, 1],
    "registrations-gender": [3, 3, 0, 0],
    "registrations-group": [3, 2, 0, 1, 0],
    "registrations-category": [5, 0, 0],
    "registrations-day": [3, 2, 1, 0],
    "composition-share": [67, 0, 0],
    "seats-venue": [10, 3, 1],
    "session-seats-taken": [2, 0],
    "check-in-day": [3],
    "outbox-status": [0, 0, 0, 0, 0],
    "output-document-verified": [0, 0, 3, 1, 0, 0],
}


@pytest.fixture
def built(igf_track):
    parliaments = fixtures.build(igf_track)
    fixtures.add_sessions_funding_and_document(igf_track, parliaments)
    return parliaments


@pytest.fixture
def secretariat_client(client, db):
    client.force_login(make_user("sec@example.org", Role.SECRETARIAT))
    return client


def charts_of(sections) -> dict:
    return {chart.key: chart for section in sections for chart in section.charts}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_figure_equals_the_fixture(igf_track, built, language):
    with translation.override(language):
        charts = charts_of(figures.dashboard(igf_track))
    assert {key: [row.value for row in chart.rows] for key, chart in charts.items()} == EXPECTED


def test_composition_names_the_delegation_without_women(igf_track, built):
    with translation.override("en"):
        composition = figures.composition(igf_track)
    assert composition.facts == [
        ("Women registered, of everyone registered", "2 / 5"),
        ("Delegations of parliaments with women members that named none", str(built[1].name)),
    ]


def test_each_number_links_to_its_filtered_list(igf_track, built):
    with translation.override("en"):
        charts = charts_of(figures.dashboard(igf_track))
    confirmed = charts["registrations-status"].rows[1]
    assert confirmed.url == "/en/igf2023-pt/secretariat/registrations/?status=confirmed"
    assert charts["invitations-status"].rows[4].url == (
        f"/en/admin/invitations/invitation/?track__id__exact={igf_track.pk}&status__exact=failed"
    )


def _svgs_and_tables(html: str) -> list[tuple[ET.Element, list[tuple[str, str]]]]:
    found = []
    for figure in re.findall(r'<figure class="chart".*?</figure>', html, re.S):
        svg = ET.fromstring(re.search(r"<svg.*?</svg>", figure, re.S).group(0))  # noqa: S314 (our own page)
        cells = re.findall(r'<th scope="row">(.*?)</th><td>(?:<a href="[^"]*">)?(.*?)(?:</a>)?</td>', figure)
        found.append((svg, cells))
    return found


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_the_svg_parses_mirrors_on_arabic_and_matches_its_table(
    secretariat_client, igf_track, built, language, direction
):
    response = secretariat_client.get(f"/{language}/igf2023-pt/secretariat/overview/")
    assert response.status_code == 200
    drawn = _svgs_and_tables(response.content.decode())
    assert len(drawn) == len(EXPECTED)
    for svg, cells in drawn:
        assert svg.get("direction") == direction
        texts = [text.text for text in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert [(label, value) for label, value in zip(texts[::2], texts[1::2], strict=True)] == [
            (shorten(html.unescape(label)), value) for label, value in cells
        ]
        bars = list(svg.iter("{http://www.w3.org/2000/svg}rect"))
        ends = {int(bar.get("x")) + int(bar.get("width")) for bar in bars if int(bar.get("width"))}
        starts = {int(bar.get("x")) for bar in bars}
        if direction == "rtl":
            assert ends <= {WIDTH - LABEL_WIDTH}
        else:
            assert starts == {LABEL_WIDTH}


def test_a_long_label_is_shortened_in_the_svg_only():
    assert shorten("Latin American and Caribbean Group") == "Latin American and Caribbean Group"
    assert shorten("Western European and Others Group of States") == "Western European and Others Group o…"


def test_numbers_are_formatted_for_the_language():
    assert number(12345, "en") == "12,345"
    assert number(12345, "fr") == "12\u202f345"


def test_arabic_labels(igf_track, built):
    with translation.override("ar"):
        charts = charts_of(figures.dashboard(igf_track))
    assert [row.label for row in charts["registrations-mode"].rows] == [
        "حضوريًا في المدينة المضيفة",
        "عبر الإنترنت",
    ]


def test_only_the_secretariat_sees_the_dashboard(igf_track, db):
    url = reverse("overview:dashboard", kwargs={"track": igf_track.slug})
    outsider = Client()
    outsider.force_login(make_user("someone@example.org"))
    assert outsider.get(url).status_code == 404


def test_queries_are_constant_in_the_number_of_registrations(secretariat_client, igf_track):
    parliaments = fixtures.three_parliaments()
    woman = ("confirmed", "onsite", "female")
    fixtures.build(igf_track, parliaments, people=[[woman] * 34, [woman] * 33, [woman] * 33])
    url = f"/en/{igf_track.slug}/secretariat/overview/"
    with CaptureQueriesContext(connection) as small:
        secretariat_client.get(url)
    for index, parliament in enumerate(parliaments):
        delegation = parliament.delegations.get(track=igf_track)
        fixtures.register_people(
            igf_track,
            delegation,
            [("submitted", "online", "male")] * (1634 if index == 0 else 1633),
            index + 10,
        )
    with CaptureQueriesContext(connection) as large:
        secretariat_client.get(url)
    assert igf_track.registrations.count() == 5000
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize(
    ("language", "median", "waiting"),
    [
        ("en", "3 hours", "Queries waiting for the secretariat"),
        ("fr", "3\u00a0heures", "Demandes en attente du secrétariat"),
    ],
)
def test_the_queries_section_gives_open_threads_and_the_median_first_answer(
    igf_track, db, language, median, waiting
):
    asked = dt.datetime(2023, 9, 1, 8, 0, tzinfo=dt.UTC)
    for hours, status in [(2, Query.Status.ANSWERED), (3, Query.Status.CLOSED), (5, Query.Status.ANSWERED)]:
        Query.objects.create(
            track=igf_track,
            category="visa",
            status=status,
            language="en",
            asker_name="A",
            asker_email="a@example.org",
            created_at=asked,
            first_answered_at=asked + dt.timedelta(hours=hours),
        )
    for _ in range(2):
        Query.objects.create(
            track=igf_track,
            category="other",
            language="en",
            asker_name="B",
            asker_email="b@example.org",
            created_at=asked,
        )
    with translation.override(language):
        section = figures.queries_section(igf_track)
    assert [(str(term), value) for term, value in section.facts] == [
        (waiting, "2"),
        ("Median time to a first answer" if language == "en" else "Délai médian de première réponse", median),
    ]


def test_the_economic_categories_are_named_as_the_funding_pages_name_them(igf_track, built):
    with translation.override("ar"):
        charts = charts_of(figures.dashboard(igf_track))
    assert [row.label for row in charts["registrations-category"].rows] == [
        "من أقل البلدان نموًا",
        "بلد نامٍ غير ساحلي",
        "دولة جزرية صغيرة نامية",
    ]
    with translation.override("en"):
        charts = charts_of(figures.dashboard(igf_track))
    assert [row.label for row in charts["registrations-category"].rows] == [
        "Least developed country",
        "Landlocked developing country",
        "Small island developing state",
    ]
