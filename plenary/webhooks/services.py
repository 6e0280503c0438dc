"""Signed webhooks that lose nothing, on the pattern of the mail outbox (plenary.core.outbox).

Emission. A service calls `emit(track, event, data)` inside its own transaction, at the point of
change. One Delivery row per endpoint of the track subscribed to the event is written in that
transaction: a rolled-back change posts nothing, a committed one is always posted. The body (with
the delivery's id) is fixed then, so every attempt posts the same bytes under the same id.

Delivery (`deliver_due`, the periodic job "webhooks-deliver" run by `plenary work`) is three steps,
each its own short transaction or none, as for mail:

1. claim: the head of an active endpoint's queue (its oldest delivery neither delivered nor given
   up) is locked (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL), checked due, marked `sending`
   with a lease (claimed_at, claimed_by), committed. A delivery is due when it waits and its
   back-off has elapsed, or when it was left `sending` longer than the lease by a worker that died.
   Only the head is ever claimed, so an endpoint receives its events in order, one at a time, and
   the next only after the previous was delivered or given up.
2. POST it (no transaction open meanwhile), signed: HMAC-SHA256 with the endpoint's secret over
   `timestamp + "." + body`.
3. record the outcome, if the attempt still owns the row: `delivered` on a 2xx answer; otherwise
   waiting again with an exponential back-off, and given up once its first attempt is three days
   old. An endpoint that has failed for a day is paused and the track's contact told by e-mail.

A worker killed between the receiver's answer and step 3 leaves the row `sending`: it is posted again
after the lease, with the same id, which is how the receiver drops the duplicate. Delivery is thus at
least once, and exactly once for a receiver that deduplicates by `Plenary-Webhook-Id`.
"""

import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import secrets
import socket
import ssl
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plenary.core.audit import record
from plenary.core.errors import ServiceError
from plenary.core.models import Role
from plenary.core.outbox import queue_templated_email, worker_name
from plenary.webhooks.models import Delivery, Endpoint, Event

logger = logging.getLogger(__name__)

Status = Delivery.Status
OPEN = (Status.PENDING, Status.SENDING)
RETRY_FOR = timedelta(days=3)
PAUSE_AFTER = timedelta(days=1)
RETRY_BASE = timedelta(seconds=30)
MAX_RETRY_DELAY = timedelta(hours=6)
TIMEOUT_SECONDS = 10
EXCERPT_BYTES = 1000
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
SIGNATURE_VERSION = "v1"


class UnsafeAddress(Exception):
    """The endpoint's host resolves to an address plenary must not post to (SSRF)."""


# Emission -------------------------------------------------------------------------------------


def emit(track, event: str, data: dict) -> int:
    """Write one delivery of `event` per endpoint of `track` subscribed to it, in the caller's
    transaction; returns how many. `data`: ids, statuses and timestamps, never personal documents."""
    return emit_all(track, [(event, data)])


def emit_all(track, events: list[tuple[str, dict]]) -> int:
    """`emit` for several events of one change, in their order, with one look-up of the endpoints."""
    unknown = [event for event, _data in events if event not in Event.values]
    if unknown:
        raise ValueError(f"unknown webhook event {unknown[0]!r}")
    track_id = getattr(track, "pk", track)
    endpoints = list(Endpoint.objects.filter(track_id=track_id).select_related("track"))
    now = timezone.now()
    deliveries = []
    for event, data in events:
        for endpoint in endpoints:
            if event in endpoint.events:
                delivery = Delivery(endpoint=endpoint, event=event, next_attempt_at=now)
                delivery.body = _body(delivery, endpoint.track.slug, now, data)
                deliveries.append(delivery)
    if not deliveries:
        return 0
    with transaction.atomic(savepoint=False):
        Delivery.objects.bulk_create(deliveries)
    return len(deliveries)


def _body(delivery: Delivery, track_slug: str, now, data: dict) -> str:
    document = {
        "id": str(delivery.delivery_id),
        "event": delivery.event,
        "created_at": now,
        "track": track_slug,
        "data": data,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


# Endpoints -----------------------------------------------------------------------------------


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def check_url(url: str) -> None:
    """HTTPS only; plain HTTP only to this machine, and only where private addresses are allowed
    (DEBUG, tests). The address is checked again at each delivery (DNS may change)."""
    parts = urlsplit(url)
    local_http = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS and private_addresses_allowed()
    if not (parts.scheme == "https" or local_http) or not parts.hostname:
        raise ValidationError(_("The address must start with https://."), code="not_https")
    if parts.username or parts.password:
        raise ValidationError(_("The address must not contain a user name or password."), code="userinfo")
    try:
        ip = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return
    if not _allowed(ip):
        raise ValidationError(_("The address must be a public one."), code="private_address")


@transaction.atomic
def create_endpoint(*, track, name: str, url: str, events, actor) -> Endpoint:
    check_url(url)
    unknown = set(events) - set(Event.values)
    if unknown or not events:
        raise ServiceError(_("Choose at least one event."))
    endpoint = Endpoint.objects.create(
        track=track,
        name=name.strip(),
        url=url,
        events=[event for event in Event.values if event in events],
        secret=new_secret(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(actor=actor, action="webhooks.endpoint_created", target=endpoint, changes={"url": url})
    return endpoint


@transaction.atomic
def pause(*, endpoint: Endpoint, actor) -> Endpoint:
    Endpoint.objects.filter(pk=endpoint.pk).update(status=Endpoint.Status.PAUSED, paused_at=timezone.now())
    record(actor=actor, action="webhooks.endpoint_paused", target=endpoint)
    endpoint.refresh_from_db()
    return endpoint


@transaction.atomic
def resume(*, endpoint: Endpoint, actor) -> Endpoint:
    """Active again: what waited while paused is posted, in order, from now on."""
    now = timezone.now()
    Endpoint.objects.filter(pk=endpoint.pk).update(
        status=Endpoint.Status.ACTIVE, paused_at=None, failing_since=None
    )
    endpoint.deliveries.filter(status=Status.PENDING).update(next_attempt_at=now)
    record(actor=actor, action="webhooks.endpoint_resumed", target=endpoint)
    endpoint.refresh_from_db()
    return endpoint


@transaction.atomic
def rotate_secret(*, endpoint: Endpoint, actor) -> Endpoint:
    Endpoint.objects.filter(pk=endpoint.pk).update(secret=new_secret())
    record(actor=actor, action="webhooks.secret_rotated", target=endpoint)
    endpoint.refresh_from_db()
    return endpoint


@transaction.atomic
def send_again(*, delivery: Delivery, actor) -> Delivery:
    """Post a delivered or given-up delivery once more, same id and body, as the next in its queue."""
    now = timezone.now()
    updated = Delivery.objects.filter(pk=delivery.pk, status__in=[Status.DELIVERED, Status.FAILED]).update(
        status=Status.PENDING, next_attempt_at=now, first_attempt_at=None, attempts=0
    )
    if not updated:
        raise ServiceError(_("This delivery is already waiting to be sent."))
    record(actor=actor, action="webhooks.send_again", target=delivery.endpoint)
    delivery.refresh_from_db()
    return delivery


# Delivery ------------------------------------------------------------------------------------


def deliver_due(*, worker: str | None = None) -> int:
    """Attempt every due delivery, each endpoint in order; returns how many attempts were made."""
    worker = worker or worker_name()
    attempts = 0
    while deliver(worker=worker) is not None:
        attempts += 1
    return attempts


def deliver(*, worker: str | None = None) -> Delivery | None:
    """One attempt of the next due delivery at the head of an active endpoint's queue, or None."""
    delivery = _claim(worker or worker_name())
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    try:
        status, excerpt = post(
            endpoint.url, delivery.body.encode(), signed_headers(delivery, endpoint.secret)
        )
    except Exception as error:  # whatever went wrong (network, TLS, address refused), it must leave `sending`
        _record_failure(delivery, status=None, excerpt="", error=f"{type(error).__name__}: {error}")
    else:
        if 200 <= status < 300:
            _record_delivered(delivery, status=status, excerpt=excerpt)
        else:
            _record_failure(delivery, status=status, excerpt=excerpt, error=f"HTTP {status}")
    return delivery


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "WEBHOOK_LEASE_SECONDS", 120))


def _claim(worker: str) -> Delivery | None:
    now = timezone.now()
    heads = (
        Delivery.objects.filter(status__in=OPEN, endpoint__status=Endpoint.Status.ACTIVE)
        .values("endpoint_id")
        .annotate(head=Min("pk"))
        .values("head")
    )
    due = Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lte=now - lease()
    )
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(due, pk__in=heads)
            .select_related("endpoint")
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if delivery is None:
            return None
        delivery.status = Status.SENDING
        delivery.attempts += 1
        delivery.first_attempt_at = delivery.first_attempt_at or now
        delivery.claimed_at, delivery.claimed_by = now, worker[:200]
        delivery.save(update_fields=["status", "attempts", "first_attempt_at", "claimed_at", "claimed_by"])
    return delivery


def _still_ours(delivery: Delivery):
    return Delivery.objects.filter(
        pk=delivery.pk, status=Status.SENDING, claimed_by=delivery.claimed_by, attempts=delivery.attempts
    )


def _record_delivered(delivery: Delivery, *, status: int, excerpt: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        _still_ours(delivery).update(
            status=Status.DELIVERED,
            delivered_at=now,
            response_status=status,
            response_excerpt=excerpt,
            last_error="",
            next_attempt_at=None,
        )
        Endpoint.objects.filter(pk=delivery.endpoint_id, failing_since__isnull=False).update(
            failing_since=None
        )
    delivery.status = Status.DELIVERED


def _record_failure(delivery: Delivery, *, status: int | None, excerpt: str, error: str) -> None:
    now = timezone.now()
    gave_up = now - delivery.first_attempt_at >= RETRY_FOR
    with transaction.atomic():
        _still_ours(delivery).update(
            status=Status.FAILED if gave_up else Status.PENDING,
            next_attempt_at=None if gave_up else now + retry_delay(delivery.attempts),
            response_status=status,
            response_excerpt=excerpt,
            last_error=error[:1000],
        )
        _note_endpoint_failing(delivery.endpoint, now)
    delivery.status = Status.FAILED if gave_up else Status.PENDING
    logger.warning("webhook delivery %s to %s: %s", delivery.delivery_id, delivery.endpoint.url, error)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min … after the 1st, 2nd, 3rd, 4th … attempt, at most six hours."""
    base = timedelta(seconds=getattr(settings, "WEBHOOK_RETRY_BASE_SECONDS", RETRY_BASE.total_seconds()))
    return min(base * 2 ** min(attempts - 1, 30), MAX_RETRY_DELAY)


def _note_endpoint_failing(endpoint: Endpoint, now) -> None:
    """The first failure starts the clock; failing for PAUSE_AFTER pauses the endpoint, once."""
    Endpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(failing_since=now)
    paused = Endpoint.objects.filter(
        pk=endpoint.pk, status=Endpoint.Status.ACTIVE, failing_since__lte=now - PAUSE_AFTER
    ).update(status=Endpoint.Status.PAUSED, paused_at=now)
    if paused:
        endpoint.refresh_from_db()
        record(actor=None, action="webhooks.endpoint_paused_failing", target=endpoint)
        _tell_secretariat(endpoint)


def _tell_secretariat(endpoint: Endpoint) -> None:
    track = endpoint.track
    for address in secretariat_addresses(track):
        queue_templated_email(
            template="webhooks/email/endpoint_paused",
            context={"endpoint": endpoint, "track": track},
            to=address,
            language=track.primary_language,
            track=track,
            related=endpoint,
        )


def secretariat_addresses(track) -> list[str]:
    """The track's contact, else every secretariat account."""
    if track.contact_email:
        return [track.contact_email]
    users = get_user_model().objects.filter(is_active=True, role_assignments__role=Role.SECRETARIAT)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


# Signing and posting -------------------------------------------------------------------------


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signed_headers(delivery: Delivery, secret: str) -> dict[str, str]:
    timestamp = int(timezone.now().timestamp())
    digest = signature(secret, timestamp, delivery.body.encode())
    return {
        "Content-Type": "application/json",
        "User-Agent": "plenary-webhooks/1",
        "Plenary-Webhook-Id": str(delivery.delivery_id),
        "Plenary-Webhook-Event": delivery.event,
        "Plenary-Webhook-Timestamp": str(timestamp),
        "Plenary-Webhook-Signature": f"{SIGNATURE_VERSION}={digest}",
    }


def private_addresses_allowed() -> bool:
    return getattr(settings, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)


def _allowed(ip) -> bool:
    return private_addresses_allowed() or ip.is_global


def resolve(host: str, port: int) -> str:
    """The address to connect to, refused if any address of `host` is not a public one."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise UnsafeAddress(f"{host} does not resolve: {error}") from error
    addresses = [info[4][0] for info in infos]
    refused = [address for address in addresses if not _allowed(ipaddress.ip_address(address))]
    if refused or not addresses:
        raise UnsafeAddress(f"{host} resolves to an address that is not public: {', '.join(refused)}")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address checked by `resolve`, never to one DNS answers later."""

    def __init__(self, host, port, address, **options):
        super().__init__(host, port, **options)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **options):
        super().__init__(host, port, context=ssl.create_default_context(), **options)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict) -> tuple[int, str]:
    """POST `body` to `url` (no redirect followed); returns (status, the start of the answer)."""
    try:
        check_url(url)
    except ValidationError as error:
        raise UnsafeAddress(" ".join(error.messages)) from error
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = connection_class(
        parts.hostname, port, resolve(parts.hostname, port), timeout=TIMEOUT_SECONDS
    )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES).decode("utf-8", "replace")
        return response.status, excerpt
    finally:
        connection.close()
