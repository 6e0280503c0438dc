import pytest

from plenary.core.testing import chromium_page
from plenary.programme import services
from plenary.programme.tests.seats import delegates, link_of, open_track, session_with_seats

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_an_arabic_delegate_joins_the_waiting_list_and_gives_up_from_the_registration_page(
    live_server, igf_demo_committed, artifacts_dir
):
    from plenary.programme import demo

    track = demo.load()
    open_track(track)
    session = session_with_seats(track, 1)
    holder = delegates(track, 1)[0]
    services.reserve_seat(session=session, registration=holder, actor=None)
    delegate = delegates(track, 1, language="ar")[0]

    with chromium_page(locale="ar") as page:
        page.goto(f"{live_server.url}/ar/igf2023-pt/register/{link_of(delegate)}/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        row = page.locator("#seat-roundtable")
        assert row.locator(".seats-left").inner_text() == "0"
        row.get_by_role("button", name="الانضمام إلى قائمة الانتظار").click()
        assert page.locator("#seat-roundtable .seat-state").inner_text() == "ترتيبك في قائمة الانتظار: 1"
        page.screenshot(path=artifacts_dir / "session-seats-waiting-ar.png", full_page=True)

        services.give_up_seat(session=session, registration=holder, actor=None)
        page.reload()
        assert page.locator("#seat-roundtable .seat-state").inner_text() == "مقعدك محجوز"
        page.locator("#seat-roundtable").get_by_role("button", name="التخلي عن مقعدي").click()
        assert page.locator("#seat-roundtable .seats-left").inner_text() == "1"
        page.screenshot(path=artifacts_dir / "session-seats-given-up-ar.png", full_page=True)
    assert session.seats.count() == 0
