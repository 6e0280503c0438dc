import pytest

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.funding import demo, services
from plenary.funding.tests import factories

pytestmark = pytest.mark.browser

TEXT_GAPS = """selector => {
  const element = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(element);
  const text = range.getBoundingClientRect(), box = element.getBoundingClientRect();
  return [box.right - text.right, text.left - box.left];
}"""


@pytest.mark.django_db(transaction=True)
def test_selection_run_in_arabic_reads_right_to_left(live_server, igf_demo_committed, artifacts_dir):
    call = demo.load()
    staff = make_user("sec@example.org", Role.SECRETARIAT)
    run = services.run_selection(call=call, actor=staff)
    with chromium_page() as page:
        log_in_page(page, live_server.url, staff)
        page.goto(f"{live_server.url}/ar/funding/runs/{run.pk}/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("h1").inner_text() == f"عملية الاختيار #{run.pk}"
        right_gap, left_gap = page.evaluate(TEXT_GAPS, "h1")
        assert abs(right_gap) < 1
        assert left_gap > 100
        caption = page.locator(".explanation-table caption").inner_text()
        assert caption == "من يحصل على التمويل، ولماذا لا يحصل عليه الآخرون"
        assert page.get_by_text("الحد المقرر لكل برلمان").count() == 1
        page.screenshot(path=artifacts_dir / "funding-run-ar.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_apply_page_in_arabic_shows_the_checks(live_server, igf_demo_committed, artifacts_dir):
    call = factories.call(igf_demo_committed)
    person = factories.mp("NPL", track=igf_demo_committed, language="ar")
    person.user = make_user("mp@parliament.np", Role.DELEGATE, person.parliament)
    person.save(update_fields=["user"])
    with chromium_page() as page:
        log_in_page(page, live_server.url, person.user)
        page.goto(f"{live_server.url}/ar/{igf_demo_committed.slug}/funding/{call.pk}/apply/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("h1").inner_text() == "التقدم بطلب لتمويل السفر"
        assert page.locator(".check--passed").count() == 3
        page.screenshot(path=artifacts_dir / "funding-apply-ar.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_offer_after_closing_is_answered_in_arabic_and_the_selection_page_reads_right_to_left(
    live_server, igf_demo_committed, artifacts_dir
):
    call = factories.call(igf_demo_committed, budget=2700)
    person = factories.mp("NPL", track=igf_demo_committed, language="ar")
    person.user = make_user("mp@parliament.np", Role.DELEGATE, person.parliament)
    person.save(update_fields=["user"])
    application = factories.applied(call, person, language="ar")
    staff = make_user("sec@example.org", Role.SECRETARIAT)
    services.approve_grant(application=application, amount=2700, actor=staff)
    type(call).objects.filter(pk=call.pk).update(opens_on=call.opens_on, closes_on=call.opens_on)
    with chromium_page() as page:
        log_in_page(page, live_server.url, person.user)
        page.goto(f"{live_server.url}/ar/{igf_demo_committed.slug}/funding/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.get_by_text("باب التقديم مغلق.").count() == 1
        assert page.get_by_text("يُرجى الرد قبل").count() == 1
        page.screenshot(path=artifacts_dir / "funding-offer-ar.png", full_page=True)
        page.get_by_role("link", name="رفض المنحة").click()
        assert page.get_by_role("button", name="نعم، أرفض المنحة").count() == 1
        page.screenshot(path=artifacts_dir / "funding-decline-ar.png", full_page=True)
        page.get_by_role("button", name="نعم، أرفض المنحة").click()
        page.wait_for_url(f"{live_server.url}/ar/{igf_demo_committed.slug}/funding/")
        application.refresh_from_db()
        assert application.status == "declined"

        log_in_page(page, live_server.url, staff)
        page.goto(f"{live_server.url}/ar/funding/calls/{call.pk}/selection/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.get_by_label("مجموعة الدول الأفريقية: على الأقل").count() == 1
        page.get_by_label("مجموعة الدول الأفريقية: على الأقل").fill("1")
        page.get_by_role("button", name="احفظ الحدود").click()
        assert page.get_by_text("حُفظت الحدود الإقليمية.").count() == 1
        page.screenshot(path=artifacts_dir / "funding-selection-ar.png", full_page=True)
    call.refresh_from_db()
    assert call.region_limits == {"African Group": [1, None]}
