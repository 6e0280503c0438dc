"""Endorsement letters: a complete PDF within limits only, kept in private storage under an
unguessable name, opened only by the applicant's parliament and the secretariat."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament
from plenary.funding import endorsements
from plenary.funding.models import Application
from plenary.funding.tests import factories

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def application(igf_track):
    return factories.applied(factories.call(igf_track), factories.mp("NPL", track=igf_track), endorse=False)


@pytest.fixture
def focal_point(application):
    return make_user("fp.npl@example.org", Role.FOCAL_POINT, application.person.parliament)


def endorse(client, application, data: bytes, language="en"):
    with translation.override(language):
        url = reverse("funding:endorse", kwargs={"pk": application.pk})
    letter = SimpleUploadedFile("letter.pdf", data, content_type="application/pdf")
    return client.post(url, {"letter": letter}, follow=True)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The endorsement letter must be a PDF file."),
        ("fr", "La lettre d'appui doit être un fichier PDF."),
        ("ar", "يجب أن تكون رسالة التأييد ملف PDF."),
    ],
)
def test_a_letter_that_is_not_a_pdf_is_refused_in_the_users_language(
    client, application, focal_point, language, message
):
    client.force_login(focal_point)
    response = endorse(client, application, b"\x89PNG\r\n\x1a\n not a letter", language)
    application.refresh_from_db()
    assert (shown_messages(response), application.is_endorsed) == ([message], False)


def test_a_pdf_cut_short_is_refused(client, application, focal_point):
    client.force_login(focal_point)
    response = endorse(client, application, PDF[:20])
    assert shown_messages(response) == ["The endorsement letter must be a PDF file."]


def test_a_letter_above_the_limit_is_refused(client, application, focal_point, monkeypatch):
    monkeypatch.setattr(endorsements, "MAX_BYTES", len(PDF) - 1)
    client.force_login(focal_point)
    response = endorse(client, application, PDF)
    assert shown_messages(response) == ["The endorsement letter is larger than 10 MB."]


def test_a_pdf_letter_is_stored_privately_under_an_unguessable_name(
    client, application, focal_point, settings
):
    client.force_login(focal_point)
    assert shown_messages(endorse(client, application, PDF)) == ["The application is endorsed."]
    letter = Application.objects.get(pk=application.pk).endorsement_letter
    assert re.fullmatch(
        rf"funding/{application.call_id}/endorsements/[\w-]{{24}}/endorsement-letter\.pdf", letter.name
    )
    assert letter.path.startswith(str(settings.PRIVATE_MEDIA_ROOT.resolve()))
    assert letter.url == f"/files/{letter.name}"


def test_the_letter_opens_for_its_parliament_and_the_secretariat_only(client, application, focal_point):
    client.force_login(focal_point)
    endorse(client, application, PDF)
    url = Application.objects.get(pk=application.pk).endorsement_letter.url
    response = client.get(url)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)
    client.force_login(make_user("secretariat.f@example.org", Role.SECRETARIAT))
    assert client.get(url).status_code == 200
    client.force_login(
        make_user("fp.ken@example.org", Role.FOCAL_POINT, Parliament.objects.get(country__iso3="KEN"))
    )
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
