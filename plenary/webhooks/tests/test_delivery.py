"""Delivery to a real HTTP receiver: signed, in order, retried, paused, given up, sent again."""

import json
import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from plenary.core.models import OutboxMessage
from plenary.webhooks import services
from plenary.webhooks.models import Delivery, Endpoint, Event
from plenary.webhooks.tests.conftest import free_port
from plenary.webhooks.tests.receiver import DOCS, documented_verify

Status = Delivery.Status


def emit_three(track) -> list[Delivery]:
    for number in (1, 2, 3):
        services.emit(track, Event.REGISTRATION_CONFIRMED, {"registration": number, "status": "confirmed"})
    return list(Delivery.objects.order_by("pk"))


def make_due() -> None:
    """The back-off has elapsed (the receiver checks timestamps against its real clock)."""
    Delivery.objects.filter(status=Status.PENDING).update(next_attempt_at=timezone.now())


def ids(deliveries) -> list[str]:
    return [str(delivery.delivery_id) for delivery in deliveries]


def test_down_then_500_then_killed_mid_delivery_then_every_event_once_in_order(endpoint, receiver):
    emitted = emit_three(endpoint.track)

    assert services.deliver_due() == 1
    first = Delivery.objects.get(pk=emitted[0].pk)
    assert (first.status, first.attempts, first.response_status) == (Status.PENDING, 1, None)
    assert "ConnectionRefusedError" in first.last_error
    assert list(Delivery.objects.order_by("pk").values_list("attempts", flat=True)) == [1, 0, 0]

    receiver.start("500")
    make_due()
    assert services.deliver_due() == 1
    first.refresh_from_db()
    assert (first.status, first.attempts, first.response_status, first.response_excerpt) == (
        Status.PENDING,
        2,
        500,
        "try later",
    )

    receiver.start("die")
    make_due()
    assert services.deliver_due() == 1
    first.refresh_from_db()
    assert (first.status, first.attempts) == (Status.PENDING, 3)
    assert "RemoteDisconnected" in first.last_error

    receiver.start("ok")
    make_due()
    assert services.deliver_due() == 3
    assert receiver.processed() == ids(emitted)
    assert [entry["id"] for entry in receiver.entries()] == [*ids(emitted[:1]) * 3, *ids(emitted[1:])]
    assert {entry["valid"] for entry in receiver.entries()} == {True}
    assert list(Delivery.objects.order_by("pk").values_list("status", "response_excerpt")) == [
        (Status.DELIVERED, "duplicate"),
        (Status.DELIVERED, "stored"),
        (Status.DELIVERED, "stored"),
    ]
    assert Endpoint.objects.get(pk=endpoint.pk).failing_since is None


def test_the_documented_python_example_verifies_a_real_delivery(endpoint, receiver):
    receiver.start("ok")
    services.emit(endpoint.track, Event.GRANT_PAID, {"application": 7, "payment": 1200})
    delivery = Delivery.objects.get()
    headers = services.signed_headers(delivery, endpoint.secret)
    body = delivery.body.encode()
    verify = documented_verify()

    assert verify(endpoint.secret, headers, body) is True
    assert verify(endpoint.secret, headers, body.replace(b"1200", b"9200")) is False
    assert verify("whsec_another", headers, body) is False
    stale = int(headers["Plenary-Webhook-Timestamp"]) + 301
    assert verify(endpoint.secret, headers, body, now=stale) is False
    assert services.deliver_due() == 1
    assert [(entry["event"], entry["valid"]) for entry in receiver.entries()] == [("grant.paid", True)]
    assert json.loads(delivery.body) == {
        "id": str(delivery.delivery_id),
        "event": "grant.paid",
        "created_at": json.loads(delivery.body)["created_at"],
        "track": "igf2023-pt",
        "data": {"application": 7, "payment": 1200},
    }


def test_the_documented_shell_example_verifies_a_delivery(endpoint, tmp_path):
    services.emit(endpoint.track, Event.GRANT_PAID, {"application": 7})
    delivery = Delivery.objects.get()
    headers = services.signed_headers(delivery, endpoint.secret)
    (tmp_path / "body.json").write_bytes(delivery.body.encode())
    script = DOCS.read_text().split("```sh\n", 1)[1].split("```", 1)[0]
    script = (
        script.replace("SECRET='whsec_…'", f"SECRET='{endpoint.secret}'")
        .replace("TIMESTAMP='1697090400'", f"TIMESTAMP='{headers['Plenary-Webhook-Timestamp']}'")
        .replace("SIGNATURE='v1=5d1f…'", f"SIGNATURE='{headers['Plenary-Webhook-Signature']}'")
    )

    def run(body_dir):
        return subprocess.run(["bash", "-c", script], cwd=body_dir, capture_output=True, text=True).stdout

    assert run(tmp_path) == "valid\n"
    (tmp_path / "body.json").write_bytes(delivery.body.encode().replace(b"7", b"8"))
    assert run(tmp_path) == "INVALID\n"


def test_the_next_delivery_waits_for_the_previous_one(endpoint):
    emit_three(endpoint.track)
    assert services.deliver_due() == 1
    assert services.deliver_due() == 0
    assert list(Delivery.objects.order_by("pk").values_list("status", "attempts")) == [
        (Status.PENDING, 1),
        (Status.PENDING, 0),
        (Status.PENDING, 0),
    ]


def test_back_off_doubles_up_to_six_hours():
    assert [services.retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 10, 11, 40)] == [
        30,
        60,
        120,
        240,
        15360,
        21600,
        21600,
    ]


def test_an_endpoint_failing_for_a_day_is_paused_and_the_contact_told_once(endpoint, clock, igf_track):
    igf_track.contact_email = "celine.bal@un.example.org"
    igf_track.save()
    emit_three(igf_track)
    started = clock.now
    services.deliver_due()
    for _ in range(40):
        clock.advance(hours=1)
        services.deliver_due()
    endpoint.refresh_from_db()
    assert endpoint.status == Endpoint.Status.PAUSED
    assert endpoint.failing_since == started
    assert timedelta(days=1) <= endpoint.paused_at - started <= timedelta(days=1, hours=6)
    told = OutboxMessage.objects.filter(subject="Webhook endpoint paused: Badge printer")
    assert list(told.values_list("to", "reply_to")) == [
        (["celine.bal@un.example.org"], ['"Ms. Celine Bal" <celine.bal@un.example.org>'])
    ]
    attempts = Delivery.objects.order_by("pk").values_list("attempts", flat=True)
    clock.advance(days=1)
    assert services.deliver_due() == 0
    assert list(attempts) == list(Delivery.objects.order_by("pk").values_list("attempts", flat=True))
    assert mail.outbox == []


def test_paused_endpoints_keep_their_events_and_resume_in_order(endpoint, receiver, secretariat):
    services.pause(endpoint=endpoint, actor=secretariat)
    emitted = emit_three(endpoint.track)
    receiver.start("ok")
    assert services.deliver_due() == 0
    services.resume(endpoint=endpoint, actor=secretariat)
    assert services.deliver_due() == 3
    assert receiver.processed() == ids(emitted)


def test_a_delivery_is_given_up_after_three_days_and_the_next_goes(endpoint, clock, secretariat):
    emitted = emit_three(endpoint.track)
    Endpoint.objects.filter(pk=endpoint.pk).update(url=f"http://127.0.0.1:{free_port()}/gone")
    services.deliver_due()
    clock.advance(days=3)
    services.resume(endpoint=endpoint, actor=secretariat)
    services.deliver_due()
    statuses = list(Delivery.objects.order_by("pk").values_list("status", "attempts"))
    assert statuses[0] == (Status.FAILED, 2)
    assert statuses[1] == (Status.PENDING, 1)
    first = Delivery.objects.get(pk=emitted[0].pk)
    services.send_again(delivery=first, actor=secretariat)
    first.refresh_from_db()
    assert (first.status, first.attempts, first.delivery_id) == (Status.PENDING, 0, emitted[0].delivery_id)


def test_send_again_refuses_a_delivery_still_waiting(endpoint, secretariat):
    services.emit(endpoint.track, Event.GRANT_PAID, {"application": 1})
    with pytest.raises(services.ServiceError):
        services.send_again(delivery=Delivery.objects.get(), actor=secretariat)


def test_a_stale_claim_of_a_killed_worker_is_posted_again_with_the_same_id(endpoint, receiver, clock):
    receiver.start("ok")
    emitted = emit_three(endpoint.track)
    claimed = services._claim("dead-worker:1")
    assert claimed.pk == emitted[0].pk
    assert services.deliver_due() == 0
    clock.advance(seconds=121)
    Delivery.objects.filter(status=Status.PENDING).update(next_attempt_at=clock.now)
    assert services.deliver(worker="live-worker:2").pk == emitted[0].pk


def test_private_addresses_are_refused_unless_allowed(settings, endpoint):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    for url in ("http://127.0.0.1:8000/", "https://10.1.2.3/", "https://[::1]/", "ftp://example.org/"):
        with pytest.raises(services.ValidationError):
            services.check_url(url)
    with pytest.raises(services.UnsafeAddress):
        services.resolve("localhost", 443)
    services.check_url("https://badges.example.org/hooks")
    services.emit(endpoint.track, Event.GRANT_PAID, {"application": 1})
    services.deliver_due()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.PENDING, 1)
    assert delivery.last_error.startswith("UnsafeAddress: ")


def test_emission_is_part_of_the_callers_transaction(endpoint):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.emit(endpoint.track, Event.GRANT_PAID, {"application": 1})
        raise RuntimeError("the change fails")
    assert Delivery.objects.count() == 0
    services.emit(endpoint.track, Event.GRANT_PAID, {"application": 1})
    assert Delivery.objects.count() == 1


def test_only_subscribed_endpoints_of_the_track_get_the_event(endpoint, secretariat, igf_track):
    services.create_endpoint(
        track=igf_track,
        name="Finance",
        url="https://finance.example.org/hooks",
        events=[Event.GRANT_PAID],
        actor=secretariat,
    )
    assert services.emit(igf_track, Event.REGISTRATION_CREATED, {"registration": 1}) == 1
    assert services.emit(igf_track, Event.GRANT_PAID, {"application": 1}) == 2
    with pytest.raises(ValueError):
        services.emit(igf_track, "registration.exploded", {})
