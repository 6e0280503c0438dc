"""Replies by e-mail: an LMTP receiver that the mail server hands the messages for the per-thread
reply addresses (links.reply_address) to, and that appends each to its thread.

At RCPT the address is checked: a reply address whose signature is right and whose thread exists is
accepted; any other address is refused with 550 and logged, so a forged or mistyped address bounces
at the sender's server and nothing is written. At DATA the message is parsed (the text part, or the
HTML part as text; the quoted earlier messages cut off; the first attachment that is a PDF or an
image within the limits kept) and added to each accepted thread as the asker's reply.

`plenary work` runs the receiver when settings.QUERIES_INBOUND_LMTP is "host:port".
"""

import email
import email.policy
import logging
import re

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import close_old_connections
from django.utils.html import strip_tags

from plenary.core.errors import ServiceError
from plenary.queries import attachments, links, services
from plenary.queries.models import Query

logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 3 * attachments.MAX_BYTES
# Where a reply's quotation of the earlier messages begins, in the mail programs' six languages.
QUOTE_HEADER = re.compile(
    r"^(On .+ wrote:|Le .+ a écrit\s?:|El .+ escribió:|.+ написал.*:|.+写道[:：]|.*كتب.*:"
    r"|-{2,}\s*Original Message\s*-{2,}|_{5,}|From:\s.+)\s*$",
    re.IGNORECASE,
)
SIGNATURE = "-- "


def without_quotation(text: str) -> str:
    """The reply's own text: up to the first quotation header or signature, without quoted lines."""
    kept = []
    for line in text.splitlines():
        if QUOTE_HEADER.match(line.strip()) or line == SIGNATURE:
            break
        if not line.startswith(">"):
            kept.append(line)
    return "\n".join(kept).strip()


def parse(raw: bytes) -> tuple[str, str, list[tuple[str, bytes]]]:
    """(sender, the reply's own text, attachments as (filename, bytes)) of a raw message."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    part = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if part is not None:
        text = part.get_content()
        if part.get_content_type() == "text/html":
            text = strip_tags(text)
    files = [
        (attachment.get_filename() or "attachment", attachment.get_payload(decode=True) or b"")
        for attachment in message.iter_attachments()
    ]
    return str(message.get("From", "")), without_quotation(text), files


def first_acceptable(files: list[tuple[str, bytes]]):
    for name, data in files:
        try:
            return attachments.checked(name, data)
        except ValidationError:
            logger.info("inbound reply: attachment %r refused", name)
    return None


def thread_for(address: str) -> int | None:
    """The id of the thread a recipient address writes into, if it is a genuine reply address."""
    query_id = links.query_id_from_address(address)
    if query_id is None or not Query.objects.filter(pk=query_id).exists():
        return None
    return query_id


def append(query_id: int, raw: bytes):
    """Add a received reply to its thread (as the asker's); the new message."""
    sender, text, files = parse(raw)
    query = Query.objects.get(pk=query_id)
    logger.info("inbound reply from %s added to query %s", sender, query_id)
    return services.reply(
        query=query, user=None, body=text, attachment=first_acceptable(files), by_email=True
    )


def _in_django(function, *args):
    close_old_connections()
    try:
        return function(*args)
    finally:
        close_old_connections()


class RepliesHandler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        query_id = await sync_to_async(_in_django, thread_sensitive=False)(thread_for, address)
        if query_id is None:
            logger.warning(
                "inbound reply refused: %s is not a reply address (from %s)", address, envelope.mail_from
            )
            return "550 5.1.1 No such recipient here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            try:
                await sync_to_async(_in_django, thread_sensitive=False)(
                    append,
                    links.query_id_from_address(address),
                    envelope.original_content or envelope.content,
                )
            except (ServiceError, ValueError, LookupError) as error:
                logger.warning("inbound reply to %s refused: %s", address, error)
                return "550 5.6.0 The message could not be read as a reply"
        return "250 OK"


class LMTPController(Controller):
    def factory(self):
        return LMTP(self.handler, **self.SMTP_kwargs)


def receiver(host: str, port: int) -> LMTPController:
    """The receiver, not yet started: `start()` listens in a thread of its own, `stop()` ends it."""
    return LMTPController(RepliesHandler(), hostname=host, port=port, data_size_limit=MAX_MESSAGE_BYTES)


def configured_receiver() -> LMTPController | None:
    """The receiver on settings.QUERIES_INBOUND_LMTP ("host:port"), or None when it is empty."""
    where = settings.QUERIES_INBOUND_LMTP
    if not where:
        return None
    host, _, port = where.rpartition(":")
    if not host or not port.isdecimal():
        raise ImproperlyConfigured(f"QUERIES_INBOUND_LMTP must be host:port, not {where!r}")
    return receiver(host, int(port))
