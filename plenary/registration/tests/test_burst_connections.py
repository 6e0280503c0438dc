"""A burst of registrations through gunicorn while `plenary work` sends their e-mails, on PostgreSQL:
the database never holds more connections than the README says N web and M worker processes need
(N + 2M), with persistent connections as in production."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from plenary.core.models import OutboxMessage
from plenary.core.testing import smtp_server
from plenary.registration import links
from plenary.registration.models import Registration, TrackCapacity
from plenary.registration.tests import factories

ROOT = Path(__file__).resolve().parents[3]
WEB_PROCESSES = 2
WORKER_PROCESSES = 1
CONNECTIONS_PER_WORKER_PROCESS = 2  # README: its task worker's thread and its scheduler's
CLIENTS = 8
SEATS = 30
CSRF = "b" * 32

pytestmark = pytest.mark.postgres


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(server, var_dir: Path) -> dict:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return os.environ | {
        "DATABASE_URL": f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DATABASE_CONN_MAX_AGE": "600",
        "SECRET_KEY": settings.SECRET_KEY,  # the personal links are signed with it
        "EMAIL_URL": server.url,
        "PLENARY_VAR_DIR": str(var_dir),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "WARNING",
    }


def other_connections() -> int:
    """Connections to the test database, but this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def unsent() -> int:
    return OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).count()


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(log.read_text())


def post_all(port: int, requests: list[tuple[str, str]]) -> list[int]:
    """POST every (path, body) over CLIENTS keep-alive connections at once; the statuses."""
    statuses, lock, pending = [], threading.Lock(), iter(requests)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={CSRF}",
        "Host": "127.0.0.1",
    }

    def client():
        http = HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                item = next(pending, None)
            if item is None:
                break
            http.request("POST", item[0], body=item[1], headers=headers)
            response = http.getresponse()
            response.read()
            with lock:
                statuses.append(response.status)
        http.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def latin_letters(number: int) -> str:
    """A passport name part (Latin letters only) for `number`: 0 → "Aa", 12 → "Bc"."""
    return "".join(chr(ord("a") + int(digit)) for digit in f"{number:02d}").title()


def registration(member) -> tuple[str, str]:
    track = member.delegation.track
    path = reverse("registration:register", kwargs={"track": track.slug, "token": links.member_token(member)})
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "language": "en",
            "given_name": member.person.given_name,
            "family_name": member.person.family_name,
            "gender": "undisclosed",
            "email": member.person.email,
            "nationality": member.delegation.parliament.country_id,
            "mode": "onsite",
            "days": str(track.start_date),
            "consent": "on",
        }
    )
    return path, body


def test_a_burst_of_registrations_stays_within_the_connections_the_readme_states(
    igf_demo_committed, tmp_path
):
    TrackCapacity.objects.update_or_create(track=igf_demo_committed, defaults={"onsite_seats": SEATS})
    members = [
        factories.member(igf_demo_committed, parliament, family=f"Burst {latin_letters(index)}")
        for index, parliament in enumerate(factories.parliaments(20) * 3)
    ]
    requests = [registration(member) for member in members]
    port = free_port()
    with smtp_server() as server:
        env = environment(server, tmp_path / "var")
        web_log, work_log = tmp_path / "gunicorn.log", tmp_path / "work.log"
        with web_log.open("w") as log:
            web = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(WEB_PROCESSES),
                    "plenary.wsgi:application",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        with work_log.open("w") as log:
            work = subprocess.Popen(
                [sys.executable, "-m", "plenary", "work", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for_port(port, web, web_log)
            statuses, most = [], 0
            burst = threading.Thread(target=lambda: statuses.extend(post_all(port, requests)))
            burst.start()
            deadline = time.monotonic() + 120
            while burst.is_alive() or (unsent() and time.monotonic() < deadline):
                most = max(most, other_connections())
                time.sleep(0.02)
        finally:
            web.send_signal(signal.SIGTERM)
            work.send_signal(signal.SIGTERM)
            web.wait(timeout=60)
            work.wait(timeout=60)

    assert statuses == [302] * len(members)
    stored = Registration.objects.filter(track=igf_demo_committed)
    assert sorted(stored.values_list("member_id", flat=True)) == sorted(member.pk for member in members)
    assert sorted(stored.values_list("queue_number", flat=True)) == list(range(1, len(members) + 1))
    assert stored.filter(status="confirmed", mode="onsite").count() == SEATS
    assert unsent() == 0
    assert len(server.received) == OutboxMessage.objects.count()
    assert 0 < most <= WEB_PROCESSES + CONNECTIONS_PER_WORKER_PROCESS * WORKER_PROCESSES, work_log.read_text()
