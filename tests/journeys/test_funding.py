"""Journey 4: a registered MP from a least developed country (Yemen) logs in by e-mailed code in
Arabic and applies for travel funding; the secretariat closes the call with a minimum share of women,
sets a regional rule, runs the selection and sends the decisions after confirming; the MP accepts
after closing; another MP declines and the reserve offer goes to the next one who keeps every rule.

The four applicants (scores as the reviewers left them; two grants fit the budget):

    Yemen, woman, 9     Uganda (African Group), woman, 8
    Nepal, man, 8.8     Malawi (African Group), man, 8.5

At least one woman and one member of the African Group: Yemen and Malawi (without the rules Yemen and
Nepal). When Malawi declines, Nepal has the better score but would leave the African Group out: the
offer goes to Uganda."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils import timezone

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.funding.models import Application, SelectionRun
from plenary.funding.tests import factories
from tests.journeys.test_delegation import envelope, messages, text_of

pytestmark = [pytest.mark.journey, pytest.mark.browser]

TRACK_AR = "المسار البرلماني لمنتدى حوكمة الإنترنت 2023"


def log_in_by_code(walk, mail, address: str, language: str) -> None:
    """The login page, "send me a code", the code from the mail received, typed in."""
    walk.goto(f"{settings.SITE_URL}/{language}/accounts/login/")
    walk.click(".button[href*='/accounts/login/code/']")
    walk.fill("#id_email", address)
    with mail.server.settings():
        walk.click("main form button[type=submit]")
        received = mail.sent_directly(address)
    assert (received.rcpt_tos, received.message["Reply-To"]) == (
        (address,),
        '"Ms. Celine Bal" <Celine.Bal@un.org>',
    )
    lines = text_of(received).splitlines()
    (code,) = [line for line in lines if re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", line)]
    assert f"{settings.SITE_URL}/{language}/accounts/login/code/confirm/" in lines
    walk.fill("#id_code", code)
    walk.click("main form button[type=submit]:not([form])")


def reviewed(call, iso3: str, gender: str, score: str, language: str = "en"):
    application = factories.applied(
        call, factories.mp(iso3, gender=gender, language=language, track=call.track)
    )
    Application.objects.filter(pk=application.pk).update(score=Decimal(score))
    return application


def test_an_mp_applies_in_arabic_and_the_reserve_offer_keeps_every_rule(demo, mail, walks, screenshots):
    call = factories.call(demo, budget=5400, answer_days=10)
    yemen = factories.mp("YEM", gender="female", language="ar", track=demo)
    others = {
        "UGA": reviewed(call, "UGA", "female", "8"),
        "NPL": reviewed(call, "NPL", "male", "8.8"),
        "MWI": reviewed(call, "MWI", "male", "8.5"),
    }
    staff = make_user("funding@ipu.example.org", Role.SECRETARIAT, is_staff=True, is_superuser=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    funding = f"{settings.SITE_URL}/ar/{demo.slug}/funding/"

    with chromium_page() as page:
        walk = walks(page, "4, an MP logs in by code and applies (ar)")
        log_in_by_code(walk, mail, yemen.email, "ar")
        assert (page.url, page.locator("h1").inner_text()) == (funding, "تمويل السفر")
        page.screenshot(path=str(screenshots / "4-1-funding-page-ar.png"), full_page=True)
        walk.click(page.locator(f"a.button[href$='/funding/{call.pk}/apply/']"))
        walk.fill("#id_motivation", "أرأس لجنة الاتصالات وتقنية المعلومات في مجلس النواب.")
        walk.check("#id_digital_committee")
        walk.check("#id_first_time")
        walk.check("#id_full_package")
        walk.fill("#id_itinerary", "صنعاء – عمّان – أوساكا – كيوتو")
        walk.fill("#id_airfare_quote", "1400")
        walk.fill("#id_nights", "4")
        walk.click("main form button[type=submit]")
        assert messages(page) == ["قُدِّم طلبك."]
        page.screenshot(path=str(screenshots / "4-2-applied-ar.png"), full_page=True)
    applied = Application.objects.get(call=call, person=yemen)
    assert (applied.language, applied.requested) == ("ar", 2700)
    Application.objects.filter(pk=applied.pk).update(score=Decimal("9"))
    mail.deliver()

    with chromium_page() as page:
        log_in_page(page, settings.SITE_URL, staff)
        walk = walks(page, "4, the secretariat closes the call and sends the decisions (ar)")
        walk.goto(f"{settings.SITE_URL}/ar/funding/calls/{call.pk}/endorsements/")
        walk.click(page.locator(f"form[action$='/applications/{applied.pk}/endorse/'] button"))
        walk.goto(f"{settings.SITE_URL}/en/admin/funding/fundingcall/{call.pk}/change/")
        walk.fill("#id_closes_on", str(timezone.localdate() - dt.timedelta(days=1)))
        walk.fill("#id_min_women_percent", "50")
        walk.click("input[name=_save]")
        walk.goto(f"{settings.SITE_URL}/ar/funding/calls/{call.pk}/selection/")
        walk.fill(page.get_by_label("مجموعة الدول الأفريقية: على الأقل"), "1")
        walk.click(page.get_by_role("button", name="احفظ الحدود"))
        assert messages(page) == ["حُفظت الحدود الإقليمية."]
        walk.click("form.card:not([action]) button[type=submit]")
        page.screenshot(path=str(screenshots / "4-3-selection-run-ar.png"), full_page=True)
        walk.click(page.locator("a[href$='/send/']"))
        walk.click("main form.form button[type=submit]")
        page.screenshot(path=str(screenshots / "4-4-send-without-confirming-ar.png"), full_page=True)
        assert SelectionRun.objects.get(call=call).applied_at is None
        walk.check("#id_confirm")
        walk.click("main form.form button[type=submit]")
        page.screenshot(path=str(screenshots / "4-5-decisions-sent-ar.png"), full_page=True)
    statuses = {iso3: Application.objects.get(pk=a.pk).status for iso3, a in others.items()}
    assert (Application.objects.get(pk=applied.pk).status, statuses) == (
        "offered",
        {"UGA": "reserve", "NPL": "reserve", "MWI": "offered"},
    )
    decisions = {received.rcpt_tos[0]: received for received in mail.deliver()}
    offer = decisions[yemen.email]
    assert envelope(offer) == (
        (yemen.email,),
        "ar",
        "عرض تمويل السفر: Travel funding for MPs from the global South",
    )
    (link,) = re.findall(r"http://\S+/funding/\S*", text_of(offer))

    with chromium_page() as page:
        walk = walks(page, "4, the MP accepts after closing (ar)")
        walk.goto(link)
        log_in_by_code(walk, mail, yemen.email, "ar")
        assert (page.url, page.locator("h1").inner_text()) == (link, "تمويل السفر")
        walk.click(page.get_by_role("button", name="قبول المنحة"))
        assert messages(page) == ["لقد قبلت المنحة."]
        page.screenshot(path=str(screenshots / "4-6-accepted-ar.png"), full_page=True)
    malawi = others["MWI"]
    with chromium_page() as page:
        walk = walks(page, "4, another MP declines (en)")
        log_in_by_code(walk, mail, malawi.person.email, "en")
        walk.click(page.get_by_role("link", name="Decline the grant"))
        walk.click(page.get_by_role("button", name="Yes, decline the grant"))
        assert messages(page) == ["You have declined the grant."]
    statuses = {iso3: Application.objects.get(pk=a.pk).status for iso3, a in others.items()}
    assert (Application.objects.get(pk=applied.pk).status, statuses) == (
        "accepted",
        {"UGA": "offered", "NPL": "reserve", "MWI": "declined"},
    )
    (reserve_offer,) = mail.deliver()
    assert envelope(reserve_offer) == (
        (others["UGA"].person.email,),
        "en",
        "Travel funding offered: Travel funding for MPs from the global South",
    )
