"""Real `plenary work` processes and parallel workers on PostgreSQL: nothing lost, nothing twice."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from plenary.core.testing import run_at_once
from plenary.events.models import Track
from plenary.webhooks import services
from plenary.webhooks.models import Delivery, Endpoint, Event

ROOT = Path(__file__).resolve().parents[3]
Status = Delivery.Status

pytestmark = pytest.mark.postgres


def worker_environment() -> dict:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return os.environ | {
        "DATABASE_URL": f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "1",
        "LOG_LEVEL": "WARNING",
    }


def wait_for(condition, what: str) -> None:
    for _ in range(600):
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def emit_many(endpoint, count: int) -> list[str]:
    for number in range(count):
        services.emit(endpoint.track, Event.REGISTRATION_CONFIRMED, {"registration": number})
    return [str(value) for value in Delivery.objects.order_by("pk").values_list("delivery_id", flat=True)]


def test_a_worker_killed_mid_batch_loses_nothing(igf_demo_committed, secretariat, receiver, tmp_path):
    endpoint = services.create_endpoint(
        track=Track.objects.get(slug="igf2023-pt"),
        name="Badges",
        url=receiver.url,
        events=Event.values,
        actor=secretariat,
    )
    receiver.set_secret(endpoint.secret)
    emit_many(endpoint, 2)
    receiver.start("ok")
    with (tmp_path / "work.log").open("w") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "plenary", "work", "--interval", "0.2"],
            cwd=ROOT,
            env=worker_environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: len(receiver.processed()) == 2, "two deliveries")
        receiver.start("hang")
        # Emitted only once the receiver hangs, so the worker is certainly waiting on the third.
        emitted = emit_many(endpoint, 3)
        wait_for(lambda: len(receiver.entries()) > len(receiver.processed()), "a delivery in flight")
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    in_flight = Delivery.objects.get(status=Status.SENDING)
    assert str(in_flight.delivery_id) == emitted[len(receiver.processed())]
    receiver.start("ok")
    Delivery.objects.filter(pk=in_flight.pk).update(claimed_at=in_flight.claimed_at - services.lease())
    services.deliver_due(worker="restarted:1")
    assert receiver.processed() == emitted
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.DELIVERED}


def test_parallel_workers_deliver_each_event_once_in_order_per_endpoint(
    igf_demo_committed, secretariat, receiver
):
    endpoints = [
        services.create_endpoint(
            track=Track.objects.get(slug="igf2023-pt"),
            name=f"Desk {n}",
            url=f"{receiver.url}/{n}",
            events=Event.values,
            actor=secretariat,
        )
        for n in range(2)
    ]
    Endpoint.objects.update(secret=endpoints[0].secret)
    receiver.set_secret(endpoints[0].secret)
    receiver.start("ok")
    emitted = emit_many(endpoints[0], 6)
    per_endpoint = {
        endpoint.pk: [
            str(value)
            for value in Delivery.objects.filter(endpoint=endpoint)
            .order_by("pk")
            .values_list("delivery_id", flat=True)
        ]
        for endpoint in endpoints
    }
    attempts = run_at_once([lambda n=n: services.deliver_due(worker=f"worker:{n}") for n in range(4)])
    assert sum(attempts) == len(emitted) == 12
    assert Counter(receiver.processed()) == Counter(emitted)
    assert len(receiver.entries()) == 12
    for order in per_endpoint.values():
        assert [delivery_id for delivery_id in receiver.processed() if delivery_id in order] == order
