"""Real worker processes against the test database: killed mid-batch, restarted, run side by side."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import override_settings

from plenary.core import outbox
from plenary.core.models import OutboxMessage
from plenary.core.testing import smtp_server

DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
ROOT = Path(__file__).resolve().parents[3]
Status = OutboxMessage.Status

pytestmark = pytest.mark.postgres


def worker_environment(server) -> dict:
    """The worker subprocess uses this test database and this SMTP server."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return os.environ | {
        "DATABASE_URL": f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_URL": server.url,
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def start(tmp_path):
    """start(server, name, *arguments): a `plenary` subprocess, killed at the end if still running."""
    started = []

    def start_process(server, name, *arguments):
        with (tmp_path / f"{name}.log").open("w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "plenary", *arguments],
                cwd=ROOT,
                env=worker_environment(server),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        return process

    yield start_process
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def finish(process, tmp_path, name):
    assert process.wait(timeout=120) == 0, (tmp_path / f"{name}.log").read_text()


def queue_many(count):
    with override_settings(TASKS=DUMMY_TASKS), transaction.atomic():
        return [
            outbox.queue_email(
                to=f"delegate{number}@parliament{number}.example.org",
                subject=f"Registration confirmed ({number})",
                body="Your registration for the IGF 2023 Parliamentary Track is confirmed.",
            )
            for number in range(count)
        ]


def deliveries(server) -> Counter:
    """How many times each (Message-ID, recipient) reached the server."""
    return Counter((mail.message_id, rcpt) for mail in server.received for rcpt in mail.rcpt_tos)


def expected(messages) -> dict:
    return {(message.message_id, message.to[0]): 1 for message in messages}


def test_a_worker_killed_mid_batch_and_restarted_delivers_every_message(transactional_db, tmp_path, start):
    messages = queue_many(60)
    with smtp_server() as server:
        # The 25th message reaches the server, which then stalls before answering: the worker is
        # killed inside the crash window of its second batch (messages 21 to 40), after the server
        # has messages 21 to 25 and before the batch's outcomes are committed.
        server.hold_at(25)
        worker = start(server, "first", "outbox", "deliver")
        assert server.holding.wait(timeout=60), (tmp_path / "first.log").read_text()
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
        server.release()

        in_flight = server.received[20:25]
        assert Counter(OutboxMessage.objects.values_list("status", flat=True)) == {
            Status.SENT: 20,
            Status.SENDING: 20,
            Status.QUEUED: 20,
        }
        sending = OutboxMessage.objects.filter(status=Status.SENDING)
        assert set(sending.values_list("message_id", flat=True)) == {
            message.message_id for message in messages[20:40]
        }

        restarted = start(server, "restarted", "outbox", "deliver", "--stale-after", "0")
        finish(restarted, tmp_path, "restarted")

    assert Counter(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT: 60}
    received = deliveries(server)
    # None dropped, none unknown; each message sent once, except those of the batch in the crash
    # window that the server already had, sent again with their Message-ID, so that the receiver
    # recognises the copies.
    assert set(received) == set(expected(messages))
    assert {pair: count for pair, count in received.items() if count > 1} == {
        (mail.message_id, mail.rcpt_tos[0]): 2 for mail in in_flight
    }
    attempts = dict(OutboxMessage.objects.values_list("message_id", "attempts"))
    assert [attempts[message.message_id] for message in messages] == [1] * 20 + [2] * 20 + [1] * 20


def test_two_workers_at_once_never_send_the_same_message_twice(transactional_db, tmp_path, start):
    messages = queue_many(60)
    with smtp_server() as server:
        # The server stalls on the first message until the other worker has sent one too: both
        # workers are then surely running at once, whatever the machine's load.
        server.hold_at(1)
        server.delay = 0.02
        workers = [start(server, name, "outbox", "deliver") for name in ("one", "two")]
        server.wait_for(2, timeout=120)
        server.release()
        for worker, name in zip(workers, ("one", "two"), strict=True):
            finish(worker, tmp_path, name)

    assert deliveries(server) == expected(messages)
    assert Counter(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT: 60}
    assert OutboxMessage.objects.values("claimed_by").distinct().count() == 2


def test_threads_claiming_at_once_send_each_message_once(transactional_db):
    messages = queue_many(40)
    start_together = threading.Barrier(4)
    attempts = []

    def work(name):
        try:
            start_together.wait()
            attempts.append(outbox.deliver_due(worker=name))
        finally:
            connection.close()

    with smtp_server() as server, server.settings():
        threads = [threading.Thread(target=work, args=(f"thread-{n}",)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert sum(attempts) == 40
    assert deliveries(server) == expected(messages)
    assert Counter(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT: 40}


def test_queueing_the_same_dedupe_key_at_once_stores_one_message_for_both(transactional_db):
    first_stored = threading.Event()
    results = {}

    def second_is_waiting_on_a_lock():
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted)")
            return cursor.fetchone()[0]

    def queue(name):
        try:
            with override_settings(TASKS=DUMMY_TASKS), transaction.atomic():
                if name == "second":
                    first_stored.wait(timeout=30)
                results[name] = outbox.queue_email(
                    to="focal.point@diet.example.org",
                    subject=f"Invitation ({name})",
                    body="Invitation",
                    dedupe_key="invitation:igf2023-pt:JPN:v1",
                )
                if name == "first":
                    first_stored.set()
                    # Commit only once the second transaction's insert waits on our uncommitted key.
                    deadline = time.monotonic() + 30
                    while not second_is_waiting_on_a_lock() and time.monotonic() < deadline:
                        time.sleep(0.01)
        finally:
            connection.close()

    threads = [threading.Thread(target=queue, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    stored = OutboxMessage.objects.get(dedupe_key="invitation:igf2023-pt:JPN:v1")
    assert (results["first"].pk, results["second"].pk) == (stored.pk, stored.pk)
    assert stored.subject == "Invitation (first)"


def test_db_worker_delivers_what_queue_email_enqueued_in_the_callers_transaction(
    transactional_db, tmp_path, start
):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        with pytest.raises(ValueError), transaction.atomic():
            outbox.queue_email(to="mp@example.org", subject="Programme", body="See the programme.")
            raise ValueError
        assert (OutboxMessage.objects.count(), DBTaskResult.objects.count()) == (0, 0)
        with transaction.atomic():
            messages = [
                outbox.queue_email(to=f"mp{n}@example.org", subject="Programme", body="See the programme.")
                for n in range(3)
            ]
            assert DBTaskResult.objects.count() == 3
            assert transaction.get_connection().run_on_commit == []
        assert DBTaskResult.objects.count() == 3
    with smtp_server() as server:
        worker = start(server, "db_worker", "db_worker", "--batch", "--no-startup-delay")
        finish(worker, tmp_path, "db_worker")

    assert deliveries(server) == expected(messages)
    assert Counter(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT: 3}


def test_the_watching_sweeper_sends_new_and_due_messages_and_stops_cleanly_on_sigterm(
    transactional_db, tmp_path, start
):
    with smtp_server() as server:
        watcher = start(server, "watch", "outbox", "deliver", "--watch", "--interval", "0.2")
        first = queue_many(1)
        server.wait_for(1)
        later = queue_many(2)
        server.wait_for(3)
        watcher.send_signal(signal.SIGTERM)
        finish(watcher, tmp_path, "watch")

    assert deliveries(server) == expected(first + later)


def wait_until_all_sent(count, timeout=120):
    deadline = time.monotonic() + timeout
    while OutboxMessage.objects.filter(status=Status.SENT).count() < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_plenary_work_killed_mid_batch_and_started_again_delivers_every_message(
    transactional_db, tmp_path, start
):
    """The documented command alone (task worker and sweeper) recovers from a SIGKILL mid-batch."""
    with transaction.atomic():  # with the database task backend: one delivery task per message
        messages = [
            outbox.queue_email(
                to=f"mp{number}@parliament.example.org", subject=f"Badge ({number})", body="Badge"
            )
            for number in range(60)
        ]
    with smtp_server() as server:
        server.hold_at(25)
        first = start(server, "first", "work", "--interval", "0.2")
        assert server.holding.wait(timeout=60), (tmp_path / "first.log").read_text()
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=30) == -signal.SIGKILL
        server.release()

        # The held message, and any other the killed process was sending, are `sending` for ever
        # unless the sweeper re-queues them; those the server already had are in the crash window.
        sending = set(
            OutboxMessage.objects.filter(status=Status.SENDING).values_list("message_id", flat=True)
        )
        in_crash_window = {pair for pair in deliveries(server) if pair[0] in sending}
        assert server.received[24].message_id in sending

        again = start(server, "again", "work", "--interval", "0.2", "--stale-after", "1")
        server.wait_for(60 + len(in_crash_window), timeout=120)
        wait_until_all_sent(60)
        again.send_signal(signal.SIGTERM)
        finish(again, tmp_path, "again")

    assert Counter(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT: 60}
    received = deliveries(server)
    # Every message arrived; each once, except those in the crash window: twice, with their Message-ID.
    assert set(received) == set(expected(messages))
    assert {pair: count for pair, count in received.items() if count > 1} == dict.fromkeys(in_crash_window, 2)
