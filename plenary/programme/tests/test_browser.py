import re

import pytest

from plenary.core.testing import chromium_page

pytestmark = pytest.mark.browser

ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
ROUNDTABLE = "#session-roundtable"

TEXT_GAPS = """selector => {
  const element = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(element);
  const text = range.getBoundingClientRect(), box = element.getBoundingClientRect();
  return [box.right - text.right, text.left - box.left];
}"""

# The time-zone menu once its names in the page's language have arrived (the values stay IANA names).
ZONES_NAMED = """() => {
  const option = document.querySelector('#zone-select option[value="Asia/Tokyo"]');
  return option !== null && option.textContent !== "Asia/Tokyo";
}"""
OPTIONS = """zones => zones.map(
  zone => document.querySelector(`#zone-select option[value="${zone}"]`).textContent
)"""


@pytest.fixture
def published_demo(igf_demo_committed):
    from plenary.programme import demo

    return demo.load()


@pytest.mark.django_db(transaction=True)
def test_the_arabic_programme_right_to_left_with_the_viewers_time_zone(
    live_server, published_demo, artifacts_dir
):
    with chromium_page(timezone_id="Europe/Paris", locale="ar") as page:
        page.goto(f"{live_server.url}/ar/igf2023-pt/programme/")
        page.wait_for_function(ZONES_NAMED)
        assert page.locator("html").get_attribute("dir") == "rtl"
        title = page.locator(f"{ROUNDTABLE} .session__title")
        assert title.inner_text() == "دور البرلمانيين في تشكيل إنترنت موثوق يمكّن جميع الناس"
        right_gap, left_gap = page.evaluate(TEXT_GAPS, f"{ROUNDTABLE} .session__title")
        assert abs(right_gap) < 1
        assert left_gap > 50
        # The time column sits on the right, the titles to its left.
        time_box = page.locator(f"{ROUNDTABLE} .session__when").bounding_box()
        title_box = title.bounding_box()
        assert time_box["x"] > title_box["x"] + title_box["width"] - 1
        assert page.locator(f"{ROUNDTABLE} .venue-time").inner_text() == "15:15–16:45"
        local = page.locator(f"{ROUNDTABLE} .local-time")
        assert local.is_visible()
        assert page.locator(f"{ROUNDTABLE} .local-time__clock").inner_text() == "08:15–09:45"
        assert page.locator(f"{ROUNDTABLE} .local-time__zone").inner_text() == "توقيت فرنسا"
        options = page.evaluate(OPTIONS, ["Asia/Tokyo", "Europe/Helsinki", "Europe/Paris", "UTC"])
        assert options == ["توقيت اليابان", "توقيت فنلندا", "توقيت فرنسا", "UTC"]
        assert page.locator(f"{ROUNDTABLE} .local-time__day").count() == 0
        assert page.locator("#zone-select").input_value() == "Europe/Paris"
        all_times = " ".join(page.locator(".session-time").all_inner_texts())
        assert ARABIC_INDIC_DIGITS.search(all_times) is None
        page.screenshot(path=artifacts_dir / "programme-ar-paris.png", full_page=True)

        page.select_option("#zone-select", "America/Los_Angeles")
        assert page.locator(f"{ROUNDTABLE} .local-time__clock").inner_text() == "23:15–00:45"
        assert page.locator(f"{ROUNDTABLE} .local-time__day").inner_text().startswith("8 ")
        assert ARABIC_INDIC_DIGITS.search(local.inner_text()) is None
        page.reload()
        page.wait_for_function(ZONES_NAMED)
        assert page.locator("#zone-select").input_value() == "America/Los_Angeles"
        assert page.locator(f"{ROUNDTABLE} .local-time__clock").inner_text() == "23:15–00:45"
        los_angeles = "توقيت الولايات المتحدة (لوس انجلوس)"
        assert page.locator(f"{ROUNDTABLE} .local-time__zone").inner_text() == los_angeles
        page.screenshot(path=artifacts_dir / "programme-ar-los-angeles.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_the_chinese_programme_and_session_page(live_server, published_demo, artifacts_dir):
    with chromium_page(timezone_id="Asia/Shanghai", locale="zh-CN") as page:
        page.goto(f"{live_server.url}/zh-hans/igf2023-pt/programme/")
        assert page.locator("html").get_attribute("lang") == "zh-hans"
        title = page.locator(f"{ROUNDTABLE} .session__title").inner_text()
        assert title == "议员在塑造赋能所有人的可信互联网中的作用"
        assert page.locator(f"{ROUNDTABLE} .venue-time").inner_text() == "15:15–16:45"
        assert page.locator(f"{ROUNDTABLE} .local-time__clock").inner_text() == "14:15–15:45"
        assert page.locator("h2").first.inner_text() == "2023年6月20日"
        page.screenshot(path=artifacts_dir / "programme-zh-hans.png", full_page=True)
        page.locator(f"{ROUNDTABLE} .session__title a").click()
        page.wait_for_url(f"{live_server.url}/zh-hans/igf2023-pt/programme/sessions/roundtable/")
        assert page.locator(".local-time__clock").inner_text() == "14:15–15:45"
        page.screenshot(path=artifacts_dir / "programme-session-zh-hans.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_venue_time_alone(live_server, published_demo, artifacts_dir):
    with chromium_page(java_script_enabled=False, timezone_id="Europe/Paris") as page:
        page.goto(f"{live_server.url}/en/igf2023-pt/programme/?kind=roundtable")
        assert page.locator(f"{ROUNDTABLE} .venue-time").inner_text() == "15:15–16:45"
        assert page.locator(f"{ROUNDTABLE} .local-time").is_hidden()
        assert page.locator("#zone-picker").is_hidden()
        assert page.locator(".session").count() == 1
        page.screenshot(path=artifacts_dir / "programme-en-no-js.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_the_programme_fits_a_phone_in_arabic(live_server, published_demo, artifacts_dir):
    with chromium_page(viewport={"width": 375, "height": 740}) as page:
        page.goto(f"{live_server.url}/ar/igf2023-pt/programme/")
        assert page.evaluate("document.documentElement.scrollWidth") == 375
        page.screenshot(path=artifacts_dir / "programme-ar-phone.png", full_page=True)


NAME_LINES = """() => [...document.querySelectorAll(".session__person a")].map(link => {
  const range = document.createRange();
  range.selectNodeContents(link);
  return [link.textContent, new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size];
})"""


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_in_arabic_each_latin_name_is_isolated_and_on_one_line(
    live_server, published_demo, artifacts_dir
):
    with chromium_page(viewport={"width": 390, "height": 844}) as page:
        page.goto(f"{live_server.url}/ar/igf2023-pt/programme/")
        lines = page.evaluate(NAME_LINES)
        assert page.evaluate("document.documentElement.scrollWidth") == 390
        page.screenshot(path=artifacts_dir / "programme-ar-390-names.png", full_page=True)
    assert len(lines) == 42
    assert [name for name, count in lines if count != 1] == []
    assert sorted({name for name, _count in lines}) == [
        "Dr. Alex Example",
        "Hon. Demo President BRA",
        "Hon. Demo President JPN",
        "Hon. Demo President KEN",
        "Hon. Sample Speaker KEN",
    ]
