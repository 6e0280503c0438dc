import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from plenary.conftest import (
    ARTIFACTS,
    empty_cache,
    english_by_default,
    igf_demo_committed,
    private_media_root,
)
from plenary.core import outbox
from plenary.core.models import OutboxMessage
from plenary.core.testing import smtp_server

__all__ = ["empty_cache", "english_by_default", "igf_demo_committed", "private_media_root"]

ROOT = Path(__file__).resolve().parents[2]
UNFINISHED = [OutboxMessage.Status.QUEUED, OutboxMessage.Status.SENDING]


@pytest.fixture
def demo(igf_demo_committed, settings, live_server):
    """The demo as `make demo` leaves it for these journeys: the track, its invited parliaments and
    their contacts, the invitation letter, the registration demo's limits (120 seats at the venue,
    3 MPs onsite per delegation), and the personal data kept (the track ended in 2023: under the
    default periods, `plenary work`'s retention job would erase the contacts these journeys write
    to). Links in e-mails point at the live server."""
    from plenary.invitations import demo as invitations_demo
    from plenary.privacy import demo as privacy_demo
    from plenary.registration.models import TrackCapacity

    settings.SITE_URL = live_server.url
    invitations_demo.load()
    privacy_demo.load()
    TrackCapacity.objects.update_or_create(
        track=igf_demo_committed,
        defaults={"onsite_seats": 120, "onsite_mps_per_delegation": 3, "onsite_others_per_delegation": 1},
    )
    return igf_demo_committed


@pytest.fixture
def screenshots():
    path = ARTIFACTS / "journeys"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Mailroom:
    """The SMTP server and whoever delivers the outbox to it (see the package's docstring)."""

    def __init__(self, server, worker):
        self.server = server
        self.worker = worker
        self.returned = set()
        self.direct = 0

    def sent_directly(self, to: str, timeout: float = 30):
        """The message allauth sent straight to the server while the user waits (a login code, its
        subject "plenary · …"), not through the outbox; call it inside `with mail.server.settings():`.
        The worker may deliver outbox messages meanwhile: those are left for `deliver`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index, received in enumerate(list(self.server.received)):
                direct = received.message["Subject"].startswith("plenary · ") and received.rcpt_tos == (to,)
                if direct and index not in self.returned:
                    self.returned.add(index)
                    self.direct += 1
                    return received
            time.sleep(0.01)
        raise AssertionError(f"no message sent straight to {to}")

    def deliver(self) -> list:
        """Every task and message queued so far, run and delivered; returns the messages not returned
        before."""
        if self.worker is None:
            with self.server.settings():
                self._run_the_tasks()
                outbox.deliver_due()
        else:
            self._wait_for_the_worker()
        failed = DBTaskResult.objects.failed()
        assert not failed.exists(), list(failed.values("task_path", "exception_class_path", "traceback"))
        unsent = OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT)
        assert not unsent.exists(), list(unsent.values("to", "status", "last_error"))
        received = self.server.wait_for(OutboxMessage.objects.count() + self.direct)
        new = [index for index in range(len(received)) if index not in self.returned]
        self.returned.update(new)
        return [received[index] for index in new]

    @staticmethod
    def _run_the_tasks() -> None:
        """What `plenary work` runs (e.g. sending the invitations chosen in the back office), here."""
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="journeys",
            excluded_queue_names=[],
        ).run()

    def _wait_for_the_worker(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while (
            DBTaskResult.objects.ready().exists()
            or DBTaskResult.objects.running().exists()
            or OutboxMessage.objects.filter(status__in=UNFINISHED).exists()
        ):
            if self.worker.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"`plenary work` stopped or stalled (exit code {self.worker.poll()})")
            time.sleep(0.1)


@pytest.fixture
def mail(demo, tmp_path):
    with smtp_server() as server:
        if connection.vendor != "postgresql":
            yield Mailroom(server, worker=None)
            return
        with (tmp_path / "worker.log").open("w") as log:
            worker = subprocess.Popen(
                [sys.executable, "-m", "plenary", "work", "--interval", "0.5"],
                cwd=ROOT,
                env=os.environ
                | {"DATABASE_URL": database_url(), "EMAIL_URL": server.url, "SITE_URL": settings.SITE_URL},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            yield Mailroom(server, worker)
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Walk:
    """A user's path: every action goes through here, so that it is counted and timed as the user
    takes it (clicks, including ticking boxes, choosing options and files; typed fields; pages opened
    by address). The seconds are the browser's: loading and answering each action, no reading time."""

    def __init__(self, page, name: str):
        self.page = page
        self.name = name
        self.clicks = self.fields = self.pages = 0
        self.seconds = 0.0

    def _timed(self, action, *arguments, **options):
        start = time.monotonic()
        result = action(*arguments, **options)
        self.page.wait_for_load_state()
        self.seconds += time.monotonic() - start
        return result

    def _locate(self, target):
        return self.page.locator(target) if isinstance(target, str) else target

    def goto(self, url: str):
        self.pages += 1
        return self._timed(self.page.goto, url)

    def click(self, target):
        self.clicks += 1
        return self._timed(self._locate(target).click)

    def check(self, target):
        self.clicks += 1
        return self._timed(self._locate(target).check)

    def choose(self, target, value):
        self.clicks += 1
        return self._timed(self._locate(target).select_option, value)

    def upload(self, target, path):
        self.clicks += 1
        return self._timed(self._locate(target).set_input_files, str(path))

    def download(self, target) -> bytes:
        """The file a link opens (Chromium would show a PDF in its viewer), fetched with the
        browser's cookies."""
        self.clicks += 1
        href = self._locate(target).get_attribute("href")
        response = self._timed(self.page.request.get, urljoin(self.page.url, href))
        assert response.status == 200, (href, response.status)
        return response.body()

    def submit_for_file(self, form) -> bytes:
        """The file a GET form's button opens, fetched with the browser's cookies."""
        self.clicks += 1
        url = self._locate(form).evaluate(
            "form => form.action + '?' + new URLSearchParams(new FormData(form))"
        )
        response = self._timed(self.page.request.get, url)
        assert response.status == 200, (url, response.status)
        return response.body()

    def fill(self, target, value: str):
        self.fields += 1
        return self._timed(self._locate(target).fill, value)

    def summary(self) -> str:
        return (
            f"journey {self.name}: {self.clicks} clicks, {self.fields} fields typed, "
            f"{self.pages} pages opened by address, {self.seconds:.1f} s"
        )


@pytest.fixture
def walks():
    """walks(page, name) starts a counted walk; each is printed at the end (pytest -s shows it)."""
    started = []

    def start(page, name):
        started.append(Walk(page, name))
        return started[-1]

    yield start
    for walk in started:
        print("\n" + walk.summary())
