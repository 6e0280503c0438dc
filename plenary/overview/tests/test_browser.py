import pytest
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.overview.tests import fixtures

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def track(igf_demo_committed):
    parliaments = fixtures.build(igf_demo_committed)
    fixtures.add_sessions_funding_and_document(igf_demo_committed, parliaments)
    return igf_demo_committed


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "direction", "deadline", "confirmed"),
    [
        ("en", "ltr", "13 September 2023 – registration deadline", "Confirmed"),
        ("ar", "rtl", "13 أيلول/سبتمبر 2023 – الموعد النهائي للتسجيل", "مؤكد"),
    ],
)
def test_the_secretariat_reads_the_dashboard_and_follows_a_number_to_its_list(
    track, live_server, artifacts_dir, language, direction, deadline, confirmed
):
    staff = make_user(f"overview-{language}@ipu.example.org", Role.SECRETARIAT)
    url = live_server.url + reverse("overview:dashboard", kwargs={"track": track.slug}).replace(
        "/en/", f"/{language}/", 1
    )
    with chromium_page() as page:
        log_in_page(page, live_server.url, staff)
        page.goto(url)
        assert page.locator("html").get_attribute("dir") == direction
        assert {page.locator(f"#{key} svg").get_attribute("direction") for key in ("registrations-day",)} == {
            direction
        }
        assert page.locator("#registrations-day .chart__marked th").inner_text() == deadline
        sections = page.locator("section.card h2").all_inner_texts()
        assert len(sections) == 11
        page.screenshot(path=str(artifacts_dir / f"overview-dashboard-{language}.png"), full_page=True)

        status_table = page.locator("#registrations-status-table")
        row = status_table.locator("tr", has=page.locator("th", has_text=confirmed)).first
        row.locator("a").click()
        page.wait_for_load_state()
        assert page.url.endswith("/secretariat/registrations/?status=confirmed")

    with chromium_page(viewport=PHONE) as phone:
        log_in_page(phone, live_server.url, staff)
        phone.goto(url)
        overflow = phone.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        phone.screenshot(path=str(artifacts_dir / f"overview-dashboard-{language}-phone.png"), full_page=True)
        assert overflow == 0
