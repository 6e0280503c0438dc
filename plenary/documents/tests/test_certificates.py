import re
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from plenary.core.testing import PdfTags, pdf_tags, pdf_text
from plenary.documents import rendering
from plenary.documents.tests.conftest import check_in, register
from plenary.registration import links

pytestmark = pytest.mark.django_db


def certificate_url(registration, track_slug=None) -> str:
    return reverse(
        "documents:my_certificate",
        kwargs={
            "track": track_slug or registration.track.slug,
            "token": links.member_token(registration.member),
        },
    )


def status_url(registration) -> str:
    token = links.member_token(registration.member)
    return reverse("registration:register", kwargs={"track": registration.track.slug, "token": token})


def test_a_checked_in_delegate_downloads_the_certificate_from_the_status_page(igf_track, capacity):
    registration = register(igf_track, "FRA", "Martin", language="fr")
    check_in(registration)
    page = Client().get(status_url(registration)).content.decode()
    link = re.search(r'id="certificate-link" href="([^"]+)"', page).group(1)
    assert link.endswith("/certificate.pdf")
    response = Client().get(link)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    lines = [line.strip() for line in pdf_text(response.content).splitlines() if line.strip()]
    assert lines[:8] == [
        "18e Forum sur la gouvernance de l'Internet (FGI 2023)",
        "Attestation de participation",
        "Nous attestons la participation de",
        "MARTIN, Amal",
        "membre de la délégation : Parlement de la France, à",
        "Volet parlementaire du FGI 2023",
        "Centre international de conférences de Kyoto, Kyoto, Japon",
        "8–9 octobre 2023",
    ]
    assert "Certificate of attendance" in lines
    assert "Days attended: 8 October 2023" in lines


def test_no_certificate_before_check_in_nor_through_another_link(igf_track, capacity):
    attended = register(igf_track, "FRA", "Martin")
    check_in(attended)
    absent = register(igf_track, "FRA", "Durand")
    page = Client().get(status_url(absent)).content.decode()
    assert "certificate-link" not in page
    forged = reverse("documents:my_certificate", kwargs={"track": igf_track.slug, "token": "forged"})
    responses = [
        Client().get(certificate_url(absent)),
        Client().get(forged),
        Client().get(certificate_url(attended, track_slug="another-track")),
    ]
    assert [response.status_code for response in responses] == [404, 404, 404]


def test_arabic_certificate_co_signed(igf_track, capacity, artifacts_dir):
    registration = register(igf_track, "EGY", "Hassan", language="ar", name_arabic="أمل حسن")
    check_in(registration)
    path = artifacts_dir / "documents-certificate-ar.pdf"
    path.write_bytes(rendering.certificate_pdf(registration))
    text = pdf_text(path)
    signatories = [str(signatory.name.get("en")) for signatory in igf_track.signatories.all()]
    assert len(signatories) >= 2
    assert all(name in text for name in signatories)
    assert "شهادة حضور" in text
    # Page 1 in Arabic, page 2 in English.
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "2",
            str(path),
            str(artifacts_dir / "documents-certificate-ar"),
        ],
        check=True,
    )


def test_the_certificate_is_tagged_in_the_delegates_language_first(igf_track, capacity):
    registration = register(igf_track, "EGY", "Hassan", language="ar", name_arabic="أمل حسن")
    check_in(registration)
    assert pdf_tags(rendering.certificate_pdf(registration)) == PdfTags(
        tagged=True,
        marked=True,
        language="ar",
        title="شهادة حضور",
        languages=[("Sect", "ar"), ("Sect", "en")],
        alternative_texts=[],
    )
