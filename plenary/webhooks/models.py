"""Webhook endpoints registered by the secretariat, and one delivery row per event per endpoint."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.sealed import SealedTextField


class Event(models.TextChoices):
    INVITATION_ANSWERED = "invitation.answered", _("invitation answered")
    REGISTRATION_CREATED = "registration.created", _("registration created")
    REGISTRATION_CONFIRMED = "registration.confirmed", _("registration confirmed")
    REGISTRATION_WAITLISTED = "registration.waitlisted", _("registration waitlisted")
    REGISTRATION_PROMOTED = "registration.promoted", _("registration promoted from the waiting list")
    REGISTRATION_CANCELLED = "registration.cancelled", _("registration cancelled")
    REGISTRATION_REJECTED = "registration.rejected", _("registration rejected")
    REGISTRATION_CHECKED_IN = "registration.checked_in", _("delegate checked in")
    GRANT_OFFERED = "grant.offered", _("grant offered")
    GRANT_ACCEPTED = "grant.accepted", _("grant accepted")
    GRANT_DECLINED = "grant.declined", _("grant declined")
    GRANT_PAID = "grant.paid", _("grant payment recorded")
    PROGRAMME_RELEASE_PUBLISHED = "programme.release_published", _("programme release published")
    OUTCOME_VERSION_PUBLISHED = "outcome.version_published", _("output document version published")
    OUTCOME_VERSION_ADOPTED = "outcome.version_adopted", _("output document version adopted")


class Endpoint(models.Model):
    """Where a track's events are posted. The secret signs every delivery; the secretariat can read it
    again on the endpoint's page (signing needs it in clear, so it cannot be stored hashed: it is
    stored sealed, `core.sealed`)."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("webhook endpoint", "active")
        PAUSED = "paused", pgettext_lazy("webhook endpoint", "paused")

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.PROTECT, related_name="webhook_endpoints"
    )
    name = models.CharField(pgettext_lazy("webhook endpoint", "name"), max_length=200)
    url = models.URLField(_("address (URL)"), max_length=500)
    events = models.JSONField(pgettext_lazy("webhook", "events"), default=list)
    secret = SealedTextField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    failing_since = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["track_id", "name", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Delivery(models.Model):
    """One event for one endpoint. The body is fixed when the event happens, so every attempt (and a
    "send again") posts the same bytes under the same id; deliveries of an endpoint go in pk order."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("webhook delivery", "waiting")
        SENDING = "sending", pgettext_lazy("webhook delivery", "sending")
        DELIVERED = "delivered", pgettext_lazy("webhook delivery", "delivered")
        FAILED = "failed", pgettext_lazy("webhook delivery", "given up")

    id = models.BigAutoField(primary_key=True)
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(pgettext_lazy("webhook", "event"), max_length=50, choices=Event.choices)
    body = models.TextField()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=200, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["endpoint", "status", "id"], name="webhooks_delivery_queue")]

    def __str__(self):
        return f"{self.event} {self.delivery_id}"

    @property
    def is_finished(self) -> bool:
        """Delivered or given up: the only deliveries the secretariat can send again."""
        return self.status in (self.Status.DELIVERED, self.Status.FAILED)
