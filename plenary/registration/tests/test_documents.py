import re
import subprocess

import pytest
from django.urls import reverse

from plenary.core.testing import PdfTags, pdf_tags, pdf_text
from plenary.registration import documents, links, selectors, services
from plenary.registration.models import Registration
from plenary.registration.tests import factories
from plenary.registration.tests.conftest import form_data, image_upload


def registered(client, track, parliament, **overrides) -> Registration:
    member = factories.member(track, parliament)
    url = reverse("registration:register", kwargs={"track": track.slug, "token": links.member_token(member)})
    response = client.post(url, form_data(member, photo_upload=image_upload(), **overrides))
    assert response.status_code == 302
    return Registration.objects.get(member=member)


def test_badge_with_arabic_name_and_signed_qr(client, igf_track, capacity, two_parliaments, artifacts_dir):
    registration = registered(client, igf_track, two_parliaments[0], name_arabic="أمل حداد", language="ar")
    path = artifacts_dir / "registration-badge.pdf"
    path.write_bytes(documents.badges_pdf(igf_track, [registration]))
    text = pdf_text(path, "-layout")
    assert "HADDAD" in text
    assert registration.reference in text
    assert documents._badge_captions(registration) == [
        {"language": "en", "direction": "ltr", "role": "Member", "mode": "Onsite"},
        {"language": "ar", "direction": "rtl", "role": "عضو", "mode": "حضوري"},
    ]
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(artifacts_dir / "registration-badge"),
        ],
        check=True,
    )
    assert links.reference_from_scan(links.badge_code(registration)) == registration.reference
    assert links.reference_from_scan(f"{registration.reference}:forged-signature") is None


def test_an_arabic_honorific_goes_with_the_arabic_name(client, igf_track, capacity, two_parliaments):
    registration = registered(
        client, igf_track, two_parliaments[0], honorific="سعادة", name_arabic="أمل حداد"
    )
    badge = documents._badge(registration)
    assert (badge["honorific_latin"], badge["honorific_arabic"]) == ("", "سعادة")
    assert (documents._badge(registered(client, igf_track, two_parliaments[1]))["honorific_latin"]) == "Hon."


def test_credit_card_badges(client, secretariat, igf_track, capacity, two_parliaments, artifacts_dir):
    registration = registered(client, igf_track, two_parliaments[0], name_arabic="أمل حداد", language="ar")
    path = artifacts_dir / "registration-badge-card.pdf"
    path.write_bytes(documents.badges_pdf(igf_track, [registration], size="card"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+(\S+) x (\S+) pts", info).groups() == ("242.646", "153.071")
    assert "HADDAD" in pdf_text(path, "-layout")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-singlefile",
            str(path),
            str(artifacts_dir / "registration-badge-card"),
        ],
        check=True,
    )
    client.force_login(secretariat)
    url = reverse("registration:badge", kwargs={"track": igf_track.slug, "pk": registration.pk})
    assert client.get(url, {"size": "card"}).content[:4] == b"%PDF"
    with pytest.raises(ValueError):
        documents.badges_pdf(igf_track, [registration], size="A4")


def test_badges_to_print_sorted_by_country(client, igf_track, capacity, two_parliaments):
    first, second = sorted(two_parliaments, key=lambda p: p.country.iso3)
    later = registered(client, igf_track, second, family_name="Zed")
    earlier = registered(client, igf_track, first, family_name="Young")
    assert list(selectors.badges_to_print(igf_track)) == [earlier, later]


def test_visa_letter_in_english_and_the_delegates_language(
    client, igf_track, capacity, two_parliaments, artifacts_dir
):
    registration = registered(
        client,
        igf_track,
        two_parliaments[0],
        language="ar",
        visa_letter="on",
        passport_number="ab 123456",
        passport_expiry="2025-06-30",
    )
    assert registration.passport_number == "AB123456"
    path = artifacts_dir / "registration-visa-letter.pdf"
    path.write_bytes(documents.visa_letter_pdf(registration))
    text = pdf_text(path, "-layout")
    assert "AB123456" in text
    assert "Martin Chungong" in text
    assert [documents._name_in_letter(registration, language) for language in ("en", "ar")] == [
        "Amal HADDAD",
        "أمل حداد (\u2066Amal HADDAD\u2069)",
    ]
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "2",
            "-l",
            "2",
            str(path),
            str(artifacts_dir / "registration-visa-letter-ar"),
        ],
        check=True,
    )
    assert services.purge_passports(track=igf_track, actor=None) == 1
    registration.refresh_from_db()
    assert (registration.passport_number, registration.passport_expiry) == ("", None)


def test_the_visa_letter_agrees_with_the_delegates_gender_and_uses_arabic_commas(
    client, igf_track, capacity, two_parliaments
):
    from django.template.loader import render_to_string
    from django.utils import translation

    woman = registered(client, igf_track, two_parliaments[0], gender="female", language="ar")
    man = registered(client, igf_track, two_parliaments[1], gender="male", language="ar", given_name="Omar")
    sentences = {}
    for registration in (woman, man):
        with translation.override("ar"):
            html = render_to_string(
                "registration/pdf/visa_letter_body.html",
                {"registration": registration, "track": igf_track, "forum": igf_track.forum, "lang": "ar"},
            )
        sentences[registration.gender] = re.search(r"مسجلة? بصفت\w+ عضوًا في وفد برلمان\w+", html).group(0)
    assert sentences == {
        "female": "مسجلة بصفتها عضوًا في وفد برلمانها",
        "male": "مسجل بصفته عضوًا في وفد برلمانه",
    }
    assert "كيوتو، اليابان" in html


def test_badges_and_visa_letters_are_tagged_the_qr_code_named_by_its_reference(
    client, igf_track, capacity, two_parliaments
):
    registration = registered(
        client,
        igf_track,
        two_parliaments[0],
        name_arabic="أمل حداد",
        language="ar",
        visa_letter="on",
        passport_number="ab 123456",
        passport_expiry="2025-06-30",
    )
    assert pdf_tags(documents.badges_pdf(igf_track, [registration])) == PdfTags(
        tagged=True,
        marked=True,
        language="en",
        title="Badges · IGF 2023 Parliamentary Track",
        # The Arabic name, then the role and the mode of participation in English and in Arabic.
        languages=[("P", "ar"), ("P", "en"), ("P", "ar"), ("P", "en"), ("P", "ar")],
        alternative_texts=["Amal Haddad", registration.reference],
    )
    assert pdf_tags(documents.visa_letter_pdf(registration)) == PdfTags(
        tagged=True,
        marked=True,
        language="en",
        title=f"Visa support letter · {registration.reference}",
        languages=[("Sect", "en"), ("Sect", "ar")],
        alternative_texts=[],
    )
