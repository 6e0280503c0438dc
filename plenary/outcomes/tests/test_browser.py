"""A delegate comments in Arabic and proposes an amendment; the secretariat accepts it and publishes;
the new version's diff shows it; once adopted, the public reads it. Screenshots are kept in artifacts/."""

import pytest

from plenary.core.testing import chromium_page, log_in_page
from plenary.outcomes import services

AMENDMENT = "اجتمعت البرلمانات في كيوتو لبناء الثقة الرقمية."
COMMENT = "نؤيد الفقرة مع تعديل بسيط."
RECORDED = "سُجِّل تعليقكم على الفقرة 1."


@pytest.mark.browser
def test_arabic_comment_and_amendment_accepted_and_shown_in_the_diff(
    igf_demo_committed, live_server, open_version, delegate, secretariat, artifacts_dir
):
    track = open_version.document.track.slug
    first = open_version.paragraphs.get(number=1)
    with chromium_page() as page:
        log_in_page(page, live_server.url, delegate)
        page.goto(f"{live_server.url}/ar/{track}/outcome/v1/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        paragraph = page.locator("#p1")
        paragraph.locator("details.feedback > summary").click()
        comment_form = paragraph.locator("form.comment-form")
        comment_form.locator("input[value=support]").check()
        comment_form.locator("textarea").fill(COMMENT)
        comment_form.locator("select[name=language]").select_option("ar")
        comment_form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("#p1 .comment p").inner_text() == COMMENT
        # The confirmation is shown, and focused, at the paragraph the form returned to.
        assert page.locator("#p1 > ul.messages:focus").inner_text() == RECORDED
        page.screenshot(path=artifacts_dir / "outcomes-1-delegate-comment-ar.png", full_page=True)

        amendment_form = page.locator("#p1 form.amendment-form")
        assert amendment_form.is_visible()
        amendment_form.locator("select[name=kind]").select_option("replace")
        amendment_form.locator("textarea").fill(AMENDMENT)
        amendment_form.locator("select[name=language]").select_option("ar")
        amendment_form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("#p1 .amendment p").first.inner_text() == AMENDMENT
        page.screenshot(path=artifacts_dir / "outcomes-2-delegate-amendment-ar.png", full_page=True)

        log_in_page(page, live_server.url, secretariat)
        page.goto(f"{live_server.url}/ar/{track}/outcome/v1/")
        page.locator("#p1 form.decision button[value=accept]").click()
        page.wait_for_load_state()
        assert page.locator("#p1 .amendment--accepted").count() == 1
        page.screenshot(path=artifacts_dir / "outcomes-3-secretariat-accepted.png", full_page=True)

        page.goto(f"{live_server.url}/ar/{track}/outcome/drafts/")
        page.locator("form[action$='/drafts/publish/'] button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/ar/{track}/outcome/v2/")
        page.goto(f"{live_server.url}/ar/{track}/outcome/diff/1/2/")
        changed = page.locator(".diff__item").first
        # Version 1 had no Arabic text, so its English original is compared; the full stop is common.
        assert (changed.locator("del").inner_text(), changed.locator("ins").inner_text()) == (
            "Parliaments met in Kyoto",
            AMENDMENT.removesuffix("."),
        )
        assert page.locator("ol.diff").get_attribute("dir") == "rtl"
        page.screenshot(path=artifacts_dir / "outcomes-4-diff-ar.png", full_page=True)

        page.goto(f"{live_server.url}/ar/{track}/outcome/drafts/")
        page.locator("form[action$='/v2/adopt/'] button[type=submit]").click()
        page.wait_for_load_state()
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/ar/{track}/outcome/")
        assert page.locator("#p1 p").first.inner_text() == AMENDMENT
        assert page.locator("#p1 p").first.get_attribute("dir") == "rtl"
        page.screenshot(path=artifacts_dir / "outcomes-5-public-ar.png", full_page=True)
    assert first.paragraph.versions.get(version__number=2).text["ar"] == AMENDMENT


@pytest.mark.browser
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_paragraph_with_many_comments_shows_the_latest_and_pages_through_all_without_javascript(
    igf_demo_committed, live_server, open_version, delegate, artifacts_dir, language
):
    from plenary.outcomes.tests.test_comment_pages import add_comments

    track = open_version.document.track.slug
    first = open_version.paragraphs.get(number=1)
    add_comments(first, delegate, 60)
    with chromium_page(java_script_enabled=False) as page:
        log_in_page(page, live_server.url, delegate)
        page.goto(f"{live_server.url}/{language}/{track}/outcome/v1/")
        paragraph = page.locator("#p1")
        assert paragraph.locator("li.comment").count() == 3
        paragraph.screenshot(path=artifacts_dir / f"outcomes-latest-comments-{language}.png")
        paragraph.locator(".all-comments a").click()
        assert (page.locator("html").get_attribute("dir"), page.locator("li.comment").count()) == (
            "rtl" if language == "ar" else "ltr",
            50,
        )
        page.locator("a[rel=next]").click()
        assert page.locator("li.comment").count() == 10
        page.screenshot(path=artifacts_dir / f"outcomes-comments-page-2-{language}.png", full_page=True)


PHONE = {"width": 390, "height": 844}
LONG_MAIN_POINT = (
    "Parliaments should legislate for artificial intelligence with transparency, accountability and "
    "human rights at the centre of every framework."
)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_working_text_fits_a_phone_beside_long_main_points(
    igf_demo_committed, live_server, document, session_with_rapporteur, secretariat, language
):
    rapporteur = session_with_rapporteur.people.get(role="rapporteur").speaker.person.user
    services.record_main_point(
        actor=rapporteur, session=session_with_rapporteur, kind="key_point", text=LONG_MAIN_POINT
    )
    services.submit_main_points(actor=rapporteur, session=session_with_rapporteur)
    with chromium_page(viewport=PHONE) as phone:
        log_in_page(phone, live_server.url, secretariat)
        phone.goto(f"{live_server.url}/{language}/{document.track.slug}/outcome/work/")
        assert phone.locator("select[name=sources] option").count() == 3
        assert phone.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") == 0
