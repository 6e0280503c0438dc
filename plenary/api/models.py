import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ_DIRECTORY = "read:directory", _("Read the directory (parliaments, countries)")
    READ_REGISTRATIONS = "read:registrations", _("Read delegations and registrations")
    WRITE_REGISTRATIONS = "write:registrations", _("Approve and reject registrations, mark them taken")
    WRITE_CHECK_IN = "write:check-in", _("Check delegates in")
    READ_PHOTOS = "read:photos", _("Read badge photos")
    READ_PROGRAMME = "read:programme", _("Read the programme's published releases")
    READ_INVITATIONS = "read:invitations", _("Read the invitations' status and dates")
    READ_FUNDING = "read:funding", _("Read funding calls, applications, grants and their ledger")
    WRITE_PAYMENTS = "write:payments", _("Record grant payments, mark grants taken")
    READ_OUTCOMES = "read:outcomes", _("Read the output document's versions, comments and amendments")


def secret_hash(secret: str) -> str:
    """The stored form of a token's secret: SHA-256 of 32 random bytes needs no slow hash."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A key another system uses to call the API on behalf of its owner, within its scopes and track."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    scopes = models.JSONField(_("scopes"), default=list)
    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    parliament = models.ForeignKey(
        "directory.Parliament",
        verbose_name=_("limited to the delegation of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    secret_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} (#{self.pk})"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def scope_labels(self) -> list[str]:
        """The scopes in the reader's language, a code no longer known shown as it is."""
        return [Scope(code).label if code in Scope.values else code for code in self.scopes]


class TokenRequest(models.Model):
    """One request made with a token, for the secretariat's eyes."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="requests")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    status = models.PositiveSmallIntegerField(_("status"))

    class Meta:
        verbose_name = _("API request")
        verbose_name_plural = _("API requests")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.method} {self.path} {self.status}"


class Handoff(models.Model):
    """ "Taken by system X": another system has taken this registration (or grant) over."""

    registration = models.ForeignKey(
        "registration.Registration", null=True, on_delete=models.CASCADE, related_name="handoffs"
    )
    application = models.ForeignKey(
        "funding.Application", null=True, on_delete=models.CASCADE, related_name="handoffs"
    )
    system = models.SlugField(_("system"), max_length=50)
    taken_at = models.DateTimeField(_("taken at"))
    token = models.ForeignKey(ApiToken, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("hand-off")
        verbose_name_plural = _("hand-offs")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "system"], name="registration_taken_once_per_system"
            ),
            models.UniqueConstraint(fields=["application", "system"], name="grant_taken_once_per_system"),
            models.CheckConstraint(
                condition=Q(registration__isnull=False, application__isnull=True)
                | Q(registration__isnull=True, application__isnull=False),
                name="handoff_of_a_registration_or_a_grant",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id or self.application_id} → {self.system}"
