import datetime as dt

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from plenary.api.tests.conftest import bearer
from plenary.core.testing import make_user
from plenary.directory.models import Person
from plenary.invitations.models import Invitation
from plenary.outcomes import services as outcome_services
from plenary.outcomes.models import ParagraphVersion
from plenary.registration.models import Registration
from plenary.registration.services import delegation_for

BASE = "/api/v1/tracks/igf2023-pt"


def iso(moment) -> str:
    return DjangoJSONEncoder().default(moment)


@pytest.fixture
def version(igf_track, api_secretariat):
    """Version 1 of a two-paragraph document (English, one paragraph in French too), open for comments."""
    document = outcome_services.create_document(
        actor=api_secretariat, track=igf_track, title={"en": "Output document"}
    )
    section = outcome_services.add_section(
        actor=api_secretariat, document=document, title={"en": "Key messages", "fr": "Messages clés"}
    )
    first = outcome_services.add_paragraph(
        actor=api_secretariat, section=section, text="Keep the Internet open."
    )
    outcome_services.add_paragraph(actor=api_secretariat, section=section, text="Legislate for AI.")
    outcome_services.edit_text(
        actor=api_secretariat, paragraph=first, language="fr", text="Garder l'Internet ouvert."
    )
    now = timezone.now()
    return outcome_services.publish_version(
        actor=api_secretariat,
        document=document,
        comments_open_at=now - dt.timedelta(days=1),
        comments_close_at=now + dt.timedelta(days=1),
    )


def test_versions(api, version):
    answer = {
        "number": 1,
        "status": "draft",
        "note": "",
        "published_at": iso(version.published_at),
        "comments_open_at": iso(version.comments_open_at),
        "comments_close_at": iso(version.comments_close_at),
        "adopted_at": None,
    }
    assert api.get(f"{BASE}/document/versions").json() == [answer]
    assert api.get(f"{BASE}/document/versions/1").json() == answer
    assert api.get(f"{BASE}/document/versions/2").json()["code"] == "not_found"


def test_paragraphs_in_every_language_or_one(api, version):
    first, second = ParagraphVersion.objects.filter(version=version).order_by("number")
    rows = api.get(f"{BASE}/document/versions/1/paragraphs").json()
    assert rows == {
        "items": [
            {
                "number": 1,
                "section": {"en": "Key messages", "fr": "Messages clés"},
                "source_language": "en",
                "text": first.text,
                "translation_status": first.status,
            },
            {
                "number": 2,
                "section": {"en": "Key messages", "fr": "Messages clés"},
                "source_language": "en",
                "text": second.text,
                "translation_status": second.status,
            },
        ],
        "next_cursor": None,
    }
    assert first.text == {"en": "Keep the Internet open.", "fr": "Garder l'Internet ouvert."}
    french = api.get(f"{BASE}/document/versions/1/paragraphs?lang=fr&limit=1").json()
    assert french["items"][0]["text"] == "Garder l'Internet ouvert."
    assert french["items"][0]["section"] == "Messages clés"
    rest = api.get(f"{BASE}/document/versions/1/paragraphs?lang=fr&cursor={french['next_cursor']}").json()
    assert ([row["text"] for row in rest["items"]], rest["next_cursor"]) == ([""], None)


def registered_delegate(track, parliament):
    user = make_user("rita.api@example.org")
    user.first_name, user.last_name = "Rita", "Rapporteur"
    user.save()
    person = Person.objects.create(
        given_name="Rita", family_name="Rapporteur", parliament=parliament, user=user
    )
    Registration.objects.create(
        track=track,
        person=person,
        delegation=delegation_for(track=track, parliament=parliament),
        status="confirmed",
        email=user.email,
        given_name="Rita",
        family_name="Rapporteur",
        nationality=parliament.country,
        consent_at=timezone.now(),
        consent_language="en",
    )
    return user


def test_comments_and_amendments(api, version, api_secretariat, parliaments):
    first, second = ParagraphVersion.objects.filter(version=version).order_by("number")
    author = registered_delegate(version.document.track, parliaments[0])
    comment = outcome_services.add_comment(
        actor=author, paragraph_version=second, stance="oppose", text="Too vague.", language="en"
    )
    amendment = outcome_services.propose_amendment(
        actor=author, paragraph_version=first, kind="replace", text="Keep it open and safe.", language="en"
    )
    outcome_services.reject_amendment(actor=api_secretariat, amendment=amendment, reason="Out of scope.")
    amendment.refresh_from_db()
    assert api.get(f"{BASE}/document/versions/1/comments").json() == {
        "items": [
            {
                "id": comment.pk,
                "paragraph": 2,
                "stance": "oppose",
                "text": "Too vague.",
                "language": "en",
                "author": "Rita Rapporteur",
                "created_at": iso(comment.created_at),
            }
        ],
        "next_cursor": None,
    }
    assert api.get(f"{BASE}/document/versions/1/amendments").json() == {
        "items": [
            {
                "id": amendment.pk,
                "paragraph": 1,
                "kind": "replace",
                "text": "Keep it open and safe.",
                "language": "en",
                "author": "Rita Rapporteur",
                "created_at": iso(amendment.created_at),
                "status": "rejected",
                "reason": "Out of scope.",
                "decided_at": iso(amendment.decided_at),
                "taken_in": None,
            }
        ],
        "next_cursor": None,
    }


def test_the_output_document_needs_read_outcomes(make_token, version):
    _token, secret = make_token(["read:registrations", "read:funding"])
    for path in ("", "/1", "/1/paragraphs", "/1/comments", "/1/amendments"):
        assert bearer(secret).get(f"{BASE}/document/versions{path}").json()["code"] == "wrong_scope"


@pytest.fixture
def invitations(igf_track, parliaments):
    sent = timezone.now() - dt.timedelta(days=3)
    return [
        Invitation.objects.create(
            track=igf_track,
            parliament=parliament,
            seq=number,
            reference=f"IGF/2023/{number}",
            languages=["en"],
            status=status,
            queued_at=sent,
            sent_at=sent,
            responded_at=sent + dt.timedelta(days=1) if status == "responded" else None,
        )
        for number, (parliament, status) in enumerate(
            zip(parliaments, ["responded", "sent"], strict=True), start=1
        )
    ]


def invitation_row(invitation) -> dict:
    return {
        "id": invitation.pk,
        "parliament": invitation.parliament.country.iso3,
        "reference": invitation.reference,
        "status": invitation.status,
        "languages": ["en"],
        "created_at": iso(invitation.created_at),
        "queued_at": iso(invitation.queued_at),
        "sent_at": iso(invitation.sent_at),
        "delivered_at": None,
        "failed_at": None,
        "responded_at": iso(invitation.responded_at) if invitation.responded_at else None,
    }


def test_invitations_with_status_and_dates(api, invitations, parliaments):
    assert api.get(f"{BASE}/invitations").json() == {
        "items": [invitation_row(invitation) for invitation in invitations],
        "next_cursor": None,
    }
    sent = api.get(f"{BASE}/invitations?status=sent").json()["items"]
    assert sent == [invitation_row(invitations[1])]
    iso3 = parliaments[0].country.iso3
    assert api.get(f"{BASE}/invitations?parliament={iso3}").json()["items"] == [
        invitation_row(invitations[0])
    ]
    assert api.get(f"{BASE}/invitations?status=lost").json()["code"] == "invalid"


def test_invitations_need_read_invitations(make_token, invitations):
    _token, secret = make_token(["read:directory"])
    assert bearer(secret).get(f"{BASE}/invitations").json()["code"] == "wrong_scope"
