import re

import pytest
from django.core import mail

from plenary.core.testing import chromium_page
from plenary.registration import links, services
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories


@pytest.mark.browser
def test_a_registered_delegate_logs_in_by_code_in_arabic_on_a_phone(
    igf_demo_committed, live_server, settings, artifacts_dir
):
    shots = artifacts_dir / "login_by_code_ar_phone"
    shots.mkdir(exist_ok=True)
    settings.SITE_URL = live_server.url
    track = igf_demo_committed
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": 50})
    member = factories.member(track, factories.parliaments(1)[0], given="Amal", family="Haddad")
    member.person.email = "Amal.Haddad@Parliament.example.org"
    member.person.save()
    services.submit_registration(
        member=member, data=factories.registration_data(member, email=member.person.email)
    )
    mail.outbox.clear()

    with chromium_page(viewport={"width": 390, "height": 844}) as page:
        page.goto(f"{live_server.url}/ar/accounts/login/")
        page.screenshot(path=f"{shots}/1-login.png", full_page=True)
        page.get_by_role("link", name="أرسلوا إليّ رمز الدخول").click()
        page.fill("#id_email", "amal.haddad@PARLIAMENT.example.org")
        page.screenshot(path=f"{shots}/2-request.png", full_page=True)
        page.get_by_role("button", name="اطلب الرمز").click()
        page.screenshot(path=f"{shots}/3-confirm.png", full_page=True)
        code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)
        page.fill("#id_code", code)
        page.get_by_role("button", name="تأكيد").click()
        # No call for travel funding is open: she lands on her registration.
        page.wait_for_url(re.compile(rf"{re.escape(live_server.url)}/ar/{track.slug}/register/[^/]+/"))
        token = page.url.removeprefix(f"{live_server.url}/ar/{track.slug}/register/").removesuffix("/")
        landing = (links.member_from_token(token, track.slug), page.locator("h1").inner_text())
        assert landing == (member, "تسجيلك")
        page.screenshot(path=f"{shots}/4-registration.png", full_page=True)
    assert [message.to for message in mail.outbox] == [["amal.haddad@parliament.example.org"]]
