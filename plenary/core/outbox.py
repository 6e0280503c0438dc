"""The transactional mail outbox: the one way plenary sends e-mail.

A feature calls `queue_email(...)` inside its own transaction. The message and its attachments
are rows written in that transaction, so a rolled-back change sends nothing and a committed one is
always sent (if the task queue loses the job, the sweeper `plenary outbox deliver` finds the
message still queued and sends it). The delivery task exists exactly when the message does: with
the database task backend its row is written in the same transaction (one commit for both; a
registration measured 13 statements and one commit instead of 19 and two); with another backend
it is enqueued with `transaction.on_commit`. A dedupe_key is settled by INSERT … ON CONFLICT DO
NOTHING RETURNING id, without a savepoint: the message is looked up by key only when the insert
wrote nothing.

Delivery works on a batch of due messages (at most `OUTBOX_BATCH_SIZE`, 20 by default; one
when a single message is asked for) in three steps, each its own short transaction or none:

1. claim, in one statement committed on its own (`CLAIM`): lock the due rows (`FOR UPDATE SKIP
   LOCKED` on PostgreSQL; SQLite runs one writer at a time), mark them `sending`, count the
   attempt and return them. A second worker skips the locked rows and, once committed, no longer
   sees them as due, so two workers never send the same message.
2. send them one after another over one kept SMTP connection (no transaction is held open during
   the network exchange). A plain-text message, the common case, goes as bytes the worker writes
   itself (`message_bytes`: the bytes Django's EmailMessage would write, in a twentieth of the
   time); the others are built by Django.
3. record the outcomes: `sent`, for every message the server accepted, in one UPDATE (if the
   server refused some recipients and accepted the others, `last_error` names the refused ones:
   the message is not sent again, which would duplicate it for those who have it); or `retry`
   with an exponential back-off after a temporary error (4xx reply, connection refused, timeout);
   or `failed` with the server's reply after a permanent one (5xx) or after the last attempt.

Two durable commits per batch, not per message: at 20 messages a batch, the disk's flushes no
longer decide how fast the worker sends. The delivery task of a message claims a batch; the tasks
of the batch's other messages, when they run in the same process, know from it that their message
was sent and return without a query (a sent message is never sent again, so nothing can change
that answer).

The crash window. If the worker dies after the SMTP server has accepted a message (step 2)
but before step 3 commits, the row stays `sending` and we cannot know whether the server has it;
the messages of the batch sent before it are in the same case. The sweeper treats a message left
`sending` for longer than `stale_after` as abandoned and sends it again: after a crash, at most
one batch of messages is sent twice. That resend carries the same Message-ID, fixed when the
message was queued, which is how the receiving side (and a person reading) recognises it as the
same message. So delivery is exactly once on the common path and at least once, never zero
times, across a crash inside that window. `stale_after` must be longer than a slow SMTP exchange
of a batch (the default is ten minutes); `--stale-after 0` is for an operator who knows that no
worker is running.
"""

import email.policy
import functools
import logging
import os
import re
import smtplib
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from email import contentmanager
from email.headerregistry import Address, AddressHeader, BaseHeader, HeaderRegistry
from email.message import MIMEPart
from email.utils import format_datetime, getaddresses
from operator import attrgetter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends import smtp
from django.core.validators import validate_email
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import Count, Min, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from plenary.core.audit import insert_recorded, record
from plenary.core.languages import LANGUAGE_CODES, text_direction
from plenary.core.models import OutboxAttachment, OutboxMessage

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status
DELIVERABLE = (Status.QUEUED, Status.RETRY)
MAILER = "default"
DEFAULT_MAX_ATTEMPTS = 8
DEFAULT_RETRY_BASE = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=6)
DEFAULT_STALE_AFTER = timedelta(minutes=10)
DEFAULT_BATCH_SIZE = 20
HTML_LANG = {"zh-hans": "zh-Hans"}
# A last_error of a permanent refusal of the recipient: 'mp@example.org: 550 5.1.1 User unknown'.
REFUSED_RECIPIENT = re.compile(r"^\S+@\S+: 5\d\d ")
# RFC 5322: a line of a message is at most 998 octets (without CRLF).
LONGEST_LINE = 998
# Seconds a worker keeps an idle SMTP connection open for the next message.
KEPT_MAILER_IDLE = 60
# Distinct header texts (and folded headers) a process keeps parsed, e.g. the From and Subject lines.
HEADERS_KEPT = 4096
# Distinct address texts a process keeps checked, e.g. a track's contact person as Reply-To.
ADDRESSES_KEPT = 4096
# Messages a process remembers having sent for tasks still to come (a Message-ID is ~60 bytes).
SENT_HERE_KEPT = 10_000


def queue_email(
    *,
    to,
    subject,
    body,
    html_body=None,
    cc=(),
    reply_to=(),
    attachments=(),
    language="en",
    dedupe_key=None,
    related=None,
    actor=None,
) -> OutboxMessage:
    """Store one e-mail in the caller's transaction and send it once that transaction commits.

    `to` is an address or a list of them; `attachments` an iterable of (filename, bytes, mimetype).
    With a `dedupe_key`, queueing again with the same key returns the message already stored and
    sends nothing new. `related` is any saved model instance, for `messages_for(related)`.
    Invalid input raises ValidationError before anything is written.
    """
    fields = _validated(
        to=to,
        subject=subject,
        body=body,
        cc=cc,
        reply_to=reply_to,
        attachments=attachments,
        language=language,
        dedupe_key=dedupe_key,
        related=related,
    )
    from_email = settings.DEFAULT_FROM_EMAIL
    message = OutboxMessage(
        message_id=_new_message_id(from_email),
        dedupe_key=dedupe_key or None,
        from_email=from_email,
        to=fields["to"],
        cc=fields["cc"],
        reply_to=fields["reply_to"],
        subject=subject,
        body=body,
        html_body=html_body or "",
        language=fields["language"],
        status=Status.QUEUED,
        next_attempt_at=timezone.now(),
        related_type=ContentType.objects.get_for_model(related) if related is not None else None,
        related_id=str(related.pk) if related is not None else "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with transaction.atomic(savepoint=False):
        if not insert_recorded(
            message,
            actor=actor,
            action="outbox.queued",
            changes={"to": message.to, "cc": message.cc, "subject": subject},
            skip_conflicting=True,
        ):
            return _stored_under_dedupe_key(message)
        OutboxAttachment.objects.bulk_create(
            OutboxAttachment(
                message=message,
                position=position,
                filename=filename,
                mimetype=mimetype,
                content=content,
                size=len(content),
            )
            for position, (filename, content, mimetype) in enumerate(fields["attachments"])
        )
        _enqueue_delivery(message)
    return message


def _stored_under_dedupe_key(message: OutboxMessage) -> OutboxMessage:
    """The message stored with `message`'s dedupe_key, which made its insert write nothing.

    A concurrent transaction inserting the same key makes the INSERT wait for its end; this look-up,
    a statement of its own, then sees its row. Nothing raises, so the caller's transaction needs no
    savepoint.
    """
    if message.dedupe_key:
        try:
            return OutboxMessage.objects.get(dedupe_key=message.dedupe_key)
        except OutboxMessage.DoesNotExist:
            pass
    raise IntegrityError(f"the outbox message {message.message_id} was neither stored nor found stored")


def _enqueue_delivery(message: OutboxMessage) -> None:
    """Enqueue the delivery task so that it exists exactly when the message is committed.

    With the database task backend on the outbox's database, the task row is inserted now, in the
    caller's transaction: it commits (or rolls back) with the message, in the same commit. Any other
    backend (RQ, immediate) is given the task once the transaction has committed, so that the
    worker never looks for a message not committed yet; if that enqueue fails, the sweeper sends
    the message.
    """
    from plenary.core.tasks import deliver_outbox_message

    arguments = (message.pk, message.message_id)
    if _tasks_share_the_outbox_transaction(deliver_outbox_message.get_backend()):
        deliver_outbox_message.enqueue(*arguments)
    else:
        transaction.on_commit(lambda: deliver_outbox_message.enqueue(*arguments), robust=True)


def _tasks_share_the_outbox_transaction(backend) -> bool:
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    return isinstance(backend, DatabaseBackend) and router.db_for_write(DBTaskResult) == router.db_for_write(
        OutboxMessage
    )


def _new_message_id(from_email: str) -> str:
    address = getaddresses([from_email])[0][1]
    domain = address.rpartition("@")[2] or "plenary.localhost"
    return f"<{uuid.uuid4().hex}.outbox@{domain}>"


def _addresses(value, field: str, errors: dict) -> list[str]:
    values = [value] if isinstance(value, str) else list(value or ())
    clean = []
    for raw in values:
        address = _address(raw)
        if address is None:
            errors.setdefault(field, []).append(
                ValidationError(
                    _("“%(address)s” is not a valid e-mail address."),
                    code="invalid_address",
                    params={"address": raw},
                )
            )
        else:
            clean.append(address)
    return clean


def _address(raw) -> str | None:
    """'Name <a@example.org>' or 'a@example.org', checked; None if it is not exactly one address."""
    if not isinstance(raw, str) or "\n" in raw or "\r" in raw:
        return None
    return _checked_address(raw)


@functools.lru_cache(maxsize=ADDRESSES_KEPT)
def _checked_address(raw: str) -> str | None:
    """Parsing and checking the addresses was about a tenth of queueing an e-mail: a process checks
    each text once (the track's contact person is the Reply-To of every e-mail of the track)."""
    parsed = getaddresses([raw])
    if len(parsed) != 1:
        return None
    name, address = parsed[0]
    try:
        validate_email(address)
    except ValidationError:
        return None
    # Kept readable (not RFC 2047-encoded): Django encodes the display name when it sends.
    return str(Address(display_name=name, addr_spec=address)) if name else address


def _validated(*, to, subject, body, cc, reply_to, attachments, language, dedupe_key, related) -> dict:
    errors: dict[str, list[ValidationError]] = {}
    fields = {
        "to": _addresses(to, "to", errors),
        "cc": _addresses(cc, "cc", errors),
        "reply_to": _addresses(reply_to, "reply_to", errors),
        "language": str(language or "").lower().replace("_", "-"),
        "attachments": [],
    }
    if not fields["to"] and "to" not in errors:
        errors["to"] = [ValidationError(_("An e-mail needs at least one recipient."), code="no_recipient")]
    subject_field = OutboxMessage._meta.get_field("subject")
    if (
        not isinstance(subject, str)
        or not subject.strip()
        or "\n" in subject
        or "\r" in subject
        or len(subject) > subject_field.max_length
    ):
        errors["subject"] = [
            ValidationError(_("The subject must be one line of text."), code="invalid_subject")
        ]
    if not isinstance(body, str) or not body.strip():
        errors["body"] = [ValidationError(_("The e-mail has no text."), code="empty_body")]
    if fields["language"] not in LANGUAGE_CODES:
        errors["language"] = [
            ValidationError(
                _("“%(language)s” is not one of the languages plenary writes in."),
                code="invalid_language",
                params={"language": language},
            )
        ]
    for attachment in attachments:
        try:
            filename, content, mimetype = attachment
        except (TypeError, ValueError):
            filename, content, mimetype = None, None, None
        if (
            not isinstance(filename, str)
            or not filename.strip()
            or any(character < " " for character in filename)
            or not isinstance(content, bytes | bytearray | memoryview)
            or not isinstance(mimetype, str)
            or mimetype.count("/") != 1
        ):
            errors.setdefault("attachments", []).append(
                ValidationError(
                    _(
                        "Each attachment must be a file name, its content as bytes and a type such as "
                        "application/pdf."
                    ),
                    code="invalid_attachment",
                )
            )
        else:
            fields["attachments"].append((filename, bytes(content), mimetype.lower()))
    if dedupe_key is not None and (
        not isinstance(dedupe_key, str)
        or len(dedupe_key) > OutboxMessage._meta.get_field("dedupe_key").max_length
    ):
        errors["dedupe_key"] = [
            ValidationError(
                _("The deduplication key must be text of at most 255 characters."), code="invalid_key"
            )
        ]
    if related is not None and (not isinstance(related, models.Model) or related.pk is None):
        errors["related"] = [
            ValidationError(_("The related object must be saved first."), code="unsaved_related")
        ]
    if errors:
        raise ValidationError(errors)
    return fields


def messages_for(obj: models.Model):
    """The outbox messages queued about `obj` (its `related` object), newest first."""
    return OutboxMessage.objects.filter(
        related_type=ContentType.objects.get_for_model(obj), related_id=str(obj.pk)
    ).prefetch_related("attachments")


def latest_messages_about(objects: Iterable[models.Model]) -> dict:
    """The newest outbox message about each of `objects` (instances of one model), by primary key."""
    objects = list(objects)
    if not objects:
        return {}
    messages = OutboxMessage.objects.filter(
        related_type=ContentType.objects.get_for_model(objects[0]),
        related_id__in=[str(obj.pk) for obj in objects],
    ).order_by("related_id", "-created_at", "-pk")
    latest = {}
    for message in messages.defer("body", "html_body"):
        latest.setdefault(message.related_id, message)
    return {obj.pk: latest[str(obj.pk)] for obj in objects if str(obj.pk) in latest}


def undelivered_reason(message: OutboxMessage) -> str:
    """Why a message waiting for a retry, or failed, has not arrived, in words its sender acts on."""
    if message.status == Status.RETRY:
        return _("The mail server did not take it yet. It is tried again automatically.")
    if REFUSED_RECIPIENT.match(message.last_error):
        return _("The recipient's mail server refused the address. Check it, then send again.")
    return _("The mail server refused the message. Send it again later, or ask the secretariat.")


def render_email_html(template_name: str, context: dict, *, language: str) -> str:
    """An HTML body in `language`, from a template extending core/email/base.html."""
    with translation.override(language):
        return render_to_string(
            template_name,
            {
                **context,
                "email_language": HTML_LANG.get(language, language),
                "email_direction": text_direction(language),
            },
        )


def queue_templated_email(
    *, template: str, context: dict, to, language: str, track=None, **queue_options
) -> OutboxMessage:
    """Render `{template}_subject.txt` and `{template}.txt` in the recipient's `language` and queue them.

    With a `track`, replies go to its contact person, unless `queue_options` name another `reply_to`
    (e.g. an address of the contact's mailbox that the inbound receiver reads). `queue_options` are
    those of `queue_email`.
    """
    reply_to = queue_options.pop("reply_to", None) or (track_contact(track) if track is not None else ())
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return queue_email(
        to=to,
        subject=subject,
        body=body,
        language=language,
        reply_to=reply_to,
        **queue_options,
    )


def track_contact(track) -> list[str]:
    """The track's contact person as a Reply-To ('Ms. Celine Bal <celine.bal@un.org>'), or nobody."""
    if not track.contact_email:
        return []
    return [str(Address(display_name=track.contact_name, addr_spec=track.contact_email))]


def greeting(*, name: str, language: str, gender: str = "", name_arabic: str = "") -> str:
    """The salutation in `language`: agreeing with the gender when it is known, with the name in Arabic
    script for an Arabic e-mail when one was given ("عزيزتي فاطمة الزهراء،")."""
    if language == "ar" and name_arabic:
        name = name_arabic
    with translation.override(language):
        if not name:
            return gettext("Hello,")
        if gender == "female":
            return pgettext("greeting to a woman", "Dear %(name)s,") % {"name": name}
        if gender == "male":
            return pgettext("greeting to a man", "Dear %(name)s,") % {"name": name}
        return pgettext("greeting, gender unknown", "Dear %(name)s,") % {"name": name}


def _set_text_as_written(msg, string, subtype="plain", charset="utf-8", cte=None, **options):
    """Text in 8bit, as written, when every line fits in a line of mail; else quoted-printable.

    Python's heuristic picks base64 for a non-ASCII text with a line over 78 octets (an Arabic
    sentence, a link), which a person reading the console or the raw message cannot read.
    """
    if cte is None:
        fits = all(len(line) <= LONGEST_LINE for line in string.encode(charset).splitlines())
        cte = "8bit" if fits else "quoted-printable"
    contentmanager.set_text_content(msg, string, subtype, charset, cte, **options)


AS_WRITTEN = contentmanager.ContentManager()
AS_WRITTEN.get_handlers.update(contentmanager.raw_data_manager.get_handlers)
AS_WRITTEN.set_handlers.update(contentmanager.raw_data_manager.set_handlers)
AS_WRITTEN.add_set_handler(str, _set_text_as_written)


@functools.lru_cache(maxsize=HEADERS_KEPT)
def _parsed_header(name: str, value: str):
    return _HEADER_REGISTRY(name, value)


class _HeadersParsedOnce(HeaderRegistry):
    """Header objects parsed once per name and text: a worker sending a batch of e-mails parses
    their From, Reply-To and Subject once, not once per message (the header objects are immutable,
    so messages can share them)."""

    def __call__(self, name, value):
        if type(value) is str:
            return _parsed_header(name, value)
        return super().__call__(name, value)


@functools.lru_cache(maxsize=HEADERS_KEPT)
def _folded_header(policy, name: str, value, refold_binary: bool) -> str:
    return email.policy.EmailPolicy._fold(policy, name, value, refold_binary)


class _FoldsOnce(email.policy.EmailPolicy):
    """Each header object folded once per policy (a policy is immutable, its folding of a header
    always the same)."""

    def _fold(self, name, value, refold_binary=False):
        if isinstance(value, BaseHeader):
            return _folded_header(self, name, value, refold_binary)
        return super()._fold(name, value, refold_binary)


_HEADER_REGISTRY = HeaderRegistry()


@functools.lru_cache(maxsize=8)
def _as_written_policy(policy: email.policy.EmailPolicy) -> _FoldsOnce:
    """`policy` (e.g. email.policy.SMTP), writing text as written and parsing and folding each
    header once; one per policy, so that its folded headers are kept."""
    return _FoldsOnce(
        **(vars(policy) | {"content_manager": AS_WRITTEN, "header_factory": _HeadersParsedOnce()})
    )


class EmailAsWritten(EmailMultiAlternatives):
    """An e-mail whose text parts read as written (8bit UTF-8), whatever backend sends or prints it."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=_as_written_policy(policy))


def as_written(message: EmailMultiAlternatives, **changes) -> EmailAsWritten:
    """`message` (e.g. one rendered by allauth) as an EmailAsWritten, with `changes` to its fields."""
    fields = {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": message.to,
        "cc": message.cc,
        "bcc": message.bcc,
        "reply_to": message.reply_to,
        "headers": message.extra_headers,
        "alternatives": getattr(message, "alternatives", None),
    }
    return EmailAsWritten(**(fields | changes))


def build_email(message: OutboxMessage) -> EmailAsWritten:
    """The e-mail as Django sends it, identical on every attempt (same Message-ID, same bytes)."""
    email = EmailAsWritten(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        reply_to=message.reply_to,
        headers={"Message-ID": message.message_id, "Content-Language": message.language},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for attachment in _attachments(message):
        maintype, subtype = attachment.mimetype.split("/", 1)
        part = MIMEPart()
        # Bytes are always sent base64-encoded: text files keep their exact bytes and line endings.
        part.set_content(bytes(attachment.content), maintype, subtype, filename=attachment.filename)
        email.attach(part)
    return email


# The headers a plain-text e-mail opens with, as EmailAsWritten writes them (set_content).
PLAIN_TEXT_HEADERS = (
    b'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: 8bit\r\nMIME-Version: 1.0\r\n'
)
# An address as plain as an address gets (ASCII dot-atoms, no display name): the header writes it,
# and the envelope uses it, as it is.
PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
PLAIN_MESSAGE_ID = re.compile(r"<[A-Za-z0-9.]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*>")
# email.policy.SMTP's max_line_length: a header line this long or shorter is never folded.
FOLD_AT = 78


def message_bytes(message: OutboxMessage) -> bytes | None:
    """The message as `build_email(message).message(policy=email.policy.SMTP).as_bytes()` writes it,
    written directly in a twentieth of the time, for a plain-text message; None for the others
    (HTML, attachments, a line too long for mail, an address whose domain is not ASCII):
    build_email builds those."""
    if message.html_body or _attachments(message):
        return None
    lines = message.body.encode().splitlines()
    if max(map(len, lines), default=0) > LONGEST_LINE:
        return None
    message_id = message.message_id
    headers = [
        _header_line("Subject", message.subject),
        _header_line("From", message.from_email),
        _addresses_line("To", message.to),
        _addresses_line("Cc", message.cc) if message.cc else b"",
        _addresses_line("Reply-To", message.reply_to) if message.reply_to else b"",
        _date_line(),
        _unique_line("Message-ID", message_id, plain=bool(PLAIN_MESSAGE_ID.fullmatch(message_id))),
        _header_line("Content-Language", message.language),
    ]
    if None in headers:
        return None
    return b"".join([PLAIN_TEXT_HEADERS, *headers, b"\r\n", b"\r\n".join(lines), b"\r\n"])


def _addresses_line(name: str, addresses: list[str]) -> bytes | None:
    plain = all(PLAIN_ADDRESS.fullmatch(address) for address in addresses)
    return _unique_line(name, ", ".join(addresses), plain=plain)


def _unique_line(name: str, value: str, *, plain: bool) -> bytes | None:
    """A header line whose value may differ from message to message (the recipients, the
    Message-ID): as it is when `plain` and short enough not to be folded, else parsed and folded."""
    if plain and len(name) + 2 + len(value) <= FOLD_AT:
        return f"{name}: {value}\r\n".encode()
    return _header_line(name, value)


@functools.lru_cache(maxsize=HEADERS_KEPT)
def _header_line(name: str, value: str) -> bytes | None:
    """`name: value` parsed, folded and encoded as EmailAsWritten writes it for SMTP; None for an
    address header naming a domain that is not ASCII (Django writes it in IDNA)."""
    policy = _as_written_policy(email.policy.SMTP)
    header = policy.header_factory(name, value)
    if isinstance(header, AddressHeader) and not all(
        address.domain.isascii() for address in header.addresses
    ):
        return None
    return policy.fold_binary(name, header)


def _date_line() -> bytes:
    now = timezone.localtime() if settings.EMAIL_USE_LOCALTIME else datetime.now(UTC)
    return f"Date: {format_datetime(now)}\r\n".encode()


def _attachments(message: OutboxMessage) -> list[OutboxAttachment]:
    """The message's attachments in order; none, without a query, when its claim found none."""
    if not getattr(message, "has_attachments", True):
        return []
    return sorted(message.attachments.all(), key=attrgetter("position"))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def deliver(message_pk: int | None = None, *, worker: str | None = None) -> OutboxMessage | None:
    """One delivery attempt: of message `message_pk` if it is due, else of the next due message.

    Returns the message with its new status, or None when there was nothing to claim (already
    sent, being sent by another worker, or not due yet).
    """
    delivered = deliver_batch(message_pk, worker=worker, size=1)
    return delivered[0] if delivered else None


def deliver_batch(
    message_pk: int | None = None, *, worker: str | None = None, size: int | None = None
) -> list[OutboxMessage]:
    """One delivery attempt of each message of a batch: message `message_pk` and the next due
    messages, at most `size` (`batch_size()`) in all (with `size` 1, only it), or nothing if it is
    no longer due; without `message_pk`, the next due messages.

    Returns the messages with their new status; an empty list when nothing was due.
    """
    messages = _claim(message_pk, worker=worker or worker_name(), size=size or batch_size())
    sent, refused_by_message = [], {}
    for message in messages:
        refused = _send(message)
        if refused is None:
            continue
        sent.append(message)
        if refused:
            refused_by_message[message.pk] = refused
    _record_sent(sent, refused=refused_by_message)
    _sent_here.remember(message.message_id for message in sent if message.pk != message_pk)
    return messages


def deliver_queued(message_pk: int, message_id: str = "") -> list[OutboxMessage]:
    """The delivery task's attempt: `deliver_batch(message_pk)`, or nothing, without a query, when
    a batch of this process has sent the message (`message_id`) already. Sent is final (nothing
    makes a sent message due again), so the answer is the one the database would give."""
    if message_id and _sent_here.forget(message_id):
        return []
    return deliver_batch(message_pk)


class _SentHere:
    """The Message-IDs of the messages this process's batches sent for other messages' tasks, until
    those tasks come; at most SENT_HERE_KEPT, the oldest dropped first (a task that runs in another
    process never comes here). Message-IDs, not primary keys: a key can be reused (SQLite, after a
    rollback), a Message-ID is never."""

    def __init__(self):
        self._message_ids: dict[str, bool] = {}
        self._lock = threading.Lock()

    def remember(self, message_ids: Iterable[str]) -> None:
        with self._lock:
            self._message_ids.update(dict.fromkeys(message_ids, True))
            while len(self._message_ids) > SENT_HERE_KEPT:
                del self._message_ids[next(iter(self._message_ids))]

    def forget(self, message_id: str) -> bool:
        """Whether `message_id` was remembered."""
        with self._lock:
            return self._message_ids.pop(message_id, False)


_sent_here = _SentHere()


def _send(message: OutboxMessage) -> str | None:
    """Send over the kept connection; the recipients the server refused ("" for none), or None
    when sending failed (the failure is then recorded)."""
    try:
        refused = _replies(_send_over(_kept_mailer(), message))
    except Exception as error:  # whatever went wrong, the message must leave `sending`
        _drop_kept_mailer()
        permanent, reply = classify(error)
        _record_failure(message, permanent=permanent, reply=reply)
        logger.warning("outbox message %s to %s: %s", message.pk, ", ".join(message.to), reply)
        return None
    if refused:
        logger.warning("outbox message %s sent, but the server refused %s", message.pk, refused)
    return refused


def _send_over(mailer, message: OutboxMessage) -> dict:
    """Send `message` with `mailer`; the recipients the server refused, {address: (code, reply)}.

    Over an SMTP connection a plain-text message goes as the bytes `message_bytes` writes, to the
    envelope addresses Django's backend would give; any other message, or mailer, gets build_email.
    """
    raw = message_bytes(message) if isinstance(mailer, smtp.EmailBackend) else None
    if raw is None:
        mailer.send_messages([build_email(message)])
        return getattr(mailer, "refused_recipients", {})
    sender = mailer.prep_address(message.from_email)
    recipients = [_envelope_address(mailer, address) for address in message.to + message.cc]
    return mailer.connection.sendmail(sender, recipients, raw)


def _envelope_address(mailer, address: str) -> str:
    return address if PLAIN_ADDRESS.fullmatch(address) else mailer.prep_address(address)


def batch_size() -> int:
    return getattr(settings, "OUTBOX_BATCH_SIZE", DEFAULT_BATCH_SIZE)


class _KeptMailer(threading.local):
    """This thread's mail connection, kept open from one message to the next: a worker sending a
    burst of e-mails greets the SMTP server once, not once per message."""

    mailer = None
    settings = None
    last_used = 0.0


_kept = _KeptMailer()


def _kept_mailer():
    """The connection this thread sent its last message over, unless idle longer than
    KEPT_MAILER_IDLE (a server may close an idle connection after five minutes, RFC 5321) or made
    with other settings; else a new one, opened."""
    now = time.monotonic()
    if _kept.mailer is None or _kept.settings != settings.MAILERS or now - _kept.last_used > KEPT_MAILER_IDLE:
        _drop_kept_mailer()
        mailer = mailers[MAILER]
        mailer.open()
        _kept.mailer, _kept.settings = mailer, settings.MAILERS
    _kept.last_used = now
    if hasattr(_kept.mailer, "refused_recipients"):
        _kept.mailer.refused_recipients = {}
    return _kept.mailer


def _drop_kept_mailer() -> None:
    """Close the kept connection (after an error its state is unknown): the next message opens one."""
    mailer, _kept.mailer = _kept.mailer, None
    if mailer is not None:
        try:
            mailer.close()
        except Exception:  # noqa: BLE001 - a broken connection may fail to close; it is dropped anyway
            logger.info("closing a broken mail connection failed", exc_info=True)


def deliver_due(*, worker: str | None = None, should_stop: Callable[[], bool] = lambda: False) -> int:
    """Attempt every message that is due, a batch at a time; returns how many attempts were made."""
    worker = worker or worker_name()
    attempts = 0
    size = batch_size()
    while not should_stop():
        delivered = deliver_batch(worker=worker, size=size)
        attempts += len(delivered)
        if len(delivered) < size:  # all that was due, unless other workers hold it
            break
    return attempts


def sweep(
    *, stale_after: timedelta, worker: str | None = None, should_stop: Callable[[], bool] = lambda: False
) -> tuple[int, int]:
    """One pass of the sweeper: re-queue what a dead worker left `sending`, then attempt every due
    message (new ones the task queue missed, retries whose back-off has elapsed).

    Returns (messages re-queued, delivery attempts)."""
    requeued = requeue_stale(stale_after=stale_after)
    return requeued, deliver_due(worker=worker, should_stop=should_stop)


# Claims a batch in one statement that commits on its own (the ORM's update() returns no row): up
# to %(size)s due messages, message %(asked)s first when given, locked (skipping those another
# worker holds) when the database can, marked sending with the attempt counted, and returned with
# whether they have attachments. {asked_is_due}: nothing is claimed when the message asked for is
# no longer due, a plain read that locks nothing.
CLAIM = """
WITH "due" AS MATERIALIZED (
    SELECT "id" FROM "core_outboxmessage"
    WHERE "status" IN (%(queued)s, %(retry)s) AND "next_attempt_at" <= %(now)s{asked_is_due}
    ORDER BY {asked_first}"next_attempt_at", "id"
    LIMIT %(size)s{lock}
)
UPDATE "core_outboxmessage"
SET "status" = %(sending)s, "attempts" = "attempts" + 1, "next_attempt_at" = NULL,
    "claimed_at" = %(now)s, "claimed_by" = %(worker)s, "updated_at" = %(now)s
WHERE "id" IN (SELECT "id" FROM "due")
RETURNING *, EXISTS (
    SELECT 1 FROM "core_outboxattachment" WHERE "message_id" = "core_outboxmessage"."id"
) AS "has_attachments"
"""
ASKED_IS_DUE = """ AND EXISTS (
        SELECT 1 FROM "core_outboxmessage" AS "asked" WHERE "asked"."id" = %(asked)s
        AND "asked"."status" IN (%(queued)s, %(retry)s) AND "asked"."next_attempt_at" <= %(now)s
    )"""


def _claim(message_pk: int | None, *, worker: str, size: int) -> list[OutboxMessage]:
    """Mark up to `size` due messages `sending` (message `message_pk` first; with `size` 1, only
    it) in one statement, then read the attachments of those that have some. None when message
    `message_pk` is no longer due (a batch took it): its task then costs one plain read."""
    database = router.db_for_write(OutboxMessage)
    connection = connections[database]
    asked = message_pk is not None
    sql = CLAIM.format(
        asked_is_due=(' AND "id" = %(asked)s' if size == 1 else ASKED_IS_DUE) if asked else "",
        asked_first='"id" = %(asked)s DESC, ' if asked and size > 1 else "",
        lock=" FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else "",
    )
    parameters = {
        "queued": Status.QUEUED,
        "retry": Status.RETRY,
        "sending": Status.SENDING,
        "now": connection.ops.adapt_datetimefield_value(timezone.now()),
        "size": size,
        "worker": worker[:200],
        "asked": message_pk,
    }
    messages = list(OutboxMessage.objects.raw(sql, parameters, using=database))
    messages.sort(key=lambda message: (message.pk != message_pk, message.pk))
    prefetch_related_objects([message for message in messages if message.has_attachments], "attachments")
    return messages


def _record_sent(messages: list[OutboxMessage], *, refused: dict[int, str]) -> None:
    """Sent: the server accepted each message, for all its recipients or (`refused` says which
    were not, by message) for some; those accepted must not get it twice, so it is not sent again.
    One UPDATE for the messages without refused recipients."""
    if not messages:
        return
    now = timezone.now()
    # Whoever recorded what since, the server has the message now: never send it again.
    fields = {"status": Status.SENT, "sent_at": now, "next_attempt_at": None, "updated_at": now}
    not_sent_yet = OutboxMessage.objects.exclude(status=Status.SENT)
    accepted = [message for message in messages if message.pk not in refused]
    with transaction.atomic():
        if accepted:
            not_sent_yet.filter(pk__in=[message.pk for message in accepted]).update(**fields)
        for pk, recipients in refused.items():
            not_sent_yet.filter(pk=pk).update(**fields, last_error=f"refused: {recipients}")
    for message in messages:
        for name, value in fields.items():
            setattr(message, name, value)
        if message.pk in refused:
            message.last_error = f"refused: {refused[message.pk]}"


def _record_failure(message: OutboxMessage, *, permanent: bool, reply: str) -> None:
    now = timezone.now()
    gave_up = permanent or message.attempts >= max_attempts()
    fields = {"last_error": reply, "updated_at": now} | (
        {"status": Status.FAILED, "next_attempt_at": None}
        if gave_up
        else {"status": Status.RETRY, "next_attempt_at": now + retry_delay(message.attempts)}
    )
    # Only if this attempt still owns the message (the sweeper may have re-queued it meanwhile).
    still_ours = OutboxMessage.objects.filter(
        pk=message.pk, status=Status.SENDING, attempts=message.attempts, claimed_by=message.claimed_by
    )
    _record(message, still_ours, fields)


def _record(message: OutboxMessage, rows, fields: dict) -> None:
    if rows.update(**fields):
        for name, value in fields.items():
            setattr(message, name, value)
    else:
        message.refresh_from_db()


def max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd, 4th ... attempt, at most six hours."""
    base = getattr(settings, "OUTBOX_RETRY_BASE", DEFAULT_RETRY_BASE)
    return min(base * 2 ** (attempts - 1), MAX_RETRY_DELAY)


def classify(error: BaseException) -> tuple[bool, str]:
    """(permanent?, the server's reply or the network error) for an exception raised by sending.

    5xx replies are permanent; 4xx replies, refused connections, timeouts and disconnections are
    temporary. Replies about our own connection (greeting, HELO, authentication) are treated as
    temporary whatever their code: they are a configuration problem, not this message's.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = error.recipients
        return all(500 <= code < 600 for code, _reply in replies.values()), _replies(replies)
    if isinstance(error, smtplib.SMTPConnectError | smtplib.SMTPHeloError | smtplib.SMTPAuthenticationError):
        return False, f"{error.smtp_code} {_decode(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600, f"{error.smtp_code} {_decode(error.smtp_error)}"
    if isinstance(error, OSError):
        return False, str(error) or type(error).__name__
    return False, f"{type(error).__name__}: {error}"


def _replies(refused: dict) -> str:
    """{address: (code, reply)} as 'a@example.org: 550 No such user; …'."""
    return "; ".join(f"{rcpt}: {code} {_decode(reply)}" for rcpt, (code, reply) in refused.items())


def _decode(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def requeue_stale(*, stale_after: timedelta = DEFAULT_STALE_AFTER) -> int:
    """Put messages left `sending` (by a worker that died) back in the queue; returns how many."""
    now = timezone.now()
    stale = OutboxMessage.objects.filter(status=Status.SENDING, claimed_at__lte=now - stale_after)
    note = "worker {} stopped while sending; sent again with the same Message-ID"
    count = 0
    for message in stale.only("pk", "claimed_by", "attempts"):
        gave_up = message.attempts >= max_attempts()
        count += OutboxMessage.objects.filter(
            pk=message.pk, status=Status.SENDING, claimed_by=message.claimed_by, attempts=message.attempts
        ).update(
            status=Status.FAILED if gave_up else Status.RETRY,
            next_attempt_at=None if gave_up else now,
            last_error=note.format(message.claimed_by),
            updated_at=now,
        )
    return count


def retry_now(*, messages: Iterable[OutboxMessage], actor=None) -> int:
    """Failed messages, and those waiting for a retry, get an attempt right away; returns how many.

    Sent messages and those being sent are left alone, so this never sends anything twice.
    """
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for message in messages:
            updated = OutboxMessage.objects.filter(
                pk=message.pk, status__in=[Status.FAILED, Status.RETRY]
            ).update(status=Status.RETRY, next_attempt_at=now, updated_at=now)
            if updated:
                record(actor=actor, action="outbox.retry_now", target=message)
                _enqueue_delivery(message)
                count += 1
    return count


def status_summary(*, stale_after: timedelta = DEFAULT_STALE_AFTER) -> dict:
    """Counts by status and the things an operator watches: backlog, stuck and failed messages."""
    now = timezone.now()
    counts = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("pk")).order_by())
    waiting = OutboxMessage.objects.filter(status__in=DELIVERABLE)
    return {
        "counts": {status: counts.get(status, 0) for status in Status.values},
        "due": waiting.filter(next_attempt_at__lte=now).count(),
        "oldest_due": waiting.filter(next_attempt_at__lte=now).aggregate(at=Min("created_at"))["at"],
        "next_retry": OutboxMessage.objects.filter(status=Status.RETRY, next_attempt_at__gt=now).aggregate(
            at=Min("next_attempt_at")
        )["at"],
        "stale": OutboxMessage.objects.filter(
            status=Status.SENDING, claimed_at__lte=now - stale_after
        ).count(),
        "recent_failures": list(
            OutboxMessage.objects.filter(status=Status.FAILED).order_by("-updated_at")[:5]
        ),
    }
