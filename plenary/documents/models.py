from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.storage import private_storage, unguessable_name


def batch_path(instance, filename):
    return unguessable_name("documents/batches", filename)


class DocumentBatch(models.Model):
    """Documents for many participants of a track, made by a background task with its progress."""

    class Kind(models.TextChoices):
        BADGES = "badges", _("Badges (A6)")
        BADGE_CARDS = "badge_cards", _("Badges (credit-card size)")
        VISA_LETTERS = "visa_letters", _("Visa support letters")
        CERTIFICATES = "certificates", _("Certificates of attendance")
        PARTICIPANTS_PDF = "participants_pdf", _("List of participants (PDF)")
        PARTICIPANTS_XLSX = "participants_xlsx", _("List of participants (XLSX)")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("batch", "Waiting")
        RUNNING = "running", pgettext_lazy("batch", "Making")
        DONE = "done", pgettext_lazy("batch", "Ready")
        FAILED = "failed", pgettext_lazy("batch", "Failed")

    # Workers that may die while making a batch before it is given up as failed.
    MAX_ATTEMPTS = 3

    track = models.ForeignKey("events.Track", on_delete=models.CASCADE, related_name="document_batches")
    kind = models.CharField(_("documents"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES, default="en")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("documents to make"), default=0)
    done = models.PositiveIntegerField(_("documents made"), default=0)
    file = models.FileField(_("file"), upload_to=batch_path, storage=private_storage, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("batch", "requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("document batch")
        verbose_name_plural = _("document batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.track} {self.kind} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def gave_up(self) -> bool:
        """Failed because its worker stopped MAX_ATTEMPTS times, not because of the documents."""
        return self.status == self.Status.FAILED and self.attempts >= self.MAX_ATTEMPTS and not self.error

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else (100 if self.is_finished else 0)
