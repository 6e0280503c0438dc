import io
import re
import zipfile
from datetime import timedelta

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plenary.core import private_files
from plenary.core.audit import AuditEntry
from plenary.core.testing import PdfTags, pdf_tags, pdf_text
from plenary.documents import services
from plenary.documents.models import DocumentBatch
from plenary.documents.tests.conftest import check_in, register
from plenary.registration.models import TrackCapacity


def request_batch(client, track, kind, language="en", capture=None) -> DocumentBatch:
    url = reverse("documents:batches", kwargs={"track": track.slug})
    with capture(execute=True):
        response = client.post(url, {"kind": kind, "language": language})
    batch = DocumentBatch.objects.get()
    assert response.url == reverse("documents:batch", kwargs={"track": track.slug, "pk": batch.pk})
    return batch


def read(batch: DocumentBatch) -> bytes:
    with batch.file.open("rb") as handle:
        return handle.read()


@pytest.mark.django_db
def test_certificates_in_a_zip_made_by_the_task(
    client, secretariat, igf_track, capacity, django_capture_on_commit_callbacks
):
    attended = [register(igf_track, iso3, "Present") for iso3 in ("JPN", "EGY", "FRA")]
    for registration in attended:
        check_in(registration)
    register(igf_track, "FRA", "Absent")
    client.force_login(secretariat)
    batch = request_batch(client, igf_track, "certificates", capture=django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total, batch.percent) == ("done", 3, 3, 100)
    by_country = sorted(attended, key=lambda r: r.delegation.parliament.country.iso3)
    with zipfile.ZipFile(io.BytesIO(read(batch))) as bundle:
        assert bundle.namelist() == [f"certificates-{r.reference}.pdf" for r in by_country]
        assert "Certificate of attendance" in pdf_text(bundle.read(bundle.namelist()[0]))
    assert AuditEntry.objects.filter(action="documents.batch_requested").count() == 1
    page = client.get(reverse("documents:batch", kwargs={"track": igf_track.slug, "pk": batch.pk}))
    assert 'http-equiv="refresh"' not in page.content.decode()
    download = client.get(reverse("documents:download", kwargs={"track": igf_track.slug, "pk": batch.pk}))
    assert b"".join(download.streaming_content)[:2] == b"PK"


@pytest.mark.django_db
def test_badges_merged_into_one_pdf_by_country(
    client, secretariat, igf_track, capacity, django_capture_on_commit_callbacks
):
    registrations = [register(igf_track, iso3, "Badge") for iso3 in ("JPN", "EGY", "FRA")]
    client.force_login(secretariat)
    batch = request_batch(client, igf_track, "badges", capture=django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    content = read(batch)
    with pikepdf.Pdf.open(io.BytesIO(content)) as pdf:
        assert len(pdf.pages) == 3
    text = pdf_text(content)
    positions = [text.index(r.reference) for r in registrations]
    assert sorted(positions) == [positions[1], positions[2], positions[0]]  # EGY, FRA, JPN


def test_badges_rendered_in_several_chunks_stay_one_tagged_pdf(
    client, secretariat, igf_track, capacity, django_capture_on_commit_callbacks, monkeypatch
):
    registrations = [register(igf_track, iso3, "Badge") for iso3 in ("JPN", "EGY", "FRA")]
    monkeypatch.setattr(services, "CHUNK_SIZE", 1)
    client.force_login(secretariat)
    batch = request_batch(client, igf_track, "badges", capture=django_capture_on_commit_callbacks)
    assert pdf_tags(read(batch)) == PdfTags(
        tagged=True,
        marked=True,
        language="en",
        title="Badges · IGF 2023 Parliamentary Track",
        languages=[("P", "en"), ("P", "en")] * 3,
        alternative_texts=[registrations[index].reference for index in (1, 2, 0)],  # EGY, FRA, JPN
    )


@pytest.mark.django_db
def test_the_list_of_participants_in_arabic_as_a_spreadsheet(
    client, secretariat, igf_track, capacity, django_capture_on_commit_callbacks
):
    register(igf_track, "JOR", "Listed", name_arabic="أمل")
    client.force_login(secretariat)
    batch = request_batch(
        client, igf_track, "participants_xlsx", "ar", capture=django_capture_on_commit_callbacks
    )
    batch.refresh_from_db()
    sheet = load_workbook(io.BytesIO(read(batch))).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["البلد", "البرلمان", "الاسم", "رئيس الوفد", "المناصب", "المشاركة"],
        ["الأردن", igf_track.delegations.get().parliament.name.get("ar"), "أمل", None, None, "حضوري"],
    ]
    assert (sheet.sheet_view.rightToLeft, batch.file.name.endswith("-participants-ar.xlsx")) == (True, True)


@pytest.mark.django_db
def test_progress_is_counted_per_chunk(igf_track, capacity, settings):
    registrations = [register(igf_track, "JPN", f"Person {number}") for number in range(3)]
    chunks = [
        services.Chunk("badges", (registrations[0].pk, registrations[1].pk)),
        services.Chunk("badges", (registrations[2].pk,)),
    ]
    seen = []
    rendered = services.render_chunks(chunks, processes=1, progress=seen.append)
    assert (seen, len(rendered)) == ([2, 3], 2)


@pytest.mark.django_db
def test_only_the_secretariat_makes_and_downloads_documents(
    client, secretariat, igf_track, capacity, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    batch = request_batch(client, igf_track, "participants_pdf", capture=django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    kwargs = {"track": igf_track.slug, "pk": batch.pk}
    visitor = Client()
    urls = [
        reverse("documents:batches", kwargs={"track": igf_track.slug}),
        reverse("documents:batch", kwargs=kwargs),
        reverse("documents:download", kwargs=kwargs),
    ]
    assert [visitor.get(url).status_code for url in urls] == [302, 302, 302]
    assert private_files.file_for(visitor.get("/").wsgi_request.user, batch.file.name) is None
    assert private_files.file_for(secretariat, batch.file.name) == batch.file
    other_track = reverse("documents:download", kwargs={"track": "another-track", "pk": batch.pk})
    assert client.get(other_track).status_code == 404


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_with_the_form(client, secretariat, igf_track):
    client.force_login(secretariat)
    response = client.post(
        reverse("documents:batches", kwargs={"track": igf_track.slug}), {"kind": "passwords"}
    )
    assert (response.status_code, DocumentBatch.objects.count()) == (200, 0)


@pytest.mark.postgres
def test_certificates_rendered_over_two_processes(igf_demo_committed, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    TrackCapacity.objects.update_or_create(track=igf_demo_committed, defaults={"onsite_seats": 50})
    for iso3 in ("JPN", "EGY", "FRA", "KEN"):
        check_in(register(igf_demo_committed, iso3, "Present"))
    batch = DocumentBatch.objects.create(track=igf_demo_committed, kind="certificates", total=4)
    batch = services.make_batch(batch_pk=batch.pk, processes=2)
    with zipfile.ZipFile(io.BytesIO(read(batch))) as bundle:
        assert (batch.status, batch.done, len(bundle.namelist())) == ("done", 4, 4)


@pytest.mark.django_db
def test_the_status_page_updates_its_progress_while_the_batch_runs(client, secretariat, igf_track):
    batch = DocumentBatch.objects.create(track=igf_track, kind="badges", status="running", total=40, done=10)
    client.force_login(secretariat)
    page = client.get(f"/ar/{igf_track.slug}/secretariat/documents/{batch.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert '<div id="batch-progress" data-status="running" data-finished="false">' in page
    assert "documents/batch.js" in page
    assert '<progress max="100" value="25">25 %</progress>' in page
    assert "قيد الإعداد: <bdi>10 / 40</bdi>" in page
    assert 'id="batch-download"' not in page
    missing = client.get(reverse("documents:download", kwargs={"track": igf_track.slug, "pk": batch.pk}))
    assert missing.status_code == 404


@pytest.mark.django_db
def test_no_batch_for_nobody(client, secretariat, igf_track, capacity):
    register(igf_track, "FRA", "Not yet checked in")
    client.force_login(secretariat)
    response = client.post(
        f"/fr/{igf_track.slug}/secretariat/documents/", {"kind": "certificates", "language": "fr"}
    )
    assert (response.status_code, DocumentBatch.objects.count()) == (200, 0)
    assert [str(message) for message in response.context["messages"]] == [
        "Personne n'a encore besoin de ces documents."
    ]


def stalled_batch(track, *, attempts: int, minutes_ago: int) -> DocumentBatch:
    batch = DocumentBatch.objects.create(track=track, kind="certificates", total=3, status="running", done=1)
    DocumentBatch.objects.filter(pk=batch.pk).update(
        attempts=attempts, heartbeat_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return batch


@pytest.mark.django_db
def test_a_batch_whose_worker_died_is_made_again(igf_track, capacity, django_capture_on_commit_callbacks):
    for iso3 in ("JPN", "EGY"):
        check_in(register(igf_track, iso3, "Present"))
    batch = stalled_batch(igf_track, attempts=1, minutes_ago=16)
    working = stalled_batch(igf_track, attempts=1, minutes_ago=1)
    assert services.resume_stalled() == {"queued_again": 1, "failed": 0}
    batch.refresh_from_db()
    working.refresh_from_db()
    assert (batch.status, batch.done, batch.attempts, working.status) == ("done", 2, 2, "running")


@pytest.mark.django_db
def test_a_batch_whose_worker_died_three_times_is_given_up_and_says_so(client, secretariat, igf_track):
    batch = stalled_batch(igf_track, attempts=3, minutes_ago=16)
    assert services.resume_stalled() == {"queued_again": 0, "failed": 1}
    batch.refresh_from_db()
    assert (batch.status, batch.gave_up) == ("failed", True)
    client.force_login(secretariat)
    page = client.get(
        reverse("documents:batch", kwargs={"track": igf_track.slug, "pk": batch.pk}).replace("/en/", "/fr/")
    )
    assert re.findall(r'<p class="error">(.*?)</p>', page.content.decode()) == [
        "Les documents n’ont pas pu être faits : le processus de travail s’est arrêté 3 fois. "
        "L’opérateur peut en voir la raison dans son journal."
    ]


@pytest.mark.django_db
def test_a_batch_another_worker_has_taken_is_left_to_it(igf_track):
    batch = stalled_batch(igf_track, attempts=1, minutes_ago=0)
    assert services.make_batch(batch_pk=batch.pk).status == "running"
    batch.refresh_from_db()
    assert (batch.attempts, batch.done) == (1, 1)
