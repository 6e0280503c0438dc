"""The worker writes a plain-text e-mail's bytes itself: they must be those Django's EmailMessage
writes, headers, parts and encodings, in every script, and the envelope the one Django gives."""

import email.policy
import re

import pytest
from django.core.mail import mailers

from plenary.core import outbox
from plenary.core.models import OutboxMessage
from plenary.core.testing import smtp_server

pytestmark = pytest.mark.django_db

DATE = re.compile(rb"^Date: [^\r\n]*\r\n", re.MULTILINE)
BOUNDARY = re.compile(rb"={15}\d+==")
ARABIC_BODY = (
    "عزيزتي فاطمة حسن،\n\nتأكد تسجيلك في المسار البرلماني لمنتدى حوكمة الإنترنت 2023.\n\n"
    "http://127.0.0.1:8000/ar/igf2023-pt/register/abc.def/\n"
)
CHINESE_BODY = "尊敬的代表：\r\n\r\n您在2023年互联网治理论坛议会专题的注册已确认。\r\n"
# Each message as queued, and whether the worker writes its bytes itself (else build_email does).
MESSAGES = {
    "registration": (
        {
            "to": "bench0@example.org",
            "subject": "IGF 2023 Parliamentary Track: registration confirmed",
            "body": "Dear Bench Delegate AB,\n\nYour registration is confirmed.\n\n-- \nIPU\n",
            "reply_to": ["Ms. Celine Bal <celine.bal@un.org>"],
        },
        True,
    ),
    "Arabic names and subject": (
        {
            "to": ["الأمين العام <clerk@majlis.example.org>", "Fatima.Hassan+igf@majlis.example.org"],
            "subject": "المسار البرلماني لمنتدى حوكمة الإنترنت 2023 – رابط التسجيل الشخصي الخاص بك",
            "body": ARABIC_BODY,
            "reply_to": ["سلينا بال <celine.bal@un.org>"],
            "language": "ar",
        },
        True,
    ),
    "Chinese subject, copies, a quoted name": (
        {
            "to": ['"Doe, Jane" <jane@parliament.example.org>'],
            "cc": ["代表团 <delegation@npc.example.org>", "secretariat@ipu.example.org"],
            "subject": "互联网治理论坛 2023 议会专题：您的注册已确认，请查看您的个人注册页面以了解详情",
            "body": CHINESE_BODY,
            "language": "zh-hans",
        },
        True,
    ),
    "a header folded over lines": (
        {
            "to": [f"member.{number}@parliament-of-somewhere.example.org" for number in range(6)],
            "subject": "Parliamentary Track of the Internet Governance Forum 2023: " * 3 + "the programme",
            "body": "A long list of recipients.",
        },
        True,
    ),
    "HTML beside the text": (
        {"to": "a@example.org", "subject": "S", "body": "Text", "html_body": "<p>HTML</p>"},
        False,
    ),
    "attachments": (
        {
            "to": "a@example.org",
            "subject": "S",
            "body": "Text",
            "attachments": [
                ("الدعوة.pdf", b"%PDF-1.7", "application/pdf"),
                ("a.csv", b"a;b\r\n", "text/csv"),
            ],
        },
        False,
    ),
    "a line too long for mail": ({"to": "a@example.org", "subject": "S", "body": "ب" * 600}, False),
    "a domain not in ASCII": ({"to": "delegate@bücher.example.org", "subject": "S", "body": "Text"}, False),
}


def as_django_writes_it(message: OutboxMessage) -> tuple[str, list[str], bytes]:
    """The envelope and bytes Django's SMTP backend sends for build_email(message)."""
    built = outbox.build_email(message)
    backend = mailers["default"]
    return (
        backend.prep_address(built.from_email),
        [backend.prep_address(address) for address in built.recipients()],
        built.message(policy=email.policy.SMTP).as_bytes(),
    )


def written_the_same(raw: bytes) -> bytes:
    """`raw` but for what differs from one writing to the next: the date and the parts' boundaries."""
    return BOUNDARY.sub(b"=boundary=", DATE.sub(b"", raw))


@pytest.mark.parametrize("name", MESSAGES)
def test_the_worker_sends_what_djangos_email_message_writes(name):
    fields, written_directly = MESSAGES[name]
    with smtp_server() as server, server.settings():
        message = outbox.queue_email(**fields)
        stored = OutboxMessage.objects.prefetch_related("attachments").get(pk=message.pk)
        sender, recipients, raw = as_django_writes_it(stored)
        assert outbox.deliver(message.pk).status == OutboxMessage.Status.SENT
    [received] = server.received
    assert (received.mail_from, list(received.rcpt_tos)) == (sender, recipients)
    assert written_the_same(received.raw) == written_the_same(raw)
    assert len(DATE.findall(received.raw)) == 1
    assert (outbox.message_bytes(stored) is not None) == written_directly
