"""The person's export and erasure request from their status page, the focal point's for a member it
named, and the secretariat's page: who may open what, and what each gives."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from plenary.core import outbox
from plenary.core.models import AuditEntry, Role
from plenary.core.testing import PdfTags, make_user, pdf_tags, pdf_text
from plenary.documents.selectors import participants_by_country
from plenary.privacy.models import ErasureRequest, RetentionPolicy
from plenary.privacy.tests.conftest import register
from plenary.registration import links
from plenary.registration.models import LIST_CONSENT_VERSION
from plenary.registration.tests import factories

pytestmark = pytest.mark.django_db


def personal(name: str, registration, language="en") -> str:
    token = links.member_token(registration.member)
    with translation.override(language):
        return reverse(f"privacy:{name}", kwargs={"track": registration.track.slug, "token": token})


def for_member(name: str, registration, language="en") -> str:
    member = registration.member
    kwargs = {
        "track": registration.track.slug,
        "parliament": member.delegation.parliament_id,
        "member": member.pk,
    }
    with translation.override(language):
        return reverse(f"privacy:{name}", kwargs=kwargs)


def test_the_status_page_offers_her_data_and_erasure(client, zephyrine):
    token = links.member_token(zephyrine.member)
    url = reverse("registration:register", kwargs={"track": zephyrine.track.slug, "token": token})
    page = client.get(url).content.decode()
    hrefs = re.findall(r'<a id="(my-data-pdf|my-data-json|my-erasure)" href="([^"]+)"', page)
    assert [anchor for anchor, _href in hrefs] == ["my-data-pdf", "my-data-json", "my-erasure"]
    assert [client.get(href).status_code for _anchor, href in hrefs] == [200, 200, 200]


def test_the_json_holds_her_directory_entry_account_and_registration(client, zephyrine):
    response = client.get(personal("my_data_json", zephyrine))
    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    exported = AuditEntry.objects.get(action="privacy.exported_json")
    assert (exported.actor, exported.target_id) == (None, str(zephyrine.person_id))
    assert list(data) == [
        "generated_at", "person", "account", "delegations", "registrations", "funding", "queries", "speaker",
    ]  # fmt: skip
    assert data["person"] == [
        {
            "honorific": "",
            "given_name": "Zephyrine",
            "family_name": "Quillfeather",
            "name_arabic": "",
            "gender": "Female",
            "email": "zephyrine.q@example.org",
            "phone": "+41 22 919 4150",
            "preferred_language": "English",
            "parliament": str(zephyrine.delegation.parliament),
            "chamber": "",
        }
    ]
    registration = data["registrations"][0]
    assert {key: registration[key] for key in ("reference", "email", "passport_number", "name_arabic")} == {
        "reference": zephyrine.reference,
        "email": "zephyrine.q@example.org",
        "passport_number": "QZ7788123",
        "name_arabic": "زفيرين كويلفيذر",
    }
    assert data["account"][0]["email"] == "zephyrine.q@example.org"


def test_the_pdf_is_in_the_language_she_registered_in(client, igf_track, capacity, parliament):
    registration = register(
        igf_track, parliament, given="Layla", family="Nasser", email="layla.n@example.org", language="ar"
    )
    response = client.get(personal("my_data_pdf", registration))
    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert "بياناتك الشخصية" in text
    assert "layla.n@example.org" in text
    assert "Your personal data" not in text
    assert pdf_tags(response.content) == PdfTags(
        tagged=True,
        marked=True,
        language="ar",
        title="بياناتك الشخصية",
        languages=[],
        alternative_texts=[],
    )


def test_she_asks_for_erasure_once_and_the_page_then_says_it_waits(client, zephyrine):
    url = personal("my_erasure", zephyrine)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    erasure = ErasureRequest.objects.get()
    assert (erasure.person, erasure.status, erasure.by_focal_point, erasure.asked_by) == (
        zephyrine.person,
        "open",
        False,
        None,
    )
    assert 'id="erasure-waiting"' in client.get(url).content.decode()


def test_the_focal_point_exports_and_asks_for_a_member_of_its_own_delegation_only(
    client, igf_track, capacity, zephyrine, focal_point
):
    other = factories.parliaments(2)[1]
    stranger = make_user("focal.other@example.org", Role.FOCAL_POINT, parliament=other)
    assert client.get(for_member("member_data_json", zephyrine)).status_code == 302  # to the login page
    client.force_login(stranger)
    assert client.get(for_member("member_data_json", zephyrine)).status_code == 404
    client.force_login(focal_point)
    response = client.get(for_member("member_data_json", zephyrine))
    assert json.loads(response.content)["registrations"][0]["reference"] == zephyrine.reference
    assert client.get(for_member("member_data_pdf", zephyrine))["Content-Type"] == "application/pdf"
    assert client.post(for_member("member_erasure", zephyrine)).status_code == 302
    erasure = ErasureRequest.objects.get()
    assert (erasure.asked_by, erasure.by_focal_point) == (focal_point, True)
    delegation_page = reverse(
        "registration:delegation",
        kwargs={"track": igf_track.slug, "parliament": focal_point_parliament(focal_point)},
    )
    assert f'href="{for_member("member_erasure", zephyrine)}"' in client.get(delegation_page).content.decode()


def focal_point_parliament(user) -> int:
    return user.role_assignments.get().parliament_id


def test_only_the_secretariat_opens_its_page(client, igf_track, focal_point, secretariat):
    url = reverse("privacy:secretariat", kwargs={"track": igf_track.slug})
    client.force_login(focal_point)
    assert client.get(url).status_code == 404
    client.force_login(secretariat)
    page = client.get(url).content.decode()
    assert 'id="retention-passport"' in page
    assert 'id="erasure-requests"' in page


def test_the_secretariat_sets_the_periods_passport_data_shortest(client, igf_track, secretariat):
    url = reverse("privacy:secretariat", kwargs={"track": igf_track.slug})
    client.force_login(secretariat)
    periods = {"passport_days": 10, "photo_days": 5, "contact_days": 30, "registration_days": 60}
    page = client.post(url, periods).content.decode()
    assert "Passport data and visa requests are kept the shortest." in page
    assert client.post(url, periods | {"passport_days": 0}).status_code == 302
    policy = RetentionPolicy.objects.get(track=igf_track)
    assert (policy.passport_days, policy.photo_days, policy.contact_days, policy.registration_days) == (
        0,
        5,
        30,
        60,
    )


def test_the_secretariat_confirms_with_an_explanation_and_she_is_told_by_email(
    client, igf_track, zephyrine, secretariat
):
    client.post(personal("my_erasure", zephyrine, "fr"))
    erasure = ErasureRequest.objects.get()
    client.force_login(secretariat)
    page = client.get(reverse("privacy:secretariat", kwargs={"track": igf_track.slug})).content.decode()
    assert "Zephyrine Quillfeather" in page
    confirm = reverse("privacy:confirm_erasure", kwargs={"track": igf_track.slug, "pk": erasure.pk})
    assert (
        client.post(confirm, {"kept": "Votre attestation de participation reste au registre."}).status_code
        == 302
    )

    erasure.refresh_from_db()
    assert (erasure.status, erasure.decided_by, erasure.kept) == (
        "done",
        secretariat,
        "Votre attestation de participation reste au registre.",
    )
    (notice,) = outbox.messages_for(erasure)
    assert (notice.to, notice.language) == (["zephyrine.q@example.org"], "en")
    assert "Votre attestation de participation reste au registre." in notice.body
    page = client.get(reverse("privacy:secretariat", kwargs={"track": igf_track.slug})).content.decode()
    assert "Zephyrine" not in page
    assert client.post(confirm, {"kept": ""}).status_code == 302
    assert len(outbox.messages_for(erasure)) == 1


def test_the_public_page_names_no_one_and_the_published_list_only_who_agreed(
    client, igf_track, parliament, zephyrine
):
    register(
        igf_track,
        parliament,
        given="Agreed",
        family="Tolist",
        email="agreed.tolist@example.org",
        functions="Speaker",
        list_consent_at=timezone.now(),
        list_consent_language="en",
        list_consent_version=LIST_CONSENT_VERSION,
        list_consent_text="I agree.",
    )
    page = client.get(reverse("registration:participants", kwargs={"track": igf_track.slug})).content.decode()
    assert [
        word for word in ("Zephyrine", "Quillfeather", "Agreed", "Tolist", "@example.org") if word in page
    ] == []
    assert str(parliament.name) in page
    assert [
        (
            group.country,
            group.parliament,
            [(delegate.name, delegate.functions) for delegate in group.delegates],
        )
        for group in participants_by_country(igf_track, "en")
    ] == [(str(parliament.country.name), str(parliament.name), [("TOLIST, Agreed", "Speaker")])]
