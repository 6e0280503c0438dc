"""Journey 6: a rapporteur enters a session's main points; the secretariat drafts a paragraph from
them and publishes a version; a delegate comments and proposes an amendment in Arabic; the
secretariat merges it, publishes and adopts; the PDF sets Arabic and English side by side."""

import datetime as dt
import re
import subprocess

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils import timezone

from plenary.core.models import Role
from plenary.core.testing import chromium_page, log_in_page, make_user
from plenary.directory.models import Parliament, Person
from plenary.outcomes import services as outcomes
from plenary.outcomes.tests.factories import roundtable_with_rapporteur
from plenary.registration import services as registration

pytestmark = [pytest.mark.journey, pytest.mark.browser]

MAIN_POINT = "Parliaments should legislate for trustworthy artificial intelligence."
ENGLISH = "Parliaments will legislate for trustworthy artificial intelligence."
ARABIC = "ستشرّع البرلمانات من أجل ذكاء اصطناعي جدير بالثقة."
COMMENT = "نؤيد الفقرة، ونقترح ذكر حقوق الإنسان."
AMENDMENT = "ستشرّع البرلمانات من أجل ذكاء اصطناعي جدير بالثقة ويحترم حقوق الإنسان."
AMENDED_ENGLISH = (
    "Parliaments will legislate for trustworthy artificial intelligence that respects human rights."
)


def registered_delegate(track):
    """An Egyptian MP with a confirmed registration and an account."""
    egypt = registration.delegation_for(track=track, parliament=Parliament.objects.get(country__iso3="EGY"))
    member = registration.add_new_person(
        delegation=egypt,
        person_data={"given_name": "Amal", "family_name": "Haddad", "email": "amal.haddad@parliament.eg"},
        kind="mp",
        role="head",
        actor=None,
    )
    registration.submit_registration(
        member=member,
        data={
            "email": "amal.haddad@parliament.eg",
            "given_name": "Amal",
            "family_name": "Haddad",
            "nationality_id": egypt.parliament.country_id,
            "days": [str(track.start_date)],
            "language": "ar",
        },
    )
    user = make_user("amal.haddad@parliament.eg")
    Person.objects.filter(pk=member.person_id).update(user=user)
    return user


def pdf_text(pdf: bytes) -> str:
    """pdftotext's text, without the bidirectional marks it wraps Arabic lines in, spaces collapsed."""
    assert pdf[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", re.sub("[\u202a-\u202e]", "", text))


def messages(page) -> list[str]:
    return page.locator(".messages li").all_inner_texts()


def test_main_points_to_an_adopted_bilingual_output_document(demo, mail, walks, screenshots):
    session, rapporteur = roundtable_with_rapporteur(demo)
    delegate = registered_delegate(demo)
    staff = make_user("staff@ipu.example.org", Role.SECRETARIAT, is_staff=True, is_superuser=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    document = outcomes.create_document(actor=staff, track=demo, title={"en": "Output document"})
    outcomes.add_section(
        actor=staff, document=document, title={"en": "Key messages", "ar": "الرسائل الرئيسية"}
    )
    mail.deliver()
    site = f"{settings.SITE_URL}/%s/{demo.slug}/outcome/"

    with chromium_page() as page:
        walk = walks(page, "6, the rapporteur enters main points (en)")
        log_in_page(page, settings.SITE_URL, rapporteur)
        walk.goto(site % "en" + f"main-points/{session.slug}/")
        assert page.locator("h1").inner_text() == "Main points of “Roundtable on AI”"
        walk.choose("#id_kind", "recommendation")
        walk.fill("#id_text", MAIN_POINT)
        walk.click(page.get_by_role("button", name="Save as draft"))
        assert messages(page) == ["The main point is recorded."]
        walk.click(page.get_by_role("button", name="Submit the main points to the secretariat"))
        assert messages(page) == ["The main points are submitted to the secretariat."]
        page.screenshot(path=str(screenshots / "6-1-main-points.png"), full_page=True)

    now = timezone.localtime()
    with chromium_page() as page:
        walk = walks(page, "6, the secretariat drafts and publishes version 1 (en)")
        log_in_page(page, settings.SITE_URL, staff)
        walk.goto(site % "en" + "drafts/")
        assert page.locator("h1").inner_text() == "Drafts of the output document"
        walk.click(page.get_by_role("link", name="Working text and translations"))
        walk.fill("form[action$='/add/'] textarea", ENGLISH)
        walk.click(page.get_by_role("button", name="Add the paragraph"))
        assert messages(page) == ["The paragraph is added."]
        walk.fill("textarea[lang=ar]", ARABIC)
        walk.click(page.locator("form:has(textarea[lang=ar])").get_by_role("button", name="Save"))
        assert messages(page) == ["The text is saved."]
        walk.choose(
            "select[name=sources]", [page.locator("select[name=sources] option").first.get_attribute("value")]
        )
        walk.click(page.get_by_role("button", name="Save the sources"))
        assert messages(page) == ["The sources are saved."]
        page.screenshot(path=str(screenshots / "6-2-working-text.png"), full_page=True)
        walk.goto(site % "en" + "drafts/")
        walk.fill("#id_opens_at", (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
        walk.fill("#id_closes_at", (now + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
        walk.click(page.get_by_role("button", name="Publish to the delegates"))
        assert messages(page) == ["A new version is published to the delegates."]
    with chromium_page() as page:
        walk = walks(page, "6, a delegate comments and proposes an amendment (ar)")
        log_in_page(page, settings.SITE_URL, delegate)
        walk.goto(site % "ar" + "v1/")
        paragraph = page.locator("#p1")
        walk.click(paragraph.locator("details.feedback > summary"))
        walk.check(paragraph.locator("form.comment-form input[value=support]"))
        walk.fill(paragraph.locator("form.comment-form textarea"), COMMENT)
        walk.choose(paragraph.locator("form.comment-form select[name=language]"), "ar")
        walk.click(paragraph.locator("form.comment-form button[type=submit]"))
        amendment = page.locator("#p1 form.amendment-form")
        walk.choose(amendment.locator("select[name=kind]"), "replace")
        walk.fill(amendment.locator("textarea"), AMENDMENT)
        walk.choose(amendment.locator("select[name=language]"), "ar")
        walk.click(amendment.locator("button[type=submit]"))
        page.screenshot(path=str(screenshots / "6-3-delegate-amends-ar.png"), full_page=True)

    with chromium_page() as page:
        walk = walks(page, "6, the secretariat merges, publishes and adopts (ar)")
        log_in_page(page, settings.SITE_URL, staff)
        walk.goto(site % "ar" + "v1/")
        walk.click(page.locator("#p1 summary", has_text="دمج التعديلات في نص واحد"))
        merge = page.locator("#p1 form[action$='/merge/']")
        walk.check(merge.locator("input[name=amendments]").first)
        walk.fill(merge.locator("textarea[name=text]"), AMENDMENT)
        walk.choose(merge.locator("select[name=language]"), "ar")
        walk.click(merge.locator("button[type=submit]"))
        # The merged Arabic text is now the original: the English needs translating again.
        walk.goto(site % "ar" + "work/")
        walk.fill("textarea[name=text][lang=en]", AMENDED_ENGLISH)
        walk.click(page.locator("form:has(textarea[name=text][lang=en]) button[type=submit]").first)
        walk.click(page.locator("form:has(textarea[name=text][lang=en]) button[name=verify]"))
        walk.goto(site % "ar" + "drafts/")
        walk.click(page.locator("form[action$='/publish/'] button[type=submit]"))
        walk.goto(site % "ar" + "drafts/")
        walk.click(page.locator("form[action$='/v2/adopt/'] button[type=submit]"))
        page.screenshot(path=str(screenshots / "6-4-adopted-ar.png"), full_page=True)
        walk.goto(site % "ar")
        download = page.locator("form[action$='outcome.pdf']")
        walk.choose(download.locator("select[name=lang]").nth(1), "en")
        pdf = pdf_text(walk.submit_for_file(download))
        # The Arabic column wraps beside the English one, whose lines pdftotext reads in between.
        arabic = ["ستشرّع", "البرلمانات", "من", "أجل", "ذكاء", "اصطناعي", "جدير", "بالثقة"]
        assert (
            [word for word in arabic if word not in pdf],
            AMENDED_ENGLISH in " ".join(pdf.split()),
            "Not yet translated" in pdf,
        ) == ([], True, False), pdf
    # Publishing and adopting e-mail no one today (issue 12 leaves that to the lead).
    assert mail.deliver() == []
