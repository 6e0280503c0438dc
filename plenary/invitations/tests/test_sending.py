"""Invitations go out through the outbox to a real SMTP server, with the letter and documents attached."""

import io
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import override_settings

from plenary.core.links import LinkError
from plenary.core.models import OutboxMessage, Role
from plenary.core.testing import make_user, pdf_text, smtp_server
from plenary.directory.models import Parliament
from plenary.events.models import DocumentFile, TrackDocument
from plenary.invitations import services
from plenary.invitations.models import Invitation, LetterArchive

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def smtp():
    with smtp_server() as server, server.settings(), override_settings(TASKS=IMMEDIATE_TASKS):
        yield server


@pytest.fixture
def concept_note(igf_track, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    document = TrackDocument.objects.create(track=igf_track, order=0, title={"en": "Concept note"})
    document_file = DocumentFile(document=document, language="en")
    document_file.file.save("concept-note.pdf", ContentFile(b"%PDF-1.4 concept note"), save=True)
    return document_file


def number(track, iso3: str) -> int:
    """Invitations are numbered once for the whole track, in ISO3 order."""
    codes = list(track.invited_parliaments.order_by("country__iso3").values_list("country__iso3", flat=True))
    return codes.index(iso3) + 1


def test_dry_run_lists_what_would_go_out_and_sends_nothing(letter_template, igf_track):
    out = io.StringIO()
    call_command(
        "invitations", "send", "--track", igf_track.slug, "--dry-run", "--only", "JPN,EGY", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines == [
        f"IPU/IGF/2023/{number(igf_track, 'EGY')}  EGY  to president-ipu-group.egy@example.org"
        "  cc parliament.egy@example.org"
        "  languages ar,en",
        f"IPU/IGF/2023/{number(igf_track, 'JPN')}  JPN  to president-ipu-group.jpn@example.org"
        "  cc parliament.jpn@example.org"
        "  languages en",
        "Dry run: would send to 2 parliaments, 4 e-mail addresses.",
    ]
    assert (OutboxMessage.objects.count(), Invitation.objects.count()) == (0, 0)


def test_invitations_arrive_with_the_letter_and_documents(
    letter_template, igf_track, concept_note, smtp, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "invitations", "send", "--track", igf_track.slug, "--only", "JPN,KEN", stdout=io.StringIO()
        )
    received = sorted(smtp.wait_for(2), key=lambda mail: mail.message["To"])
    assert [mail.message["To"] for mail in received] == [
        "president-ipu-group.jpn@example.org",
        "president-ipu-group.ken@example.org",
    ]
    japan = received[0].message
    assert japan["Cc"] == "parliament.jpn@example.org"
    assert japan["Subject"] == "Invitation: IGF 2023 Parliamentary Track – Kyoto, 8–9 October 2023"
    attachments = [
        (part.get_filename(), part.get_content_type(), part.get_content())
        for part in japan.iter_attachments()
    ]
    assert [(name, kind) for name, kind, _content in attachments] == [
        (f"IPU-IGF-2023-{number(igf_track, 'JPN')}.pdf", "application/pdf"),
        ("concept-note.pdf", "application/pdf"),
    ]
    assert attachments[0][2][:5] == b"%PDF-"
    assert attachments[1][2] == b"%PDF-1.4 concept note"
    invitation = Invitation.objects.get(parliament__country__iso3="JPN")
    assert japan["Message-ID"] == invitation.message.message_id
    text = japan.get_body(preferencelist=("plain",)).get_content()
    assert "Dear Hon. Demo President JPN," in text
    # The link is signed with the time it was made: read it from the message.
    link = re.search(r"http://127\.0\.0\.1:8000/en/invitations/link/(\S+)/", text)
    assert services.parliament_for_token(link.group(1)) == invitation
    out = io.StringIO()
    call_command("invitations", "status", "--track", igf_track.slug, stdout=out)
    lines = out.getvalue().splitlines()
    invited = igf_track.invited_parliaments.count()
    assert [line for line in lines if line.endswith("sent")] == [
        f"IPU/IGF/2023/{number(igf_track, 'JPN')}  JPN  sent",
        f"IPU/IGF/2023/{number(igf_track, 'KEN')}  KEN  sent",
    ]
    assert (len(lines), lines[-1]) == (invited + 1, f"draft: {invited - 2}, sent: 2")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.sent_at) == ("sent", invitation.message.sent_at)
    page = client.get(link.group(0).removeprefix("http://127.0.0.1:8000"))
    assert page.status_code == 200
    assert f"IPU/IGF/2023/{number(igf_track, 'JPN')}" in page.content.decode()

    # Sending again queues nothing new: every invitation has gone.
    with django_capture_on_commit_callbacks(execute=True):
        plan = services.send_invitations(track=igf_track, only=["JPN", "KEN"])
    assert (plan.invitations, plan.sent) == ([], [])
    assert len(smtp.received) == 2


def test_the_email_is_in_the_first_language_the_letter_in_all(
    letter_template, igf_track, smtp, django_capture_on_commit_callbacks
):
    Parliament.objects.filter(country__iso3="EGY").update(correspondence_languages=["ar", "en"])
    Parliament.objects.filter(country__iso3="KEN").update(correspondence_languages=["en", "ar"])
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(track=igf_track, only=["EGY", "KEN"])
    received = {mail.message["To"]: mail.message for mail in smtp.wait_for(2)}
    egypt = received["president-ipu-group.egy@example.org"]
    kenya = received["president-ipu-group.ken@example.org"]
    assert (
        egypt["Subject"]
        == "دعوة: المسار البرلماني لمنتدى حوكمة الإنترنت 2023 – كيوتو، من 8 إلى 9 تشرين الأول/أكتوبر 2023"
    )
    assert (egypt["Content-Language"], kenya["Content-Language"]) == ("ar", "en")
    for message in (egypt, kenya):
        letter = next(message.iter_attachments()).get_content()
        pages = pdf_text(letter).split("\f")
        # Arabic first, as the template orders the languages on paper.
        assert "رؤساء البرلمانات" in pages[0].replace("\u202b", "").replace("\u202c", "")
        assert "To: Presidents of all IPU Groups" in "".join(pages[1:])


def test_bad_input_is_listed_and_nothing_is_sent(letter_template, without_french_body, igf_track):
    japan = Parliament.objects.get(country__iso3="JPN")
    japan.people.update(email="")
    japan.email = ""
    japan.save()
    france = Parliament.objects.get(country__iso3="FRA")
    france.correspondence_languages = ["fr"]
    france.save()
    germany = Parliament.objects.get(country__iso3="DEU")
    germany.people.update(email="")
    Parliament.objects.filter(pk=germany.pk).update(email="not-an-address")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing sent: 3 problem"):
        call_command("invitations", "send", "--track", igf_track.slug, "--only", "JPN,FRA,DEU", stderr=err)
    assert err.getvalue().splitlines() == [
        "DEU Parliament of Germany: invalid e-mail address: not-an-address",
        "FRA Parliament of France: the letter has no French body",
        "JPN Parliament of Japan: no e-mail address (neither the addressee nor the parliament)",
    ]
    assert OutboxMessage.objects.count() == 0


def test_personal_link_expires_and_can_be_revoked(letter_template, igf_track, client):
    invitation = services.prepare_invitations(track=igf_track, only=["JPN"])[0]
    token = services.link_token(invitation)
    assert services.parliament_for_token(token) == invitation
    with pytest.raises(LinkError) as expired:
        services.parliament_for_token(token, max_age=-1)
    assert expired.value.reason == "expired"
    assert client.get(f"/en/invitations/link/{token[:-2]}xx/").status_code == 404
    services.revoke_link(invitation=invitation)
    with pytest.raises(LinkError) as revoked:
        services.parliament_for_token(token)
    assert revoked.value.reason == "revoked"
    response = client.get(f"/en/invitations/link/{token}/")
    assert response.status_code == 410
    assert "This link has been withdrawn" in response.content.decode()
    assert services.parliament_for_token(services.link_token(invitation)) == invitation


def test_back_office_lists_the_problem_parliament_and_sends_to_the_others(
    without_french_body, igf_track, client, django_capture_on_commit_callbacks
):
    igf_track.invited_parliaments.set(Parliament.objects.filter(country__iso3__in=["JPN", "FRA", "KEN"]))
    client.force_login(make_user("secretariat@ipu.example.org", Role.SECRETARIAT, is_staff=True))
    page = client.get("/en/invitations/igf2023-pt/send/").content.decode()
    assert re.findall(r'<p class="confirm-summary">(.*?)</p>', page) == [
        "2 parliaments will be invited: 4 e-mail addresses."
    ]
    assert re.findall(r'<ul class="problems"><li>(.*?)</li></ul>', page) == [
        "FRA Parliament of France: the letter has no French body"
    ]
    assert re.findall(r'<input type="hidden" name="parliaments" value="(\w+)">', page) == [
        "FRA",
        "JPN",
        "KEN",
    ]
    assert OutboxMessage.objects.count() == 0
    with (
        override_settings(TASKS=IMMEDIATE_TASKS),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client.post(
            "/en/invitations/igf2023-pt/send/", {"confirm": "yes", "parliaments": ["FRA", "JPN", "KEN"]}
        )
    assert response.status_code == 302
    assert len(callbacks) == 1 + 2  # the sending task, then each message's delivery task
    statuses = Invitation.objects.order_by("parliament__country__iso3")
    assert list(statuses.values_list("parliament__country__iso3", "status")) == [
        ("FRA", "draft"),
        ("JPN", "queued"),
        ("KEN", "queued"),
    ]
    assert OutboxMessage.objects.count() == 2
    shown = [str(message) for message in client.get(response["Location"]).context["messages"]]
    assert shown == [
        "Sending started: 2 invitations are being prepared and queued.",
        "Skipped for a problem (fix it, then send to them again): FRA Parliament of France.",
    ]


def test_back_office_sends_to_exactly_the_chosen_parliaments(
    letter_template, igf_track, client, django_capture_on_commit_callbacks
):
    igf_track.invited_parliaments.set(Parliament.objects.filter(country__iso3__in=["DEU", "JPN", "KEN"]))
    client.force_login(make_user("secretariat@ipu.example.org", Role.SECRETARIAT, is_staff=True))
    page = client.get("/en/invitations/igf2023-pt/send/", {"parliaments": ["DEU", "KEN"]}).content.decode()
    assert re.findall(r'<p class="confirm-summary">(.*?)</p>', page) == [
        "2 parliaments will be invited: 4 e-mail addresses."
    ]
    assert re.findall(r'<input type="hidden" name="parliaments" value="(\w+)">', page) == ["DEU", "KEN"]
    assert Invitation.objects.count() == 0
    with (
        override_settings(TASKS=IMMEDIATE_TASKS),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post("/en/invitations/igf2023-pt/send/", {"confirm": "yes", "parliaments": ["DEU", "KEN"]})
    queued = Invitation.objects.filter(status="queued").order_by("parliament__country__iso3")
    assert list(queued.values_list("parliament__country__iso3", flat=True)) == ["DEU", "KEN"]
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == [
        ["president-ipu-group.deu@example.org"],
        ["president-ipu-group.ken@example.org"],
    ]
    # A code that is not one of the invited parliaments waiting for their invitation is refused.
    page = client.get("/en/invitations/igf2023-pt/send/", {"parliaments": ["DEU"]}).content.decode()
    assert "Select a valid choice. DEU is not one of the available choices." in page


def test_back_office_zip_of_all_letters(letter_template, igf_track, client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    igf_track.invited_parliaments.set(Parliament.objects.filter(country__iso3__in=["JPN", "KEN"]))
    client.force_login(make_user("secretariat@ipu.example.org", Role.SECRETARIAT, is_staff=True))
    # The task is enqueued on commit, which the test's transaction never reaches: run it by hand.
    response = client.post("/en/invitations/igf2023-pt/letters.zip/")
    archive = LetterArchive.objects.get()
    assert response["Location"] == f"/en/invitations/archives/{archive.pk}/"
    status = client.get(f"/en/invitations/archives/{archive.pk}/status/").json()
    assert (status["status"], status["done"], status["total"]) == ("pending", 0, 2)
    # One process: the test database lives in this process' transaction.
    services.build_archive(archive_pk=archive.pk, processes=1)
    status = client.get(f"/en/invitations/archives/{archive.pk}/status/").json()
    assert (status["status"], status["done"], status["total"], status["percent"]) == ("done", 2, 2, 100)
    download = client.get(f"/en/invitations/archives/{archive.pk}/download/")
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert names == ["JPN.pdf", "KEN.pdf"]


def _zip_names(archive) -> list[str]:
    with archive.file.open("rb") as handle:
        return zipfile.ZipFile(handle).namelist()


def test_the_zip_keeps_the_letters_rendered_names_the_failed_one_and_a_retry_renders_only_it(
    without_french_body, igf_track, client, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    igf_track.invited_parliaments.set(Parliament.objects.filter(country__iso3__in=["FRA", "JPN", "KEN"]))
    # The drafts store France's languages as they are today: French, then English.
    assert [i.languages for i in services.prepare_invitations(track=igf_track, only=["FRA"])] == [
        ["fr", "en"]
    ]
    client.force_login(make_user("secretariat@ipu.example.org", Role.SECRETARIAT, is_staff=True))
    client.post("/en/invitations/igf2023-pt/letters.zip/")
    archive = LetterArchive.objects.get()
    services.build_archive(archive_pk=archive.pk, processes=1)
    archive.refresh_from_db()
    assert (archive.status, archive.done, archive.total, _zip_names(archive)) == (
        "done",
        3,
        3,
        ["JPN.pdf", "KEN.pdf"],
    )
    assert archive.failures == {"FRA": "Parliament of France: the letter has no body in French."}
    status = client.get(f"/en/invitations/archives/{archive.pk}/status/").json()
    assert status["failures"] == ["FRA: Parliament of France: the letter has no body in French."]
    page = client.get(f"/en/invitations/archives/{archive.pk}/").content.decode()
    assert "<li>FRA: Parliament of France: the letter has no body in French.</li>" in page
    with archive.file.open("rb") as handle:
        japan = zipfile.ZipFile(handle).read("JPN.pdf")

    # Fixed in the directory; the draft still says French: the retry follows the directory.
    Parliament.objects.filter(country__iso3="FRA").update(correspondence_languages=["en"])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/en/invitations/archives/{archive.pk}/retry/")
    assert (response.status_code, len(callbacks)) == (302, 1)
    archive.refresh_from_db()
    assert archive.status == "pending"
    services.build_archive(archive_pk=archive.pk, processes=1)
    archive.refresh_from_db()
    assert (archive.status, archive.done, archive.total, archive.failures, _zip_names(archive)) == (
        "done",
        1,
        1,
        {},
        ["FRA.pdf", "JPN.pdf", "KEN.pdf"],
    )
    with archive.file.open("rb") as handle:
        bundle = zipfile.ZipFile(handle)
        assert bundle.read("JPN.pdf") == japan
        assert "Dear Sir/Madam," in pdf_text(bundle.read("FRA.pdf"))
    # Nothing is left to retry.
    client.post(f"/en/invitations/archives/{archive.pk}/retry/")
    archive.refresh_from_db()
    assert archive.status == "done"


@pytest.mark.postgres
def test_the_zip_is_rendered_over_several_processes(
    letter_template_committed, without_french_body, igf_demo_committed, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    igf_demo_committed.invited_parliaments.set(
        Parliament.objects.filter(country__iso3__in=["EGY", "FRA", "JPN", "KEN"])
    )
    archive = LetterArchive.objects.create(track=igf_demo_committed, total=4)
    services.build_archive(archive_pk=archive.pk, processes=2)
    archive.refresh_from_db()
    assert (archive.status, archive.done, sorted(archive.failures), _zip_names(archive)) == (
        "done",
        4,
        ["FRA"],
        ["EGY.pdf", "JPN.pdf", "KEN.pdf"],
    )


def test_a_permanent_refusal_marks_the_invitation_failed_with_the_reply(
    letter_template, igf_track, smtp, django_capture_on_commit_callbacks
):
    smtp.reject("550 5.1.1 No such mailbox here")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(track=igf_track, only=["KEN"])
    invitation = Invitation.objects.get(parliament__country__iso3="KEN")
    services.refresh_statuses([invitation])
    assert invitation.status == "failed"
    assert "550" in invitation.last_error
    assert "No such mailbox here" in invitation.last_error
    assert invitation.failed_at is not None
