import pytest

from plenary.core.testing import chromium_page

pytestmark = pytest.mark.browser

TEXT_GAPS = """selector => {
  const element = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(element);
  const text = range.getBoundingClientRect(), box = element.getBoundingClientRect();
  return [box.right - text.right, text.left - box.left];
}"""


@pytest.mark.django_db(transaction=True)
def test_home_in_english_then_arabic_through_the_switcher(live_server, igf_demo_committed, artifacts_dir):
    with chromium_page() as page:
        page.goto(f"{live_server.url}/en/")
        assert page.locator("html").get_attribute("dir") == "ltr"
        assert page.locator("h1").inner_text() == "IGF 2023 Parliamentary Track"
        page.screenshot(path=artifacts_dir / "home-en.png", full_page=True)

        page.get_by_role("link", name="العربية").click()
        page.wait_for_url(f"{live_server.url}/ar/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("html").get_attribute("lang") == "ar"
        assert page.locator("h1").inner_text() == "المسار البرلماني لمنتدى حوكمة الإنترنت 2023"
        # Right to left for real: the heading's text hugs the right edge of its box.
        right_gap, left_gap = page.evaluate(TEXT_GAPS, "h1")
        assert abs(right_gap) < 1
        assert left_gap > 100
        page.screenshot(path=artifacts_dir / "home-ar.png", full_page=True)

        page.get_by_role("link", name="English").click()
        page.wait_for_url(f"{live_server.url}/en/")
        assert page.locator("html").get_attribute("dir") == "ltr"


@pytest.mark.django_db(transaction=True)
def test_the_home_page_fits_a_phone(live_server, igf_demo_committed, artifacts_dir):
    with chromium_page(viewport={"width": 375, "height": 740}) as page:
        page.goto(f"{live_server.url}/ar/igf2023-pt/")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width == 375
        page.screenshot(path=artifacts_dir / "home-ar-phone.png", full_page=True)
