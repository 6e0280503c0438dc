import json
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.utils import timezone
from django.utils.translation import override

from plenary.webhooks import services
from plenary.webhooks.models import Event

RECEIVER = Path(__file__).with_name("receiver.py")


@pytest.fixture(autouse=True)
def english():
    with override("en"):
        yield


@pytest.fixture(autouse=True)
def private_addresses(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Receiver:
    """A receiver process on a fixed port, stopped and started again in another mode."""

    def __init__(self, tmp_path: Path, secret_of):
        self.port = free_port()
        self.log = tmp_path / f"receiver-{self.port}.log"
        self.secret_of = secret_of
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self, mode: str) -> None:
        self.stop()
        self.process = subprocess.Popen(
            [sys.executable, str(RECEIVER), str(self.port), mode, str(self.log), self.secret_of()]
        )
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the receiver did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.wait()
        self.process = None

    def entries(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def processed(self) -> list[str]:
        return [entry["id"] for entry in self.entries() if entry["processed"]]


@pytest.fixture
def receiver(tmp_path):
    secret = {}
    made = Receiver(tmp_path, lambda: secret["value"])
    made.set_secret = lambda value: secret.__setitem__("value", value)
    yield made
    made.stop()


class Clock:
    """timezone.now, frozen and moved by hand."""

    def __init__(self):
        self.now = timezone.now()

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    frozen = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: frozen.now):
        yield frozen


@pytest.fixture
def endpoint(igf_track, secretariat, receiver):
    made = services.create_endpoint(
        track=igf_track, name="Badge printer", url=receiver.url, events=Event.values, actor=secretariat
    )
    receiver.set_secret(made.secret)
    return made
