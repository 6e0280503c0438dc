import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from plenary.core.models import Role
from plenary.core.outbox import messages_for
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.registration import links, services
from plenary.registration.models import DelegationMember, Registration, TrackCapacity
from plenary.registration.tests import factories


@pytest.mark.browser
def test_focal_point_names_a_member_who_registers_in_arabic_and_gets_a_badge(
    igf_demo_committed, live_server, artifacts_dir, tmp_path, settings
):
    settings.SITE_URL = live_server.url
    track = igf_demo_committed
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": 50})
    parliament = factories.parliaments(1)[0]
    delegation = services.delegation_for(track=track, parliament=parliament)
    photo = tmp_path / "photo.png"
    Image.new("RGB", (300, 400), (31, 78, 140)).save(photo)

    with chromium_page() as page:
        token = links.delegation_token(delegation)
        page.goto(
            live_server.url
            + reverse("registration:delegation_link", kwargs={"track": track.slug, "token": token})
        )
        page.get_by_role("button", name="Accept the invitation").click()
        page.fill("#id_given_name", "Amal")
        page.fill("#id_family_name", "Haddad")
        page.fill("#id_email", "amal.haddad@example.org")
        page.select_option("#id_preferred_language", "ar")
        page.select_option("#id_role", "head")
        page.get_by_role("button", name="Add to the delegation").click()
        page.get_by_role("button", name="Send the registration link").click()
        page.screenshot(path=str(artifacts_dir / "registration-1-delegation.png"), full_page=True)
        # "Remove" ends the first form and "Withdraw the link" is the second: never read as one phrase,
        # the second goes a row gap (0.5rem) below the first when the column is too narrow for both.
        sending, withdrawing = (
            page.locator("#members .row-actions > form").nth(n).bounding_box() for n in (0, 1)
        )
        assert round(withdrawing["y"] - sending["y"] - sending["height"]) == 8

        member = DelegationMember.objects.get(delegation=delegation)
        body = messages_for(member).get().body
        link = re.search(r"http://\S+/register/\S+/", body).group(0)
        assert "/ar/" in link
        page.goto(link)
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.fill("#id_name_arabic", "أمل حداد")
        page.check("#id_days_0")
        page.set_input_files("#id_photo_upload", str(photo))
        page.check("#id_consent")
        page.screenshot(path=str(artifacts_dir / "registration-2-form-ar.png"), full_page=True)
        page.locator("form.stacked-form button[type=submit]").click()
        page.wait_for_selector("#registration-status")
        page.screenshot(path=str(artifacts_dir / "registration-3-status-ar.png"), full_page=True)

        registration = Registration.objects.get(member=member)
        assert (registration.status, registration.name_arabic, registration.language) == (
            "confirmed",
            "أمل حداد",
            "ar",
        )
        badge = page.locator("#badge-link").get_attribute("href")
        response = page.request.get(live_server.url + badge)
        assert (response.status, response.body()[:4]) == (200, b"%PDF")
        (artifacts_dir / "registration-browser-badge.pdf").write_bytes(response.body())
        assert io.BytesIO(response.body()).getbuffer().nbytes > 1000


@pytest.mark.browser
def test_check_in_on_a_phone_in_arabic(monkeypatch, igf_demo_committed, live_server, artifacts_dir):
    track = igf_demo_committed
    monkeypatch.setattr(services, "venue_today", lambda track: track.start_date)
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": 50})
    member = factories.member(track, factories.parliaments(1)[0])
    registration = services.submit_registration(
        member=member, data=factories.registration_data(member, name_arabic="أمل حداد")
    )
    staff = make_user("checkin@example.org", Role.SECRETARIAT)
    with chromium_page(viewport={"width": 390, "height": 844}, is_mobile=True) as page:
        log_in_page(page, live_server.url, staff)
        page.goto(
            live_server.url + "/ar" + reverse("registration:check_in", kwargs={"track": track.slug})[3:]
        )
        can_scan = page.evaluate("'BarcodeDetector' in window")
        assert (page.locator("#scan").is_visible(), page.evaluate("document.activeElement.id")) == (
            can_scan,
            "id_code",
        )
        page.fill("#id_code", registration.reference)
        page.locator("#check-in-form button[type=submit]").click()
        first = page.locator("#check-result .check-result__message").inner_text()
        page.screenshot(path=str(artifacts_dir / "registration-4-check-in-phone-ar.png"), full_page=True)
        page.fill("#id_code", links.badge_code(registration))
        page.locator("#check-in-form button[type=submit]").click()
        again = page.locator("#check-result .check-result__message").inner_text()
        page.screenshot(path=str(artifacts_dir / "registration-5-check-in-again-ar.png"), full_page=True)
    time = first.split()[-1].rstrip(".")
    assert first == f"سُجل الحضور في الساعة {time}."
    assert again == f"سُجل الحضور بالفعل في الساعة {time}."
    assert registration.checkins.count() == 1


@pytest.mark.browser
def test_confirmations_and_the_visa_fields_work_under_the_content_security_policy(
    igf_demo_committed, live_server, artifacts_dir
):
    track = igf_demo_committed
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": 50})
    parliament = factories.parliaments(1)[0]
    registered = factories.member(track, parliament, role="head")
    registration = services.submit_registration(
        member=registered,
        data=factories.registration_data(
            registered, honorific="=1+2", functions="Chair, ICT Committee (2020–)."
        ),
    )
    newcomer = factories.member(track, parliament)
    services.answer_invitation(delegation=registered.delegation, accept=True, actor=None)

    def arabic(url):
        return live_server.url + "/ar" + url[3:]

    with chromium_page() as page:
        questions, accepting = [], []

        def answer(dialog):
            questions.append(dialog.message)
            dialog.accept() if accepting else dialog.dismiss()

        page.on("dialog", answer)
        delegation = reverse(
            "registration:delegation_link",
            kwargs={"track": track.slug, "token": links.delegation_token(registered.delegation)},
        )
        page.goto(arabic(delegation))
        page.locator("details.change-answer summary").click()
        page.screenshot(path=str(artifacts_dir / "registration-6-delegation-ar.png"), full_page=True)
        page.locator("details.change-answer button[value=no]").click()
        assert questions[-1] == (
            "الاعتذار عن الدعوة؟ عضو واحد مسجل: يبقى تسجيله قائمًا إلى أن يلغيه العضو أو الأمانة."
        )
        registered.delegation.refresh_from_db()
        assert registered.delegation.response == "accepted"

        status = reverse(
            "registration:register", kwargs={"track": track.slug, "token": links.member_token(registered)}
        )
        page.goto(arabic(status))
        page.screenshot(path=str(artifacts_dir / "registration-7-status-ar.png"), full_page=True)
        page.locator("#cancel-form button").click()
        assert questions[-1] == "إلغاء تسجيلك؟ لن تستطيع التراجع عن ذلك بنفسك."
        registration.refresh_from_db()
        assert registration.status == "confirmed"
        accepting.append(True)
        page.locator("#cancel-form button").click()
        page.wait_for_selector("#registration-status.status--cancelled")
        page.screenshot(path=str(artifacts_dir / "registration-8-cancelled-ar.png"), full_page=True)
        registration.refresh_from_db()
        assert registration.status == "cancelled"

        page.goto(
            live_server.url
            + reverse(
                "registration:register", kwargs={"track": track.slug, "token": links.member_token(newcomer)}
            )
        )
        assert page.locator("#field-passport_number").is_hidden()
        page.check("#id_visa_letter")
        assert page.locator("#field-passport_number").is_visible()
        assert page.locator("#field-passport_expiry").is_visible()
        page.uncheck("#id_days_0")
        page.locator("#registration-form button[type=submit]").click()
        page.wait_for_selector("#error-summary")
        page.screenshot(path=str(artifacts_dir / "registration-9-form-errors.png"), full_page=True)
        assert page.locator("#error-summary h2").inner_text().startswith("The form has ")
