"""Documents for many people at once: a background task renders them over a pool of processes.

A batch is requested in a web request (one row and its audit entry); the task `make_batch` then
renders one document per person in worker processes, one per CPU core, since WeasyPrint is
CPU-bound and single-threaded, counting progress as chunks finish, and stores the result (one
PDF, a ZIP of PDFs, or a spreadsheet) privately for the secretariat.
"""

import concurrent.futures
import io
import logging
import multiprocessing
import os
import zipfile
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.core.audit import record
from plenary.core.errors import ServiceError
from plenary.core.languages import normalise
from plenary.core.pdf import MissingFontError, merge_pdfs
from plenary.documents import rendering, selectors
from plenary.documents.models import DocumentBatch
from plenary.registration import documents as registration_documents
from plenary.registration import selectors as registration_selectors
from plenary.registration.models import Registration

Kind = DocumentBatch.Kind
# Documents a worker process renders before it reports back: large enough that handing work out
# costs little and that the badges' PDF carries its fonts once per 25 badges (60 badges: 1.0 MB in
# chunks of 10, 0.6 MB in chunks of 25), small enough that the progress bar moves every few seconds.
CHUNK_SIZE = 25
PER_PERSON = {Kind.BADGES, Kind.BADGE_CARDS, Kind.VISA_LETTERS, Kind.CERTIFICATES}
BADGES = {Kind.BADGES, Kind.BADGE_CARDS}
# A batch reports progress after every chunk (seconds); one without progress this long lost its worker.
# Lists of participants report only when done: 15 minutes leaves room for the largest.
STALLED = timedelta(minutes=15)

logger = logging.getLogger(__name__)


class DocumentError(ServiceError):
    pass


def people_for(kind: str, track):
    """Whom a per-person batch is made for, in the order of its output."""
    if kind in (Kind.BADGES, Kind.BADGE_CARDS):
        return registration_selectors.badges_to_print(track)
    if kind == Kind.VISA_LETTERS:
        return registration_selectors.badges_to_print(track).filter(visa_letter=True)
    return selectors.attended(track).order_by("delegation__parliament__country__iso3", "family_name", "id")


@transaction.atomic
def request_batch(*, track, kind: str, language: str = "en", actor=None) -> DocumentBatch:
    if kind not in Kind.values:
        raise DocumentError(_("Choose which documents to make."))
    total = people_for(kind, track).count() if kind in PER_PERSON else 1
    if not total:
        raise DocumentError(_("Nobody needs these documents yet."))
    batch = DocumentBatch.objects.create(
        track=track,
        kind=kind,
        language=normalise(language),
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        total=total,
    )
    record(
        actor=actor, action="documents.batch_requested", target=batch, changes={"kind": kind, "total": total}
    )
    from plenary.documents.tasks import make_batch

    transaction.on_commit(lambda: make_batch.enqueue(batch.pk))
    return batch


@dataclass(frozen=True)
class Chunk:
    kind: str
    registration_pks: tuple[int, ...]


def render_document(kind: str, registration: Registration) -> bytes:
    """One person's certificate or visa letter, as the batch makes it."""
    if kind == Kind.CERTIFICATES:
        return rendering.certificate_pdf(registration)
    return registration_documents.visa_letter_pdf(registration)


def _render_chunk(chunk: Chunk) -> list[tuple[str, bytes]]:
    """In a worker process: the chunk's documents, in its order. Badges go to one printer, so a chunk
    of badges is one PDF of a page each; other documents are one PDF per person, named by reference."""
    found = Registration.objects.select_related(
        "track__forum__host_country", "delegation__parliament__country", "nationality", "member"
    ).in_bulk(chunk.registration_pks)
    registrations = [found[pk] for pk in chunk.registration_pks]
    if chunk.kind in BADGES:
        size = "card" if chunk.kind == Kind.BADGE_CARDS else "a6"
        return [
            (
                registrations[0].reference,
                registration_documents.badges_pdf(registrations[0].track, registrations, size=size),
            )
        ]
    return [
        (registration.reference, render_document(chunk.kind, registration)) for registration in registrations
    ]


def render_chunks(chunks: list[Chunk], *, processes: int | None = None, progress=None) -> list:
    """Every chunk's documents, in order, over `processes` worker processes (default: every core)."""
    processes = processes or os.cpu_count() or 1
    rendered, done = [], 0
    # Inside a transaction (tests) other processes would not see its rows: render here.
    if processes == 1 or connection.in_atomic_block:
        for chunk in chunks:
            rendered.extend(_render_chunk(chunk))
            done += len(chunk.registration_pks)
            if progress:
                progress(done)
        return rendered
    # Children open their own database connections; they must never share the parent's.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        for chunk, documents in zip(chunks, pool.map(_render_chunk, chunks), strict=True):
            rendered.extend(documents)
            done += len(chunk.registration_pks)
            if progress:
                progress(done)
    return rendered


def make_batch(*, batch_pk: int, processes: int | None = None) -> DocumentBatch:
    """Make a waiting batch. A batch another worker has already taken (the task was queued twice) is
    left to it: the claim is one conditional UPDATE."""
    claimed = DocumentBatch.objects.filter(pk=batch_pk, status=DocumentBatch.Status.PENDING).update(
        status=DocumentBatch.Status.RUNNING,
        done=0,
        error="",
        heartbeat_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    batch = DocumentBatch.objects.select_related("track__forum").get(pk=batch_pk)
    if not claimed:
        return batch
    try:
        name, content = _make(batch, processes)
    except (MissingFontError, OSError) as error:
        logger.exception("Document batch %s failed", batch.pk)
        DocumentBatch.objects.filter(pk=batch.pk).update(status=DocumentBatch.Status.FAILED, error=str(error))
        return DocumentBatch.objects.get(pk=batch.pk)
    batch.refresh_from_db()
    batch.file.save(name, ContentFile(content), save=False)
    batch.status, batch.finished_at = DocumentBatch.Status.DONE, timezone.now()
    batch.done = batch.total
    batch.save(update_fields=["file", "status", "finished_at", "done"])
    return batch


def _make(batch: DocumentBatch, processes: int | None) -> tuple[str, bytes]:
    track, slug = batch.track, batch.track.slug
    if batch.kind == Kind.PARTICIPANTS_PDF:
        return f"{slug}-participants-{batch.language}.pdf", rendering.participants_pdf(track, batch.language)
    if batch.kind == Kind.PARTICIPANTS_XLSX:
        return f"{slug}-participants-{batch.language}.xlsx", rendering.participants_xlsx(
            track, batch.language
        )
    pks = list(people_for(batch.kind, track).values_list("pk", flat=True))
    DocumentBatch.objects.filter(pk=batch.pk).update(total=len(pks))
    chunks = [
        Chunk(batch.kind, tuple(pks[start : start + CHUNK_SIZE])) for start in range(0, len(pks), CHUNK_SIZE)
    ]
    rendered = render_chunks(
        chunks,
        processes=processes,
        progress=lambda done: DocumentBatch.objects.filter(pk=batch.pk).update(
            done=done, heartbeat_at=timezone.now()
        ),
    )
    if batch.kind in BADGES:
        return f"{slug}-{batch.kind}.pdf", merge_pdfs([content for _reference, content in rendered])
    return f"{slug}-{batch.kind}.zip", zip_documents(batch.kind, rendered)


def zip_documents(kind: str, rendered: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for reference, content in rendered:
            bundle.writestr(f"{kind}-{reference}.pdf", content)
    return buffer.getvalue()


def resume_stalled(now=None) -> dict[str, int]:
    """Periodic job: a batch whose worker died (no progress for STALLED) is queued again, or failed
    after MAX_ATTEMPTS, so that nobody waits for ever on a batch marked "Making"."""
    now = now or timezone.now()
    stalled = DocumentBatch.objects.filter(
        status=DocumentBatch.Status.RUNNING, heartbeat_at__lt=now - STALLED
    )
    failed = stalled.filter(attempts__gte=DocumentBatch.MAX_ATTEMPTS).update(
        status=DocumentBatch.Status.FAILED, finished_at=now
    )
    again = list(stalled.values_list("pk", flat=True))
    DocumentBatch.objects.filter(pk__in=again, status=DocumentBatch.Status.RUNNING).update(
        status=DocumentBatch.Status.PENDING
    )
    from plenary.documents.tasks import make_batch as make_batch_task

    for pk in again:
        logger.warning("Document batch %s stalled; queued again", pk)
        make_batch_task.enqueue(pk)
    return {"queued_again": len(again), "failed": failed}
