"""An online and an onsite member ask to speak (in Arabic and English), the chair calls both, the
projector shows each, and the timer runs out — in Chromium, the projector kept current by polling."""

import pytest

from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.floor import services
from plenary.floor.models import Request
from plenary.floor.tests.builders import members, open_list

# The pages poll while the chair acts: concurrent requests, which the live server's shared in-memory
# SQLite connection cannot serve at once; PostgreSQL gives each request thread its own connection.
pytestmark = [pytest.mark.browser, pytest.mark.postgres]
PAGE = "/{language}/igf2023-pt/programme/sessions/roundtable/floor/"


@pytest.mark.django_db(transaction=True)
def test_members_ask_online_and_onsite_the_chair_calls_both_the_projector_follows(
    live_server, igf_demo_committed, artifacts_dir
):
    from playwright.sync_api import expect

    track = igf_demo_committed
    speakers_list = open_list(track, seconds_per_speaker=3)
    onsite_user = make_user("onsite.member@example.org")
    onsite = members(track, 1, mode="onsite", user=onsite_user)[0]
    online_user = make_user("online.member@example.org")
    online = members(track, 1, mode="online", user=online_user)[0]
    chair = make_user("chair@example.org")
    services.set_chairs(speakers_list=speakers_list, users=[chair], actor=None)
    url = live_server.url + PAGE

    with chromium_page(viewport={"width": 390, "height": 844}) as page:
        log_in_page(page, live_server.url, onsite_user)
        page.goto(url.format(language="en"))
        page.get_by_role("button", name="Ask to speak").click()
        expect(page.locator("#my-request p").first).to_have_text("Waiting – In the room")

        log_in_page(page, live_server.url, online_user)
        page.goto(url.format(language="ar"))
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.get_by_role("button", name="طلب الكلمة").click()
        expect(page.locator("#my-request p").first).to_have_text("في الانتظار – عبر الإنترنت")
        expect(page.locator("[data-queue] .speaker-name")).to_have_text([onsite.full_name, online.full_name])
        page.screenshot(path=artifacts_dir / "floor-session-phone-ar.png", full_page=True)

    later = members(track, 3, mode="online")
    for member in later:
        services.ask(speakers_list=speakers_list, member=member, actor=None)

    with chromium_page() as chair_page:
        projector = chair_page.context.new_page()
        projector.goto(url.format(language="en") + "projector/")
        assert projector.locator("[data-current-name]").inner_text() == "Nobody has the floor."
        log_in_page(chair_page, live_server.url, chair)
        chair_page.goto(url.format(language="en") + "chair/")

        chair_page.get_by_role("button", name="Call the next speaker").click()
        projector.wait_for_function(
            "name => document.querySelector('[data-current-name]').textContent === name",
            arg=onsite.full_name,
            timeout=10_000,
        )
        assert projector.locator("[data-current-mode]").inner_text() == "In the room"
        assert projector.locator("[data-next] .speaker-name").all_inner_texts() == [
            online.full_name,
            later[0].full_name,
            later[1].full_name,
        ]

        chair_page.get_by_role("button", name="Call the next speaker").click()
        projector.wait_for_function(
            "name => document.querySelector('[data-current-name]').textContent === name",
            arg=online.full_name,
            timeout=10_000,
        )
        assert projector.locator("[data-current-mode]").inner_text() == "Online"
        assert projector.locator("[data-next] .speaker-name").all_inner_texts() == [
            m.full_name for m in later
        ]
        projector.wait_for_selector("[data-time-up]:text('Time is up')", timeout=5000)
        assert projector.locator("[data-time-left]").inner_text() == "0:00"
        projector.screenshot(path=artifacts_dir / "floor-projector-en.png")

        projector.goto(url.format(language="ar") + "projector/")
        assert projector.locator("html").get_attribute("dir") == "rtl"
        assert projector.locator("[data-current-name]").inner_text() == online.full_name
        assert projector.locator("[data-current-mode]").inner_text() == "عبر الإنترنت"
        projector.wait_for_selector("[data-time-up]:text('انتهى الوقت')", timeout=5000)
        projector.screenshot(path=artifacts_dir / "floor-projector-ar.png")

    states = list(Request.objects.order_by("number").values_list("state", flat=True))
    assert states == ["spoken", "speaking", "waiting", "waiting", "waiting"]
