"""Invitations: who a letter goes to, in which languages, the personal link, and sending."""

import concurrent.futures
import io
import logging
import multiprocessing
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import connection, connections, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plenary.core import links, outbox
from plenary.core.audit import record
from plenary.core.errors import ServiceError
from plenary.core.languages import language_name
from plenary.core.markup import markdown_to_text, render_markdown
from plenary.core.models import OutboxMessage
from plenary.core.pdf import MissingFontError
from plenary.directory.models import Function, Parliament, Person
from plenary.events.models import DocumentFile
from plenary.invitations import letters
from plenary.invitations.models import Invitation, LetterArchive, LetterTemplate

LINK_SALT = "plenary.invitations.personal-link"

logger = logging.getLogger(__name__)


class InvitationError(ServiceError):
    """Bad input or state, with a message fit to show to the secretariat."""


# Languages -------------------------------------------------------------------------------------


def in_letter_order(template: LetterTemplate, languages) -> list[str]:
    """`languages` in the order the template sets them on paper (e.g. Arabic first)."""
    wanted = list(languages)
    order = {code: index for index, code in enumerate(template.languages)}
    return sorted(wanted, key=lambda code: (order.get(code, len(order)), wanted.index(code)))


def letter_languages(template: LetterTemplate, parliament: Parliament, override=None) -> list[str]:
    """`override` as given, or the parliament's correspondence languages as the directory has them now
    (by default its country's official UN languages, then English) in the template's order."""
    if override:
        return list(override)
    return in_letter_order(template, parliament.languages)


# Addressee rule --------------------------------------------------------------------------------


def choose_addressee(parliament: Parliament, function_codes) -> tuple[Person | None, Function | None]:
    """The first contact holding the first function of the rule the parliament has, e.g. the
    President of the IPU Group, falling back to the Speaker."""
    people = list(parliament.people.prefetch_related("functions").order_by("id"))
    for code in function_codes:
        for person in people:
            for function in person.functions.all():
                if function.code == code:
                    return person, function
    return None, None


def cc_addresses(parliament: Parliament, function_codes, exclude=()) -> list[str]:
    people = parliament.people.filter(functions__code__in=function_codes).exclude(email="").distinct()
    return [person.email for person in people.order_by("id") if person.email not in exclude]


# Letters ---------------------------------------------------------------------------------------


def template_for(track) -> LetterTemplate:
    try:
        return LetterTemplate.objects.select_related("track__forum").get(track=track)
    except LetterTemplate.DoesNotExist:
        raise InvitationError(
            _("The track %(track)s has no letter template yet.") % {"track": track}
        ) from None


def document_links(track) -> dict[str, list[tuple[str, str]]]:
    links: dict[str, list[tuple[str, str]]] = {}
    files = DocumentFile.objects.filter(document__track=track).select_related("document")
    for document_file in files.order_by("document__order", "document__id"):
        language = document_file.language
        url = settings.SITE_URL + document_file.file.url
        links.setdefault(language, []).append((document_file.document.title.get(language), url))
    return links


def reference_for(template: LetterTemplate, seq) -> str:
    return template.reference_pattern.replace("{seq}", str(seq))


def recipient_for(template: LetterTemplate, parliament: Parliament, invitation: Invitation | None = None):
    """Who the letter is for: as sent once the invitation has gone, else by the rule on today's directory."""
    if invitation is not None and invitation.status != Invitation.Status.DRAFT:
        person = invitation.addressee
        function = None
        if person is not None:
            function = next(
                (f for f in person.functions.all() if f.code in template.addressee_functions), None
            )
        reference = invitation.reference
    else:
        person, function = choose_addressee(parliament, template.addressee_functions)
        reference = (
            invitation.reference
            if invitation is not None
            else reference_for(template, next_seq_preview(template.track, parliament))
        )
    return letters.Recipient(
        parliament=parliament,
        addressee=person,
        addressee_function=function,
        reference=reference,
        document_links=document_links(template.track),
    )


def new_numbers(track, existing_parliament_ids) -> dict[int, int]:
    """{parliament id: number} for the invited parliaments without an invitation yet: after the
    highest number given, in ISO3 order. Preview and preparation use the same rule."""
    top = Invitation.objects.filter(track=track).aggregate(top=Max("seq"))["top"] or 0
    waiting = (
        track.invited_parliaments.exclude(pk__in=existing_parliament_ids)
        .order_by("country__iso3")
        .values_list("pk", flat=True)
    )
    return {parliament_id: top + index for index, parliament_id in enumerate(waiting, start=1)}


def next_seq_preview(track, parliament) -> int:
    """The number the parliament's invitation has, or will get when the invitations are prepared."""
    existing = dict(Invitation.objects.filter(track=track).values_list("parliament_id", "seq"))
    if parliament.pk in existing:
        return existing[parliament.pk]
    return new_numbers(track, existing).get(parliament.pk, 0)


def render_letter(*, track, parliament: Parliament, languages=None) -> bytes:
    """The parliament's letter, from the directory as it is now: its current correspondence languages
    (never those stored on a draft) unless `languages` is given. InvitationError, naming the
    parliament, when the template has no body in one of the languages."""
    template = template_for(track)
    invitation = (
        Invitation.objects.filter(track=track, parliament=parliament).select_related("addressee").first()
    )
    chosen = letter_languages(template, parliament, languages)
    missing = [code for code in chosen if code not in template.body.values]
    if missing:
        raise InvitationError(
            _("%(parliament)s: the letter has no body in %(languages)s.")
            % {"parliament": parliament, "languages": ", ".join(language_name(c) for c in missing)}
        )
    return letters.letter_pdf(template, recipient_for(template, parliament, invitation), chosen)


@dataclass
class MergeJob:
    track_id: int
    parliament_id: int
    iso3: str
    path: str
    languages: list = field(default_factory=list)


@dataclass
class MergeResult:
    """One letter rendered to `path`, or the reason it was not (`error`, naming the parliament)."""

    iso3: str
    path: str | None = None
    error: str = ""


def _render_job(job: MergeJob) -> MergeResult:
    from plenary.events.models import Track

    track = Track.objects.select_related("forum").get(pk=job.track_id)
    parliament = Parliament.objects.select_related("country").get(pk=job.parliament_id)
    try:
        pdf = render_letter(track=track, parliament=parliament, languages=job.languages or None)
    except (InvitationError, MissingFontError) as error:
        logger.warning("Letter of %s not rendered: %s", job.iso3, error)
        return MergeResult(job.iso3, error=str(error))
    Path(job.path).write_bytes(pdf)
    return MergeResult(job.iso3, path=job.path)


def merge_jobs(track, out_dir: Path, languages=None, only=None) -> list[MergeJob]:
    """One job per invited parliament (those of `only`, ISO3 codes, when given), in ISO3 order."""
    parliaments = track.invited_parliaments.select_related("country").order_by("country__iso3")
    if only is not None:
        parliaments = parliaments.filter(country__iso3__in=only)
    return [
        MergeJob(
            track.pk,
            parliament.pk,
            parliament.country.iso3,
            str(out_dir / f"{parliament.country.iso3}.pdf"),
            list(languages or []),
        )
        for parliament in parliaments
    ]


def run_jobs(jobs: list[MergeJob], *, processes: int | None = None, progress=None) -> list[MergeResult]:
    """Render every job, over `processes` worker processes (default: all CPU cores). A letter that
    cannot be rendered is reported in its result and never stops the others."""
    processes = processes or os.cpu_count() or 1
    done = []
    # Inside a transaction, other processes would not see its rows, and closing the connection
    # before forking would end it: render here.
    if processes == 1 or connection.in_atomic_block:
        for job in jobs:
            done.append(_render_job(job))
            if progress:
                progress(len(done), len(jobs))
        return done
    # Children must open their own database connections, never share the parent's.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        for result in pool.map(_render_job, jobs, chunksize=1):
            done.append(result)
            if progress:
                progress(len(done), len(jobs))
    return done


# Invitation records ----------------------------------------------------------------------------


def _invitations_as_prepared(track, template: LetterTemplate) -> list[tuple[Invitation, bool]]:
    """Every invited parliament's invitation as preparing leaves it, in ISO3 order, held in memory:
    a new one numbered after the highest given, a draft addressed by the rule. With whether it is new."""
    existing = {invitation.parliament_id: invitation for invitation in Invitation.objects.filter(track=track)}
    numbers = new_numbers(track, existing)
    parliaments = track.invited_parliaments.select_related("country").order_by("country__iso3")
    prepared = []
    for parliament in parliaments:
        invitation = existing.get(parliament.pk)
        if invitation is None:
            seq = numbers[parliament.pk]
            invitation = Invitation(
                track=track, parliament=parliament, seq=seq, reference=reference_for(template, seq)
            )
        if invitation.status == Invitation.Status.DRAFT:
            _address(invitation, template, parliament)
        prepared.append((invitation, parliament.pk not in existing))
    return prepared


def _address(invitation: Invitation, template: LetterTemplate, parliament: Parliament) -> None:
    person, _function = choose_addressee(parliament, template.addressee_functions)
    invitation.addressee = person
    invitation.to_email = (person.email if person and person.email else parliament.email).strip()
    extra = [parliament.email] if parliament.email and parliament.email != invitation.to_email else []
    invitation.cc = extra + cc_addresses(parliament, template.cc_functions, exclude=[invitation.to_email])
    invitation.languages = parliament.languages


def _among(invitation: Invitation, only) -> bool:
    return not only or invitation.parliament.country.iso3 in only


@transaction.atomic
def prepare_invitations(*, track, actor=None, only=None) -> list[Invitation]:
    """A draft invitation for every invited parliament (numbered once, in ISO3 order), addressee by
    the rule; drafts are brought up to date. Returns those of `only` (ISO3 codes), or all."""
    template = template_for(track)
    invitations = []
    for invitation, is_new in _invitations_as_prepared(track, template):
        if invitation.status == Invitation.Status.DRAFT:
            invitation.save()
            if is_new:
                record(actor=actor, action="invitation.prepared", target=invitation)
        if _among(invitation, only):
            invitations.append(invitation)
    return invitations


def problems(template: LetterTemplate, invitations) -> list[tuple[Invitation, str]]:
    """Everything that would stop an invitation going out, one line per problem."""
    found = []
    for invitation in invitations:
        if not invitation.to_email:
            found.append((invitation, _("no e-mail address (neither the addressee nor the parliament)")))
        else:
            for address in [invitation.to_email, *invitation.cc]:
                try:
                    validate_email(address)
                except ValidationError:
                    found.append(
                        (invitation, _("invalid e-mail address: %(address)s") % {"address": address})
                    )
        if not invitation.languages:
            found.append((invitation, _("no language")))
        for code in invitation.languages:
            if code not in template.body.values:
                found.append(
                    (invitation, _("the letter has no %(language)s body") % {"language": language_name(code)})
                )
        first = invitation.languages[0] if invitation.languages else None
        if first and (first not in template.email_subject.values or first not in template.email_body.values):
            found.append(
                (
                    invitation,
                    _("the e-mail has no %(language)s subject or text") % {"language": language_name(first)},
                )
            )
    return found


@dataclass
class SendPlan:
    """The draft invitations a send considers, the problems found, and those queued."""

    invitations: list
    problems: list
    sent: list = field(default_factory=list)

    def _with_problems(self) -> set[int]:
        return {id(invitation) for invitation, _problem in self.problems}

    @property
    def skipped(self) -> list:
        """The invitations with a problem: left out of a send that goes on for the others."""
        return [invitation for invitation in self.invitations if id(invitation) in self._with_problems()]

    @property
    def ready(self) -> list:
        return [invitation for invitation in self.invitations if id(invitation) not in self._with_problems()]

    @property
    def emails(self) -> int:
        """How many addresses the invitations without a problem go to."""
        return sum(1 + len(invitation.cc) for invitation in self.ready)


def plan_sending(*, track, actor=None, only=None) -> SendPlan:
    """The invitations a send queues (drafts only, prepared now) and the problems that block it."""
    template = template_for(track)
    invitations = [i for i in prepare_invitations(track=track, actor=actor, only=only) if i.status == "draft"]
    return SendPlan(invitations=invitations, problems=problems(template, invitations))


def preview_sending(*, track, only=None) -> SendPlan:
    """What plan_sending would give, computed without writing anything (the send page, a dry run)."""
    template = template_for(track)
    invitations = [
        invitation
        for invitation, _is_new in _invitations_as_prepared(track, template)
        if invitation.status == Invitation.Status.DRAFT and _among(invitation, only)
    ]
    return SendPlan(invitations=invitations, problems=problems(template, invitations))


def send_invitations(*, track, actor=None, only=None, dry_run=False, skip_problems=False) -> SendPlan:
    """Queue every draft invitation's e-mail, each in its own transaction with its status change.

    While any problem is listed nothing is sent, unless `skip_problems` (the secretariat confirmed
    the list): then the parliaments with a problem are left out and the others go.
    """
    if dry_run:
        return preview_sending(track=track, only=only)
    plan = plan_sending(track=track, actor=actor, only=only)
    if plan.problems and not skip_problems:
        return plan
    for invitation, problem in plan.problems:
        logger.warning("Invitation to %s skipped: %s", invitation.parliament.country.iso3, problem)
    template = template_for(track)
    for invitation in plan.ready:
        plan.sent.append(queue_invitation(template=template, invitation=invitation, actor=actor))
    return plan


def start_sending(*, track, actor=None, only=None) -> SendPlan:
    """Check now, send in the background: the task queues the invitations planned here that have no
    problem (those with one are skipped, as the secretariat confirmed)."""
    plan = plan_sending(track=track, actor=actor, only=only)
    if not plan.ready:
        return plan
    from plenary.invitations.tasks import send_track_invitations

    codes = [invitation.parliament.country.iso3 for invitation in plan.ready]
    actor_pk = actor.pk if getattr(actor, "is_authenticated", False) else None
    transaction.on_commit(lambda: send_track_invitations.enqueue(track.pk, codes, actor_pk))
    return plan


def _attachments(template: LetterTemplate, invitation: Invitation, letter: bytes) -> list:
    language = invitation.languages[0]
    attachments = [(f"{invitation.reference.replace('/', '-')}.pdf", letter, "application/pdf")]
    for document in template.track.documents.prefetch_related("files"):
        files = {document_file.language: document_file for document_file in document.files.all()}
        chosen = files.get(language) or files.get("en") or next(iter(files.values()), None)
        if chosen is not None:
            with chosen.file.open("rb") as handle:
                name = Path(chosen.file.name).name
                attachments.append(
                    (
                        name,
                        handle.read(),
                        "application/pdf" if name.endswith(".pdf") else "application/octet-stream",
                    )
                )
    return attachments


def queue_invitation(*, template: LetterTemplate, invitation: Invitation, actor=None) -> Invitation:
    parliament = invitation.parliament
    recipient = recipient_for(template, parliament, invitation)
    letter = letters.letter_pdf(template, recipient, in_letter_order(template, invitation.languages))
    # The e-mail is in the addressee's first language; the letter in all of them.
    language = invitation.languages[0]
    values = letters.placeholder_values(template, recipient, language)
    link = personal_link(invitation)
    subject = markdown_to_text(letters.fill(template.email_subject.get(language), values))
    body_markdown = letters.fill(template.email_body.get(language), values)
    with translation.override(language):
        link_line = _("Your parliament's page: %(link)s") % {"link": link}
    html = outbox.render_email_html(
        "invitations/email.html",
        {"subject": subject, "body": render_markdown(body_markdown), "link": link, "link_line": link_line},
        language=language,
    )
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != Invitation.Status.DRAFT:
            return invitation
        message = outbox.queue_email(
            to=[invitation.to_email],
            cc=invitation.cc,
            reply_to=outbox.track_contact(template.track),
            subject=subject,
            body=f"{markdown_to_text(body_markdown)}\n\n{link_line}\n",
            html_body=html,
            attachments=_attachments(template, invitation, letter),
            language=language,
            dedupe_key=f"invitation:{invitation.pk}",
            related=invitation,
            actor=actor,
        )
        invitation.letter.save(
            f"{invitation.reference.replace('/', '-')}.pdf", ContentFile(letter), save=False
        )
        invitation.message = message
        invitation.status = Invitation.Status.QUEUED
        invitation.queued_at = timezone.now()
        invitation.save()
        record(
            actor=actor, action="invitation.queued", target=invitation, changes={"to": invitation.to_email}
        )
    return invitation


def _follow_outbox(invitation: Invitation) -> list[str]:
    """Bring the invitation, in memory, to what the outbox says: queued → sent, or failed with the
    server's reply. Returns the fields changed."""
    message = invitation.message
    if message is None or invitation.status not in (Invitation.Status.QUEUED, Invitation.Status.SENT):
        return []
    if message.status == OutboxMessage.Status.SENT and invitation.status == Invitation.Status.QUEUED:
        invitation.status, invitation.sent_at = Invitation.Status.SENT, message.sent_at
        return ["status", "sent_at"]
    if message.status == OutboxMessage.Status.FAILED:
        invitation.status, invitation.failed_at = Invitation.Status.FAILED, message.updated_at
        invitation.last_error = message.last_error
        return ["status", "failed_at", "last_error"]
    return []


def show_delivery(invitations) -> None:
    """Each invitation as the outbox has it, for a page to show; nothing is saved."""
    for invitation in invitations:
        _follow_outbox(invitation)


def refresh_statuses(invitations) -> None:
    """Follow the outbox and save it: queued → sent, or failed with the server's reply."""
    for invitation in invitations:
        changed = _follow_outbox(invitation)
        if changed:
            invitation.save(update_fields=changed)


@transaction.atomic
def mark_responded(*, invitation: Invitation, actor=None) -> Invitation:
    invitation.status, invitation.responded_at = Invitation.Status.RESPONDED, timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    record(actor=actor, action="invitation.responded", target=invitation)
    return invitation


# Personal link ---------------------------------------------------------------------------------


def link_token(invitation: Invitation) -> str:
    return links.sign(LINK_SALT, invitation.pk, invitation.link_version)


def personal_link(invitation: Invitation) -> str:
    """The parliament's own signed, expiring, revocable link to its invitation / delegation page."""
    language = invitation.languages[0] if invitation.languages else settings.LANGUAGE_CODE
    return links.page_url("invitations:personal", language, token=link_token(invitation))


def parliament_for_token(token: str, *, max_age: int | None = None) -> Invitation:
    """The invitation a personal link opens; core.links.LinkError if it is forged, expired or revoked."""
    invitations = Invitation.objects.select_related("track__forum", "parliament__country", "addressee")
    return links.open_link(token, LINK_SALT, lambda pk: invitations.filter(pk=pk).first(), max_age=max_age)


@transaction.atomic
def revoke_link(*, invitation: Invitation, actor=None) -> Invitation:
    """Every link sent so far stops working; `personal_link` gives a new one."""
    invitation.link_version += 1
    invitation.save(update_fields=["link_version"])
    record(actor=actor, action="invitation.link_revoked", target=invitation)
    return invitation


# Letters of a whole track as one ZIP -----------------------------------------------------------


@transaction.atomic
def request_archive(*, track, actor=None) -> LetterArchive:
    template_for(track)
    archive = LetterArchive.objects.create(
        track=track,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        total=track.invited_parliaments.count(),
    )
    record(actor=actor, action="invitations.archive_requested", target=archive)
    from plenary.invitations.tasks import build_letter_archive

    transaction.on_commit(lambda: build_letter_archive.enqueue(archive.pk))
    return archive


def build_archive(*, archive_pk: int, processes: int | None = None) -> LetterArchive:
    """Render the track's letters into one ZIP over `processes` worker processes (default: all CPU
    cores, as `letters merge`), from the directory as it is now, counting progress as it goes.

    A letter that cannot be rendered is named in `failures` and the others are kept; once the ZIP
    exists (a retry), only the failed letters are rendered and added to it.
    """
    archive = LetterArchive.objects.select_related("track__forum").get(pk=archive_pk)
    only = sorted(archive.failures) if archive.file else None
    with tempfile.TemporaryDirectory(prefix="plenary-letters-") as folder:
        jobs = merge_jobs(archive.track, Path(folder), only=only)
        LetterArchive.objects.filter(pk=archive.pk).update(
            status=LetterArchive.Status.RUNNING, total=len(jobs), done=0, error=""
        )
        results = run_jobs(
            jobs,
            processes=processes,
            progress=lambda done, _total: LetterArchive.objects.filter(pk=archive.pk).update(done=done),
        )
        try:
            bundle = _zip_letters(archive, [result for result in results if result.path])
        except OSError as error:
            logger.exception("Letter archive %s failed", archive.pk)
            LetterArchive.objects.filter(pk=archive.pk).update(
                status=LetterArchive.Status.FAILED, error=str(error)
            )
            return LetterArchive.objects.get(pk=archive.pk)
    old_file = archive.file.name
    archive.refresh_from_db()
    archive.file.save(f"{archive.track.slug}-letters-{archive.pk}.zip", ContentFile(bundle), save=False)
    if old_file:
        archive.file.storage.delete(old_file)
    archive.failures = {result.iso3: result.error for result in results if result.error}
    archive.status, archive.finished_at = LetterArchive.Status.DONE, timezone.now()
    archive.save(update_fields=["file", "failures", "status", "finished_at"])
    return archive


def _zip_letters(archive: LetterArchive, rendered: list[MergeResult]) -> bytes:
    """The archive's ZIP so far with the letters just rendered added (or replaced), in ISO3 order."""
    entries = {}
    if archive.file:
        with archive.file.open("rb") as handle, zipfile.ZipFile(handle) as previous:
            entries = {name: previous.read(name) for name in previous.namelist()}
    for result in rendered:
        entries[f"{result.iso3}.pdf"] = Path(result.path).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(entries):
            bundle.writestr(name, entries[name])
    return buffer.getvalue()


@transaction.atomic
def retry_archive(*, archive: LetterArchive, actor=None) -> LetterArchive:
    """Render again, in the background, only the letters the archive failed to render."""
    archive = LetterArchive.objects.select_for_update().get(pk=archive.pk)
    if archive.status != LetterArchive.Status.DONE or not archive.failures:
        raise InvitationError(_("Every letter of this archive is already in its ZIP."))
    archive.status = LetterArchive.Status.PENDING
    archive.save(update_fields=["status"])
    record(
        actor=actor,
        action="invitations.archive_retried",
        target=archive,
        changes={"failed": sorted(archive.failures)},
    )
    from plenary.invitations.tasks import build_letter_archive

    transaction.on_commit(lambda: build_letter_archive.enqueue(archive.pk))
    return archive


@transaction.atomic
def save_template(*, form, actor=None) -> LetterTemplate:
    """Save a validated LetterTemplateForm (placeholders were checked by the model's clean)."""
    template = form.save()
    record(
        actor=actor,
        action="invitations.template_saved",
        target=template,
        changes={"fields": form.changed_data},
    )
    return template
