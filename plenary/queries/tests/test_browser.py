import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from plenary.core.models import OutboxMessage, Role
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.queries import selectors, services
from plenary.queries.models import Query, ReplyTemplate
from plenary.queries.tests.factories import ask

T0 = datetime(2023, 9, 1, 9, 0, tzinfo=UTC)


@pytest.mark.browser
def test_a_visitor_asks_in_arabic_the_secretariat_answers_the_visitor_replies_by_link_and_it_is_closed(
    igf_demo_committed, live_server, artifacts_dir, settings, monkeypatch
):
    settings.SITE_URL = live_server.url
    track = igf_demo_committed
    clock = {"now": T0}
    monkeypatch.setattr(services, "now", lambda: clock["now"])
    staff = make_user("answers@ipu.example.org", Role.SECRETARIAT)
    for hours in (1, 5):  # two threads answered earlier: with this one's 3 hours, the median is 3
        clock["now"] = T0
        earlier = ask(track, email=f"earlier{hours}@example.org")
        clock["now"] = T0 + timedelta(hours=hours)
        services.answer(query=earlier, actor=staff, body="Done.")
    ReplyTemplate.objects.create(name="Visa letter", language="ar", body="رسالة التأشيرة جاهزة في صفحتك.")
    clock["now"] = T0

    with chromium_page() as page:
        page.goto(live_server.url + "/ar/" + track.slug + "/contact/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.fill("#id_name", "ليلى")
        page.fill("#id_email", "layla@example.org")
        page.select_option("#id_category", "visa")
        page.fill("#id_body", "متى تصلني رسالة التأشيرة؟")
        page.screenshot(path=str(artifacts_dir / "queries-1-ask-ar.png"), full_page=True)
        page.locator("#ask-form button[type=submit]").click()
        page.wait_for_selector("#reply-form")
        query = Query.objects.get(asker_email="layla@example.org")
        assert (query.language, query.category) == ("ar", "visa")

        clock["now"] = T0 + timedelta(hours=3)
        log_in_page(page, live_server.url, staff)
        thread = live_server.url + reverse(
            "queries:secretariat_thread", kwargs={"track": track.slug, "pk": query.pk}
        )
        page.goto(thread)
        page.select_option("#id_template", label="Visa letter")
        page.locator("#template-form button").click()
        assert page.input_value("#id_body") == "رسالة التأشيرة جاهزة في صفحتك."
        page.screenshot(path=str(artifacts_dir / "queries-2-secretariat.png"), full_page=True)
        page.locator("#answer-form button[type=submit]").click()
        page.wait_for_selector("#thread li:nth-child(2)")

        answer = OutboxMessage.objects.filter(
            related_id=str(query.pk), body__contains="رسالة التأشيرة جاهزة"
        ).get()
        link = re.search(r"http://\S+/ar/\S+/query/\S+/", answer.body).group(0)
        page.context.clear_cookies()
        page.goto(link)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert "رسالة التأشيرة جاهزة في صفحتك." in page.locator("#thread").inner_text()
        page.fill("#id_body", "شكراً جزيلاً.")
        page.locator("#reply-form button[type=submit]").click()
        page.wait_for_selector("#thread li:nth-child(3)")
        page.screenshot(path=str(artifacts_dir / "queries-3-thread-ar.png"), full_page=True)

        log_in_page(page, live_server.url, staff)
        page.goto(thread)
        page.select_option("#id_status_only", "closed")
        page.locator("#status-form button").click()
        page.wait_for_selector("#query-status")

        page.goto(
            live_server.url
            + reverse("overview:dashboard", kwargs={"track": track.slug}).replace("/en/", "/ar/")
        )
        queries = page.locator("#section-queries dd")
        assert queries.all_inner_texts() == ["0", "3 ساعات"]

    query.refresh_from_db()
    assert query.status == Query.Status.CLOSED
    assert [(m.author, m.body) for m in query.messages.all()] == [
        ("asker", "متى تصلني رسالة التأشيرة؟"),
        ("secretariat", "رسالة التأشيرة جاهزة في صفحتك."),
        ("asker", "شكراً جزيلاً."),
    ]
    assert query.first_answered_at - query.created_at == timedelta(hours=3)
    assert selectors.dashboard_figures(track) == {"open": 0, "median_first_answer": timedelta(hours=3)}


@pytest.mark.browser
def test_the_arabic_contact_form_and_its_thread_fit_a_phone(igf_demo_committed, live_server):
    with chromium_page(viewport={"width": 390, "height": 844}) as phone:
        phone.goto(live_server.url + "/ar/" + igf_demo_committed.slug + "/contact/")
        assert phone.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") == 0
        phone.fill("#id_name", "ليلى")
        phone.fill("#id_email", "layla.phone@example.org")
        phone.fill("#id_body", "متى تصلني رسالة التأشيرة؟")
        phone.locator("#ask-form button[type=submit]").click()
        phone.wait_for_selector("#reply-form")
        assert phone.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") == 0
