"""Journey 5: at the door, on a phone, the secretariat checks a delegate in by the badge; the same
badge scanned a second time is answered "already checked in" and records nothing twice."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.directory.models import Parliament
from plenary.registration import links, services
from plenary.registration.models import CheckIn

pytestmark = [pytest.mark.journey, pytest.mark.browser]


def test_check_in_on_a_phone_the_same_badge_twice(demo, walks, screenshots, monkeypatch):
    # The door opens on the track's first day: the live server's thread shares this process, so
    # "today at the venue" is that day for the page too.
    monkeypatch.setattr(services, "venue_today", lambda track: track.start_date)
    egypt = services.delegation_for(track=demo, parliament=Parliament.objects.get(country__iso3="EGY"))
    member = services.add_new_person(
        delegation=egypt,
        person_data={"given_name": "Amal", "family_name": "Haddad", "email": "amal.haddad@parliament.eg"},
        kind="mp",
        role="head",
        actor=None,
    )
    registration = services.submit_registration(
        member=member,
        data={
            "email": "amal.haddad@parliament.eg",
            "given_name": "Amal",
            "family_name": "Haddad",
            "name_arabic": "أمل حداد",
            "nationality_id": egypt.parliament.country_id,
            "days": [str(demo.start_date)],
            "language": "ar",
        },
    )
    staff = make_user("door@ipu.example.org", Role.SECRETARIAT, is_staff=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    check_in = reverse("registration:check_in", kwargs={"track": demo.slug}).replace("/en/", "/ar/", 1)

    with chromium_page(viewport={"width": 390, "height": 844}, is_mobile=True) as page:
        log_in_page(page, settings.SITE_URL + check_in, staff)
        walk = walks(page, "5, check-in at the door, phone width (ar)")
        walk.goto(settings.SITE_URL + check_in)
        assert (page.locator("h1").inner_text(), page.evaluate("document.activeElement.id")) == (
            "تسجيل الحضور",
            "id_code",
        )
        walk.fill("#id_code", registration.reference)
        walk.click("#check-in-form button[type=submit]")
        first = page.locator("#check-result .check-result__message").inner_text()
        assert page.locator("#check-result").inner_text().splitlines()[1:] == [
            "",
            "Amal Haddad",
            "أمل حداد",
            "",
            "برلمان مصر · حضوريًا في المدينة المضيفة · مؤكد",
        ]
        page.screenshot(path=str(screenshots / "5-1-checked-in-phone-ar.png"), full_page=True)
        walk.fill("#id_code", links.badge_code(registration))
        walk.click("#check-in-form button[type=submit]")
        again = page.locator("#check-result .check-result__message").inner_text()
        page.screenshot(path=str(screenshots / "5-2-already-checked-in-phone-ar.png"), full_page=True)
    time = first.split()[-1].rstrip(".")
    assert (first, again) == (f"سُجل الحضور في الساعة {time}.", f"سُجل الحضور بالفعل في الساعة {time}.")
    assert list(CheckIn.objects.values_list("registration", "day")) == [(registration.pk, demo.start_date)]
