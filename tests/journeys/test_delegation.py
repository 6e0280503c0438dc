"""Journeys 2 and 3: Egypt's focal point answers the invitation in Arabic and names four MPs against
a limit of three; three register from their e-mailed links, the fourth waits for the delegation's
limit. The venue's own queue is walked apart, with a full venue."""

import re
import subprocess

import pytest
from django.conf import settings
from PIL import Image

from plenary.core.testing import chromium_page
from plenary.directory.models import Parliament
from plenary.invitations import services as invitations
from plenary.registration import links, services
from plenary.registration.models import Registration

pytestmark = [pytest.mark.journey, pytest.mark.browser]

TRACK_AR = "المسار البرلماني لمنتدى حوكمة الإنترنت 2023"
# given name, family name, e-mail, language the focal point chooses for the member
MPS = [
    ("Amal", "Haddad", "amal.haddad@parliament.eg", "ar"),
    ("Omar", "Farouk", "omar.farouk@parliament.eg", "ar"),
    ("Laila", "Mansour", "laila.mansour@parliament.eg", "en"),
    ("Karim", "Nassar", "karim.nassar@parliament.eg", "en"),
]


def text_of(mail) -> str:
    return mail.message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def link_in(mail, path: str) -> str:
    """The one link to `path` the message carries, as the reader would copy it."""
    (link,) = set(re.findall(rf"http://\S+{path}\S+/", text_of(mail)))
    return link


def pdf_text(pdf: bytes) -> str:
    assert pdf[:5] == b"%PDF-"
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


CONTACT = '"Ms. Celine Bal" <Celine.Bal@un.org>'
STATUS_PAGE = {
    "ar": "صفحة تسجيلك (الحالة، الشارة، خطاب التأشيرة):",
    "en": "Your registration page (status, badge, visa letter):",
}


def envelope(mail) -> tuple:
    """Recipients, language and subject; every message also answers to the track's contact person."""
    assert mail.message["Reply-To"] == CONTACT, mail.message["Reply-To"]
    return (mail.rcpt_tos, mail.message["Content-Language"], mail.message["Subject"])


def status_page_link(mail, language: str) -> str:
    """The link back to the registration's status page, the message's last lines."""
    label, link, *after = text_of(mail).split("\n")[-4:]
    assert (label, after) == (STATUS_PAGE[language], ["", ""]), text_of(mail)
    assert re.fullmatch(rf"http://\S+/{language}/igf2023-pt/register/\S+/", link), link
    return link


def messages(page) -> list[str]:
    return page.locator(".messages li").all_inner_texts()


def focal_point_answers_and_names_four_mps(walk, mail, screenshots) -> dict:
    """Journey 2; returns each MP's e-mailed registration link by address, and the delegation page's."""
    page = walk.page
    (invitation,) = mail.deliver()
    assert envelope(invitation) == (
        ("president-ipu-group.egy@example.org", "parliament.egy@example.org"),
        "ar",
        f"دعوة: {TRACK_AR} – كيوتو، من 8 إلى 9 تشرين الأول/أكتوبر 2023",
    )
    invitation_link = link_in(invitation, "/ar/invitations/link/")
    walk.goto(invitation_link)
    assert page.locator("h1").inner_text() == TRACK_AR
    assert page.locator("main p").first.inner_text() == "دعوة برلمان مصر"
    page.screenshot(path=str(screenshots / "2-1-invitation-ar.png"), full_page=True)

    walk.click(page.get_by_role("link", name="أجِب عن الدعوة وسمِّ أعضاء وفدك"))
    assert page.locator("h1").inner_text() == "وفد برلمان مصر"
    walk.click(page.get_by_role("button", name="قبول الدعوة"))
    assert page.locator("#answer").inner_text().startswith("قبل برلمانك الدعوة في ")
    for given, family, address, language in MPS:
        walk.fill("#id_given_name", given)
        walk.fill("#id_family_name", family)
        walk.fill("#id_email", address)
        walk.choose("#id_preferred_language", language)
        walk.click(page.get_by_role("button", name="إضافة إلى الوفد"))
        assert messages(page) == ["أضيف العضو إلى الوفد."]
    for row in range(len(MPS)):
        member = page.locator("#members tbody tr").nth(row)
        walk.click(member.get_by_role("button", name="إرسال رابط التسجيل"))
        assert messages(page) == [f"رابط التسجيل في طريقه إلى {MPS[row][2]}."]
    assert page.locator("#members tbody tr td:nth-child(2)").all_inner_texts() == [
        "رئيس الوفد · عضو في البرلمان",
        "عضو · عضو في البرلمان",
        "عضو · عضو في البرلمان",
        "عضو · عضو في البرلمان",
    ]
    page.screenshot(path=str(screenshots / "2-2-delegation-four-mps-ar.png"), full_page=True)

    sent = {mail.rcpt_tos[0]: mail for mail in mail.deliver()}
    subject = {
        "ar": f"{TRACK_AR} – رابط التسجيل الشخصي الخاص بك",
        "en": "IGF 2023 Parliamentary Track – your personal registration link",
    }
    assert [envelope(sent[address]) for _, _, address, _ in MPS] == [
        ((address,), language, subject[language]) for _, _, address, language in MPS
    ]
    assert text_of(sent["amal.haddad@parliament.eg"]).startswith(
        "Amal Haddad المحترم/المحترمة،\n\nسمّاك برلمانك (برلمان مصر) في وفده إلى "
        f"{TRACK_AR} (رئيس الوفد). يُرجى التسجيل باستخدام هذا الرابط الشخصي:"
    )
    return {
        address: link_in(sent[address], f"/{language}/igf2023-pt/register/")
        for _, _, address, language in MPS
    } | {"invitation": invitation_link}


def test_egypt_answers_in_arabic_names_four_mps_and_the_fourth_waits_for_the_limit(
    demo, mail, walks, screenshots, tmp_path
):
    egypt = Parliament.objects.get(country__iso3="EGY")
    # No languages set by hand: Egypt's default, from its official UN languages, is Arabic then English.
    assert (egypt.correspondence_languages, egypt.languages) == ([], ["ar", "en"])
    invitations.send_invitations(track=demo, only=["EGY"])
    photo = tmp_path / "photo.png"
    Image.new("RGB", (300, 400), (31, 78, 140)).save(photo)

    with chromium_page() as page:
        focal_point = walks(page, "2, Egypt's focal point (ar)")
        links = focal_point_answers_and_names_four_mps(focal_point, mail, screenshots)
    with chromium_page() as page:
        amal = walks(page, "3, an MP registers in Arabic, photo and visa letter")
        register_in_arabic_with_photo_and_visa_letter(amal, links, photo, mail, screenshots)
    with chromium_page() as page:
        walk = walks(page, "3, two MPs register (ar, en)")
        register_briefly(walk, links["omar.farouk@parliament.eg"], "male")
        assert page.locator("#registration-status").inner_text() == "مؤكد"
        register_briefly(walk, links["laila.mansour@parliament.eg"], "female")
        assert page.locator("#registration-status").inner_text() == "Confirmed"
        assert [envelope(received)[:2] for received in mail.deliver()] == [
            (("omar.farouk@parliament.eg",), "ar"),
            (("laila.mansour@parliament.eg",), "en"),
        ]
    with chromium_page() as page:
        walk = walks(page, "3, the fourth MP waits for the delegation's limit (en)")
        register_briefly(walk, links["karim.nassar@parliament.eg"], "male")
        waiting = (
            "You are waiting for a place in your delegation's limit, not for a seat at the venue: your "
            "delegation has reached its limit of 3 for members of parliament at the venue. You are number 1 "
            "in your delegation's queue, in order of registration. A place frees when a member of your "
            "delegation cancels or switches to online participation, or when the secretariat raises the "
            "limit: your delegation's focal point can ask for either. You will get an e-mail as soon as the "
            "place is yours."
        )
        assert (
            page.locator("#registration-status").inner_text(),
            page.locator("#status-explanation").inner_text(),
        ) == ("On the waiting list", waiting)
        page.screenshot(path=str(screenshots / "3-3-fourth-mp-waits-for-the-limit.png"), full_page=True)
        (told,) = mail.deliver()
        karim = Registration.objects.get(email="karim.nassar@parliament.eg")
        assert envelope(told) == (
            ("karim.nassar@parliament.eg",),
            "en",
            "IGF 2023 Parliamentary Track – you are waiting for a place in your delegation's limit",
        )
        status_page = status_page_link(told, "en")
        assert text_of(told) == (
            f"Dear Karim Nassar,\n\n{waiting}\n\nReference: {karim.reference}\n\n"
            f"{STATUS_PAGE['en']}\n{status_page}\n\n"
        )
        walk.goto(status_page)
        assert (page.locator("h1").inner_text(), page.locator("#registration-status").inner_text()) == (
            "Your registration",
            "On the waiting list",
        )
    assert list(Registration.objects.order_by("queue_number").values_list("status", "waiting_for")) == [
        ("confirmed", ""),
        ("confirmed", ""),
        ("confirmed", ""),
        ("waitlisted", "delegation"),
    ]
    with chromium_page() as page:
        walk = walks(page, "3, the focal point sees who waits (ar)")
        walk.goto(links["invitation"])
        walk.click(page.get_by_role("link", name="أجِب عن الدعوة وسمِّ أعضاء وفدك"))
        assert page.inner_text("#waiting-for-limit") == (
            "عدد الأعضاء الذين ينتظرون مكانًا ضمن الحدود المسموحة لوفدك، لا مقعدًا في مكان الانعقاد: 1؛ "
            "تُمنح الأماكن حسب ترتيب التسجيل. لتحرير مكان، اطلب من عضو مسجل أن يلغي تسجيله أو أن يتحول "
            "إلى المشاركة عبر الإنترنت من صفحة تسجيله (أعد إرسال رابطه إليه إن لزم)، "
            "أو اطلب من الأمانة رفع الحد."
        )
        assert page.locator("#members tbody tr td:nth-child(3)").all_inner_texts() == [
            "مؤكد · حضوريًا في المدينة المضيفة",
            "مؤكد · حضوريًا في المدينة المضيفة",
            "مؤكد · حضوريًا في المدينة المضيفة",
            "في قائمة الانتظار · حضوريًا في المدينة المضيفة\nفي انتظار مكان ضمن الحد المسموح للوفد، الترتيب 1",
        ]
        page.screenshot(path=str(screenshots / "3-4-delegation-one-waits-ar.png"), full_page=True)


def register_briefly(walk, link: str, gender: str) -> None:
    """The form as the directory prefills it, with the gender, both days and the consent."""
    walk.goto(link)
    walk.choose("#id_gender", gender)
    walk.check("#id_days_0")
    walk.check("#id_days_1")
    walk.check("#id_consent")
    walk.click("#registration-form button[type=submit]")


def register_in_arabic_with_photo_and_visa_letter(walk, links, photo, mail, screenshots) -> None:
    page = walk.page
    walk.goto(links["amal.haddad@parliament.eg"])
    assert (page.locator("html").get_attribute("dir"), page.locator("h1").inner_text()) == ("rtl", "التسجيل")
    walk.fill("#id_name_arabic", "أمل حداد")
    walk.choose("#id_gender", "female")
    walk.check("#id_days_0")
    walk.check("#id_days_1")
    walk.upload("#id_photo_upload", photo)
    walk.check("#id_visa_letter")
    walk.fill("#id_passport_number", "A12345678")
    walk.fill("#id_passport_expiry", "2030-06-30")
    walk.fill("#id_arrival", "2023-10-07")
    walk.fill("#id_departure", "2023-10-10")
    walk.check("#id_consent")
    page.screenshot(path=str(screenshots / "3-1-registration-form-ar.png"), full_page=True)
    walk.click("#registration-form button[type=submit]")
    registration = Registration.objects.get(email="amal.haddad@parliament.eg")
    assert messages(page) == ["تم استلام تسجيلك."]
    assert (
        page.locator("h1").inner_text(),
        page.locator("#registration-status").inner_text(),
        page.locator("#status-explanation").inner_text(),
    ) == ("تسجيلك", "مؤكد", "تأكّد مقعدك في مكان الانعقاد: اطبع شارتك واحملها معك.")
    page.screenshot(path=str(screenshots / "3-2-registered-ar.png"), full_page=True)
    badge = pdf_text(walk.download(page.get_by_role("link", name="الشارة (PDF)")))
    visa_letter = pdf_text(walk.download(page.get_by_role("link", name="رسالة دعم التأشيرة (PDF)")))
    passport = "Passport number: A12345678 · valid until 30 June 2030"
    assert ("Amal HADDAD" in badge, passport in visa_letter) == (True, True)
    (confirmation,) = mail.deliver()
    assert envelope(confirmation) == (
        ("amal.haddad@parliament.eg",),
        "ar",
        f"{TRACK_AR} – تأكد تسجيلك",
    )
    status_page = status_page_link(confirmation, "ar")
    assert text_of(confirmation) == (
        "عزيزتي أمل حداد،\n\n"
        f"تأكد تسجيلك في {TRACK_AR}. المشاركة: حضوريًا في المدينة المضيفة.\n\n"
        f"المرجع: {registration.reference}\n\n"
        f"{STATUS_PAGE['ar']}\n{status_page}\n\n"
    )
    walk.goto(status_page)
    assert (page.locator("h1").inner_text(), page.locator("#registration-status").inner_text()) == (
        "تسجيلك",
        "مؤكد",
    )


def test_with_the_venue_full_an_mp_waits_for_a_seat_and_is_told_when_one_frees(
    demo, mail, walks, screenshots
):
    services.set_capacity(track=demo, actor=None, onsite_seats=1)
    japan = services.delegation_for(track=demo, parliament=Parliament.objects.get(country__iso3="JPN"))
    kenya = services.delegation_for(track=demo, parliament=Parliament.objects.get(country__iso3="KEN"))
    seated, newcomer = (
        services.add_new_person(
            delegation=delegation,
            person_data={"given_name": given, "family_name": "Delegate", "email": email},
            kind="mp",
            role="head",
            actor=None,
        )
        for delegation, given, email in (
            (japan, "Aiko", "aiko@parliament.jp"),
            (kenya, "Wanjiru", "wanjiru@parliament.ke"),
        )
    )
    taken = services.submit_registration(
        member=seated,
        data={
            "email": seated.person.email,
            "given_name": "Aiko",
            "family_name": "Delegate",
            "nationality_id": japan.parliament.country_id,
            "days": [str(demo.start_date)],
        },
    )
    services.send_registration_link(
        member=newcomer, link=links.member_link(newcomer, settings.SITE_URL), actor=None
    )
    invited = {received.rcpt_tos[0]: received for received in mail.deliver()}["wanjiru@parliament.ke"]
    with chromium_page(viewport={"width": 390, "height": 844}, is_mobile=True) as page:
        walk = walks(page, "3, an MP waits for a seat at the full venue (en, phone)")
        link = link_in(invited, "/en/igf2023-pt/register/")
        register_briefly(walk, link, "female")
        waiting = (
            "You are waiting for a seat at the venue: all seats are taken. You are number 1 in the venue's "
            "queue, in order of registration; you will get an e-mail as soon as a seat frees for you."
        )
        assert (
            page.locator("#registration-status").inner_text(),
            page.locator("#status-explanation").inner_text(),
        ) == ("On the waiting list", waiting)
        page.screenshot(path=str(screenshots / "3-5-waiting-for-the-venue-phone.png"), full_page=True)
        (told,) = mail.deliver()
        reference = Registration.objects.get(email="wanjiru@parliament.ke").reference
        status_page = status_page_link(told, "en")
        assert (envelope(told), text_of(told)) == (
            (
                ("wanjiru@parliament.ke",),
                "en",
                "IGF 2023 Parliamentary Track – you are waiting for a seat at the venue",
            ),
            f"Dear Wanjiru Delegate,\n\n{waiting}\n\nReference: {reference}\n\n"
            f"{STATUS_PAGE['en']}\n{status_page}\n\n",
        )

        services.cancel(registration=taken, actor=None)
        promoted = {received.rcpt_tos[0]: received for received in mail.deliver()}["wanjiru@parliament.ke"]
        status_page = status_page_link(promoted, "en")
        assert (envelope(promoted), text_of(promoted)) == (
            (
                ("wanjiru@parliament.ke",),
                "en",
                "IGF 2023 Parliamentary Track – a seat at the venue is yours: your registration is confirmed",
            ),
            "Dear Wanjiru Delegate,\n\nA seat at the venue of IGF 2023 Parliamentary Track has freed and it "
            "is yours: you were first in the venue's queue. Your registration is confirmed. Participation: "
            f"Onsite, in the host city.\n\nReference: {reference}\n\n{STATUS_PAGE['en']}\n{status_page}\n\n",
        )
        walk.goto(status_page)
        assert page.locator("h1").inner_text() == "Your registration"
        assert page.locator("#registration-status").inner_text() == "Confirmed"
