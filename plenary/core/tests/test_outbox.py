import io
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from plenary.core import mail, outbox
from plenary.core.models import AuditEntry, OutboxAttachment, OutboxMessage
from plenary.core.testing import make_user, smtp_server

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
Status = OutboxMessage.Status

# Every byte value, and text files whose exact bytes (line endings, a legacy encoding) must survive.
BINARY = bytes(range(256)) * 40
CSV_LATIN1 = "pays;délégués\r\nJapon;3\nFrance;2\n".encode("latin-1")
ARABIC_TEXT = "الاتحاد البرلماني الدولي\n".encode()


@pytest.fixture
def smtp():
    with smtp_server() as server, server.settings(), override_settings(TASKS=IMMEDIATE_TASKS):
        yield server


def queue(**overrides):
    fields = {
        "to": "focal.point@diet.example.org",
        "subject": "IGF 2023 Parliamentary Track – invitation",
        "body": "Dear colleague,\n\nPlease find the invitation attached.",
    }
    return outbox.queue_email(**(fields | overrides))


def deliver_due_now():
    """The sweeper, as if the back-off had elapsed."""
    OutboxMessage.objects.filter(status=Status.RETRY).update(next_attempt_at=timezone.now())
    call_command("outbox", "deliver", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_committed_message_is_sent_once_and_a_rolled_back_one_never(smtp):
    with transaction.atomic():
        message = queue(
            to=["Focal Point <focal.point@diet.example.org>", "clerk@diet.example.org"],
            cc=["secretariat@ipu.example.org"],
            reply_to="igf@ipu.example.org",
            html_body="<p>Dear colleague,</p>",
            language="fr",
        )
        assert smtp.received == []
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(to="other@parliament.example.org", dedupe_key="never-committed")
        raise RuntimeError("the feature's change failed")

    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [message.pk]
    assert len(smtp.received) == 1
    received = smtp.received[0]
    assert received.rcpt_tos == (
        "focal.point@diet.example.org",
        "clerk@diet.example.org",
        "secretariat@ipu.example.org",
    )
    assert received.message_id == message.message_id
    assert received.message["To"] == "Focal Point <focal.point@diet.example.org>, clerk@diet.example.org"
    assert received.message["Reply-To"] == "igf@ipu.example.org"
    assert received.message["Subject"] == "IGF 2023 Parliamentary Track – invitation"
    assert received.message["Content-Language"] == "fr"
    assert received.message.get_body(("plain",)).get_content() == (
        "Dear colleague,\r\n\r\nPlease find the invitation attached.\r\n"
    )
    assert received.message.get_body(("html",)).get_content() == "<p>Dear colleague,</p>\r\n"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 1, "")
    assert message.sent_at is not None


@pytest.mark.django_db
def test_a_message_rolled_back_with_its_savepoint_stores_and_sends_nothing(
    smtp, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValueError),
        transaction.atomic(),
    ):
        queue(attachments=[("letter.pdf", b"%PDF-1.7", "application/pdf")])
        raise ValueError
    assert callbacks == []
    assert (OutboxMessage.objects.count(), OutboxAttachment.objects.count()) == (0, 0)
    assert smtp.received == []


@pytest.mark.django_db
def test_the_same_dedupe_key_returns_the_stored_message_and_sends_nothing_new(
    smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(dedupe_key="invitation:igf2023-pt:JPN:v1")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = queue(dedupe_key="invitation:igf2023-pt:JPN:v1", subject="A second try")
    assert again.pk == first.pk
    assert again.subject == "IGF 2023 Parliamentary Track – invitation"
    assert callbacks == []
    assert [mail.message_id for mail in smtp.received] == [first.message_id]
    assert OutboxMessage.objects.filter(dedupe_key="invitation:igf2023-pt:JPN:v1").count() == 1


@pytest.mark.django_db
def test_display_names_in_any_script_are_stored_readable_and_arrive_intact(
    smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(
            to=["الأمين العام <clerk@majlis.example.org>", '"Doe, Jane" <jane@parliament.example.org>'],
            language="ar",
        )
    assert message.to == [
        "الأمين العام <clerk@majlis.example.org>",
        '"Doe, Jane" <jane@parliament.example.org>',
    ]
    [received] = smtp.received
    assert [(address.display_name, address.addr_spec) for address in received.message["To"].addresses] == [
        ("الأمين العام", "clerk@majlis.example.org"),
        ("Doe, Jane", "jane@parliament.example.org"),
    ]


@pytest.mark.django_db
def test_invalid_addresses_are_refused_before_anything_is_written(smtp):
    with pytest.raises(ValidationError) as refused:
        queue(
            to=["focal.point@diet.example.org", "not an address"],
            cc=["two@example.org, three@example.org"],
            reply_to="reply@example.org\nBcc: everyone@example.org",
        )
    assert refused.value.message_dict == {
        "to": ["“not an address” is not a valid e-mail address."],
        "cc": ["“two@example.org, three@example.org” is not a valid e-mail address."],
        "reply_to": ["“reply@example.org\nBcc: everyone@example.org” is not a valid e-mail address."],
    }
    with pytest.raises(ValidationError) as refused:
        queue(
            to=[],
            subject="Two\nlines",
            dedupe_key="x" * 256,
            language="de",
            attachments=[
                ("a.txt", "text, not bytes", "text/plain"),
                ("a\r\nb.pdf", b"%PDF", "application/pdf"),
            ],
        )
    assert refused.value.message_dict == {
        "to": ["An e-mail needs at least one recipient."],
        "subject": ["The subject must be one line of text."],
        "language": ["“de” is not one of the languages plenary writes in."],
        "dedupe_key": ["The deduplication key must be text of at most 255 characters."],
        "attachments": [
            "Each attachment must be a file name, its content as bytes and a type such as application/pdf."
        ]
        * 2,
    }
    assert (OutboxMessage.objects.count(), AuditEntry.objects.filter(action="outbox.queued").count()) == (
        0,
        0,
    )


@pytest.mark.django_db
def test_a_temporary_error_is_retried_later_and_a_permanent_one_fails_with_the_servers_reply(
    smtp, django_capture_on_commit_callbacks
):
    smtp.reject("451 4.3.0 Mailbox temporarily unavailable")
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.RETRY, 1)
    assert message.last_error == "451 4.3.0 Mailbox temporarily unavailable"
    assert before + timedelta(minutes=1) <= message.next_attempt_at <= timezone.now() + timedelta(minutes=1)

    smtp.reject(None)
    smtp.reject("550 5.1.1 <focal.point@diet.example.org>: Recipient address rejected", stage="RCPT")
    deliver_due_now()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (Status.FAILED, 2, None)
    assert message.last_error == (
        "focal.point@diet.example.org: 550 5.1.1 <focal.point@diet.example.org>: Recipient address rejected"
    )
    assert smtp.received == []


@pytest.mark.django_db(transaction=True)
def test_a_long_arabic_subject_arrives_with_every_space(smtp, django_capture_on_commit_callbacks):
    subject = "المسار البرلماني لمنتدى حوكمة الإنترنت 2023 – رابط التسجيل الشخصي الخاص بك"
    with django_capture_on_commit_callbacks(execute=True):
        queue(subject=subject, language="ar")
    assert [str(mail.message["Subject"]) for mail in smtp.wait_for(1)] == [subject]


@pytest.mark.django_db(transaction=True)
def test_recipients_refused_while_others_accept_are_noted_and_not_sent_again(
    smtp, django_capture_on_commit_callbacks, caplog
):
    smtp.refuse_recipient("gone@diet.example.org", "550 5.1.1 No such user")
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(cc=["gone@diet.example.org"])
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    assert message.last_error == "refused: gone@diet.example.org: 550 5.1.1 No such user"
    assert [mail.rcpt_tos for mail in smtp.received] == [("focal.point@diet.example.org",)]
    assert f"outbox message {message.pk} sent, but the server refused gone@diet.example.org" in caplog.text
    deliver_due_now()
    assert len(smtp.received) == 1


@pytest.mark.django_db
def test_attachments_arrive_byte_identical_with_the_same_message_id_on_every_attempt(
    smtp, django_capture_on_commit_callbacks
):
    smtp.reject("421 4.7.0 Try again later")
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(
            attachments=[
                ("invitation.pdf", BINARY, "application/pdf"),
                ("delegations.csv", CSV_LATIN1, "text/csv"),
                ("الدعوة.txt", ARABIC_TEXT, "text/plain"),
            ]
        )
    smtp.reject(None)
    deliver_due_now()

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        Status.SENT,
        2,
        "421 4.7.0 Try again later",
    )
    [received] = smtp.received
    assert received.message_id == message.message_id
    attachments = [
        (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
        for part in received.message.iter_attachments()
    ]
    assert attachments == [
        ("invitation.pdf", "application/pdf", BINARY),
        ("delegations.csv", "text/csv", CSV_LATIN1),
        ("الدعوة.txt", "text/plain", ARABIC_TEXT),
    ]


@pytest.mark.django_db
@override_settings(OUTBOX_MAX_ATTEMPTS=2)
def test_a_refused_connection_is_retried_with_back_off_then_given_up(django_capture_on_commit_callbacks):
    with smtp_server() as server:
        closed = server.mailers()
    with override_settings(MAILERS=closed, TASKS=IMMEDIATE_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (Status.RETRY, 1)
        assert message.last_error == "[Errno 111] Connection refused"
        deliver_due_now()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        Status.FAILED,
        2,
        "[Errno 111] Connection refused",
    )


def test_the_back_off_doubles_up_to_six_hours():
    delays = [outbox.retry_delay(attempt) for attempt in range(1, 12)]
    assert [delay.total_seconds() / 60 for delay in delays] == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]


@pytest.mark.django_db
def test_a_message_left_sending_by_a_dead_worker_is_sent_again_with_its_message_id(smtp):
    message = queue()
    claimed_long_ago = timezone.now() - timedelta(minutes=11)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.SENDING, attempts=1, next_attempt_at=None, claimed_at=claimed_long_ago, claimed_by="w:1"
    )
    recent = queue(to="recent@example.org")
    OutboxMessage.objects.filter(pk=recent.pk).update(
        status=Status.SENDING, attempts=1, next_attempt_at=None, claimed_at=timezone.now(), claimed_by="w:2"
    )
    out = io.StringIO()
    call_command("outbox", "deliver", stdout=out)

    assert out.getvalue() == f"{outbox.worker_name()}: re-queued 1 stale, 1 delivery attempt(s)\n"
    assert [mail.message_id for mail in smtp.received] == [message.message_id]
    assert dict(OutboxMessage.objects.values_list("pk", "status")) == {
        message.pk: Status.SENT,
        recent.pk: Status.SENDING,
    }
    message.refresh_from_db()
    assert (message.attempts, message.last_error) == (
        2,
        "worker w:1 stopped while sending; sent again with the same Message-ID",
    )


@pytest.mark.django_db
def test_a_feature_lists_the_messages_about_its_object(smtp, igf_track):
    actor = make_user("secretariat@ipu.example.org")
    message = queue(related=igf_track, actor=actor)
    queue(to="unrelated@example.org")
    assert list(outbox.messages_for(igf_track)) == [message]
    assert OutboxMessage.objects.get(pk=message.pk).related == igf_track
    assert message.created_by == actor
    entry = AuditEntry.objects.get(action="outbox.queued", target_id=str(message.pk))
    assert (entry.actor, entry.changes) == (
        actor,
        {"to": ["focal.point@diet.example.org"], "cc": [], "subject": message.subject},
    )


@pytest.mark.django_db
def test_status_summarises_the_outbox(smtp):
    sent, failed, _waiting = queue(), queue(to="b@example.org"), queue(to="c@example.org")
    OutboxMessage.objects.filter(pk=sent.pk).update(
        status=Status.SENT, sent_at=timezone.now(), next_attempt_at=None
    )
    OutboxMessage.objects.filter(pk=failed.pk).update(
        status=Status.FAILED, next_attempt_at=None, last_error="550 5.1.1 No such user"
    )
    out = io.StringIO()
    call_command("outbox", "status", stdout=out, no_color=True)
    lines = out.getvalue().splitlines()
    assert lines[:6] == [
        "          queued: 1",
        "         sending: 0",
        " retry scheduled: 0",
        "            sent: 1",
        "          failed: 1",
        "         due now: 1",
    ]
    assert lines[7:] == [f"failed #{failed.pk} to b@example.org: 550 5.1.1 No such user"]


@pytest.mark.django_db
def test_the_admin_lists_the_outbox_and_retries_a_failed_message_now(
    client, smtp, django_capture_on_commit_callbacks
):
    staff = make_user("secretariat@ipu.example.org", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "unused"})
    client.force_login(staff)
    smtp.reject("554 5.7.1 Message refused")
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(attachments=[("programme.ics", b"BEGIN:VCALENDAR", "text/calendar")])
    message.refresh_from_db()
    assert message.status == Status.FAILED

    page = client.get("/en/admin/core/outboxmessage/?status__exact=failed")
    assert page.status_code == 200
    assert page.context["cl"].result_count == 1
    assert b"programme.ics" in page.content
    assert b"Add outbox message" not in page.content
    assert client.get("/en/admin/core/outboxmessage/?q=focal.point").context["cl"].result_count == 1
    assert client.get("/en/admin/core/outboxmessage/?q=nobody").context["cl"].result_count == 0
    assert client.get(f"/en/admin/core/outboxmessage/{message.pk}/change/").status_code == 200

    smtp.reject(None)
    with django_capture_on_commit_callbacks(execute=True):
        sent_already = queue(to="sent@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/admin/core/outboxmessage/",
            {"action": "retry_now", "_selected_action": [message.pk, sent_already.pk]},
            follow=True,
        )
    assert [str(m) for m in response.context["messages"]] == ["1 message queued for another attempt."]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert [mail.message_id for mail in smtp.received] == [sent_already.message_id, message.message_id]
    assert AuditEntry.objects.filter(action="outbox.retry_now", actor=staff).count() == 1


@pytest.mark.parametrize(
    ("language", "lang", "direction"), [("ar", "ar", "rtl"), ("zh-hans", "zh-Hans", "ltr")]
)
def test_the_html_base_template_follows_the_message_language(language, lang, direction):
    html = outbox.render_email_html("core/email/base.html", {"subject": "IGF 2023"}, language=language)
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert f'<div class="email" dir="{direction}" lang="{lang}">' in html


@pytest.mark.django_db
def test_a_worker_sends_messages_over_one_connection_and_opens_a_new_one_after_an_error(smtp, monkeypatch):
    connected = []
    connect = mail._SMTP.connect
    monkeypatch.setattr(
        mail._SMTP, "connect", lambda self, *a, **kw: connected.append(1) or connect(self, *a, **kw)
    )
    first, second = queue(to="one@example.org"), queue(to="two@example.org")
    outbox.deliver(first.pk)
    outbox.deliver(second.pk)
    assert (len(connected), len(smtp.received)) == (1, 2)

    smtp.reject("451 4.3.0 Try again later")
    refused = queue(to="three@example.org")
    assert outbox.deliver(refused.pk).status == Status.RETRY
    smtp.reject(None)
    outbox.deliver(queue(to="four@example.org").pk)
    assert (len(connected), len(smtp.received)) == (2, 3)


@pytest.mark.django_db
def test_the_delivery_task_sends_a_batch_in_as_many_statements_whatever_its_size(
    smtp, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plenary.core.tasks import deliver_outbox_message

    statements = []
    for size in (3, 6):
        messages = [queue(to=f"mp{size}.{number}@example.org") for number in range(size)]
        with CaptureQueriesContext(connection) as captured:
            assert deliver_outbox_message.call(messages[0].pk, messages[0].message_id) == Status.SENT
        statements.append(len(captured))
        assert [mail.message_id for mail in smtp.received[-size:]] == [m.message_id for m in messages]
        # The tasks of the batch's other messages know them sent: no query, nothing sent.
        with django_assert_num_queries(0):
            answers = [deliver_outbox_message.call(m.pk, m.message_id) for m in messages[1:]]
        assert answers == [None] * (size - 1)
        # A task enqueued without the Message-ID (before the worker remembered them) finds it taken.
        with django_assert_num_queries(1):
            assert deliver_outbox_message.call(messages[1].pk) is None
    assert statements[0] == statements[1]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    assert len(smtp.received) == 9


@pytest.mark.django_db
def test_the_task_of_a_message_a_batch_failed_to_send_attempts_it_again(smtp):
    from plenary.core.tasks import deliver_outbox_message

    first, busy, third = (queue(to=f"mp.{number}@example.org") for number in range(3))
    smtp.refuse_recipient("mp.1@example.org", "451 4.2.1 Mailbox busy")
    assert deliver_outbox_message.call(first.pk, first.message_id) == Status.SENT
    OutboxMessage.objects.filter(pk=busy.pk).update(next_attempt_at=timezone.now())

    assert deliver_outbox_message.call(third.pk, third.message_id) is None
    assert deliver_outbox_message.call(busy.pk, busy.message_id) == Status.RETRY
    busy.refresh_from_db()
    assert (busy.status, busy.attempts, busy.last_error) == (
        Status.RETRY,
        2,
        "mp.1@example.org: 451 4.2.1 Mailbox busy",
    )
    assert [mail.rcpt_tos for mail in smtp.received] == [("mp.0@example.org",), ("mp.2@example.org",)]
