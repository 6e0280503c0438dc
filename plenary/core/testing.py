"""Helpers shared by the apps' tests: users with roles, the browser, a real SMTP server, the text of a
PDF, and calls run at the same moment on parallel database connections."""

import asyncio
import email
import email.policy
import logging
import os
import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections
from django.test import Client, RequestFactory, override_settings

from plenary.core.models import Role, RoleAssignment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def make_user(email: str, role: Role | None = None, parliament=None, **fields):
    user = get_user_model().objects.create_user(username=email, email=email, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if role:
        RoleAssignment.objects.create(user=user, role=role, parliament=parliament)
    return user


ROLES_ASKED = ("secretariat", "focal point", "other focal point", "delegate", "visitor")


def one_user_per_role(parliament, other_parliament, delegate=None) -> dict:
    """The five people the apps' rules are tested for: the secretariat, the focal point of
    `parliament`, the focal point of `other_parliament`, a delegate of `parliament` (or `delegate`,
    a user already made) and a visitor who is not logged in."""
    return {
        "secretariat": make_user("rules-secretariat@ipu.example.org", Role.SECRETARIAT),
        "focal point": make_user("rules-focal@example.org", Role.FOCAL_POINT, parliament),
        "other focal point": make_user("rules-other-focal@example.org", Role.FOCAL_POINT, other_parliament),
        "delegate": delegate or make_user("rules-delegate@example.org", Role.DELEGATE, parliament),
        "visitor": AnonymousUser(),
    }


class SecondFactorClient(Client):
    """The tests' client: `force_login` stands for a whole login, authenticator code included, as
    the secretariat gives it. A test of what happens without the code uses Django's own Client."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        request = RequestFactory().get("/")
        request.session = self.session
        record_authentication(request, user, "mfa", type="totp")
        request.session.save()


@contextmanager
def chromium_page(**context_options):
    """A Playwright page in Debian's Chromium. Missing Chromium is an error, never a skip."""
    if not shutil.which(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium).")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the live
    # server thread are unaffected, but the test's own ORM calls need this flag.
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                options = {"viewport": {"width": 1200, "height": 900}} | context_options
                yield browser.new_context(**options).new_page()
            finally:
                browser.close()
                # While the loop runs, Django keeps the test's database connections apart from
                # the thread's usual ones; closed here, or PostgreSQL refuses to drop the test database.
                connections.close_all()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def log_in_page(page, live_server_url: str, user) -> None:
    """Give the browser `user`'s session, as if they had logged in; whoever was logged in before is not."""
    from django.conf import settings

    client = SecondFactorClient()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server_url,
            }
        ]
    )


def pdf_text(pdf: bytes | Path, *options: str) -> str:
    """The text poppler's pdftotext reads in `pdf` (its bytes or its file); `options` such as "-layout"."""
    content = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return subprocess.run(
        ["pdftotext", *options, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@dataclass
class PdfTags:
    """What a PDF tells assistive technology: whether it is tagged, its language and title, and the
    structure elements that carry a language or alternative text, in reading order."""

    tagged: bool
    marked: bool
    language: str
    title: str
    languages: list[tuple[str, str]]
    alternative_texts: list[str]


def pdf_tags(pdf: bytes) -> PdfTags:
    import io

    import pikepdf

    with pikepdf.Pdf.open(io.BytesIO(pdf)) as document:
        root = document.Root
        languages, alternative_texts = [], []
        if "/StructTreeRoot" in root:
            _walk_structure(root.StructTreeRoot.K, languages, alternative_texts)
        return PdfTags(
            tagged="/StructTreeRoot" in root,
            marked=bool(root.get("/MarkInfo", {}).get("/Marked", False)),
            language=str(root.get("/Lang", "")),
            title=str(document.docinfo.get("/Title", "")),
            languages=languages,
            alternative_texts=alternative_texts,
        )


def _walk_structure(kids, languages: list, alternative_texts: list) -> None:
    import pikepdf

    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
            continue
        if "/Lang" in kid:
            languages.append((str(kid.S)[1:], str(kid.Lang)))
        if "/Alt" in kid:
            alternative_texts.append(str(kid.Alt))
        if "/K" in kid:
            _walk_structure(kid.K, languages, alternative_texts)


# The server's max_connections (100) is shared with other databases: at most this many of the
# threads hold a connection at the same moment; every call still has a connection of its own.
MAX_OPEN_CONNECTIONS = 40


def run_at_once(calls, expected: tuple[type[Exception], ...] = ()) -> list:
    """Run each call in its own thread and database connection, all released together. Returns, in the
    order of `calls`, what each returned or the `expected` exception it raised; any other exception
    fails the test."""
    start = threading.Barrier(len(calls))
    gate = threading.BoundedSemaphore(MAX_OPEN_CONNECTIONS)
    outcomes = [None] * len(calls)

    def worker(index, call):
        start.wait()
        with gate:
            try:
                outcomes[index] = call()
            except Exception as error:  # told apart below, in the test's thread
                outcomes[index] = error
            finally:
                connection.close()

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    unexpected = [
        outcome
        for outcome in outcomes
        if isinstance(outcome, Exception) and not isinstance(outcome, expected)
    ]
    assert unexpected == []
    return outcomes


@dataclass(frozen=True)
class ReceivedMail:
    """One message as the SMTP server received it."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    message: email.message.EmailMessage

    @property
    def message_id(self) -> str:
        return self.message["Message-ID"]


class SMTPRecorder:
    """An aiosmtpd handler that records every message it accepts, and refuses or stalls on demand.

    `reject("451 4.3.0 Try again later")` answers every following DATA command with that reply
    (`stage="RCPT"` refuses each recipient instead) until `reject(None)`; `refuse_recipient(address,
    reply)` refuses that one address and accepts the others. `hold_at(n)` records the
    n-th accepted message and then stalls before answering until `release()`: the window in which
    the server has the message but the client has not yet heard so. `delay` (seconds) slows down
    every accepted message.
    """

    def __init__(self, port: int):
        self.port = port
        self.received: list[ReceivedMail] = []
        self.delay = 0.0
        self._rejections = {"RCPT": None, "DATA": None}
        self._refused_recipients = {}
        self._hold_at = None
        self.holding = threading.Event()
        self._released = threading.Event()
        self._lock = threading.Lock()

    def reject(self, reply: str | None, *, stage: str = "DATA") -> None:
        self._rejections[stage] = reply

    def refuse_recipient(self, address: str, reply: str) -> None:
        self._refused_recipients[address] = reply

    def hold_at(self, count: int) -> None:
        self._hold_at = count

    def release(self) -> None:
        self._released.set()

    def mailers(self) -> dict:
        """A MAILERS setting that sends through this server."""
        return {
            "default": {
                "BACKEND": "plenary.core.mail.SMTPBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 10},
            }
        }

    def settings(self):
        """`with server.settings():` or as a decorator: Django sends through this server."""
        return override_settings(MAILERS=self.mailers())

    @property
    def url(self) -> str:
        """For EMAIL_URL in a subprocess' environment."""
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self._rejections["RCPT"]:
            return self._rejections["RCPT"]
        if address in self._refused_recipients:
            return self._refused_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self._rejections["DATA"]:
            return self._rejections["DATA"]
        raw = envelope.original_content
        received = ReceivedMail(
            mail_from=envelope.mail_from,
            rcpt_tos=tuple(envelope.rcpt_tos),
            raw=raw,
            message=email.message_from_bytes(raw, policy=email.policy.default),
        )
        with self._lock:
            self.received.append(received)
            count = len(self.received)
        if count == self._hold_at:
            self.holding.set()
            while not self._released.is_set():
                await asyncio.sleep(0.01)
        elif self.delay:
            await asyncio.sleep(self.delay)
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 30) -> list[ReceivedMail]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return self.received
            time.sleep(0.01)
        raise AssertionError(f"the SMTP server received {len(self.received)} message(s), not {count}")


@contextmanager
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free localhost port, recording what it receives."""
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = SMTPRecorder(port)
    controller = Controller(recorder, hostname="127.0.0.1", port=port, enable_SMTPUTF8=True)
    controller.start()
    try:
        yield recorder
    finally:
        recorder.release()
        controller.stop()
