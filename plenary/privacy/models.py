from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DataKind(models.TextChoices):
    """The kinds of personal data a track keeps for a time after its last day, shortest first."""

    PASSPORT = "passport", pgettext_lazy("personal data kind", "Passport data and visa requests")
    PHOTO = "photo", pgettext_lazy("personal data kind", "Badge photos")
    CONTACT = "contact", pgettext_lazy("personal data kind", "Contact details and needs")
    REGISTRATION = (
        "registration",
        pgettext_lazy("personal data kind", "Registrations (become anonymous counts)"),
    )


class RetentionPolicy(models.Model):
    """How many days after the track's last day each kind of personal data is kept."""

    track = models.OneToOneField(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="retention_policy"
    )
    passport_days = models.PositiveIntegerField(_("passport data and visa requests: days kept"), default=0)
    photo_days = models.PositiveIntegerField(_("badge photos: days kept"), default=30)
    contact_days = models.PositiveIntegerField(_("contact details and needs: days kept"), default=180)
    registration_days = models.PositiveIntegerField(
        _("registrations: days kept before anonymising"), default=365
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(passport_days__lte=F("photo_days"))
                & Q(passport_days__lte=F("contact_days"))
                & Q(passport_days__lte=F("registration_days")),
                name="passport_data_kept_shortest",
            ),
            models.CheckConstraint(
                condition=Q(photo_days__lte=F("registration_days"))
                & Q(contact_days__lte=F("registration_days")),
                name="registrations_kept_longest",
            ),
        ]

    def __str__(self):
        return str(self.track)

    def days_kept(self, kind: str) -> int:
        return getattr(self, f"{kind}_days")


class RetentionRun(models.Model):
    """What one pass of the retention job did to one kind of one track: a count, never the data."""

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="retention_runs"
    )
    kind = models.CharField(_("kind of data"), max_length=12, choices=DataKind.choices)
    ran_at = models.DateTimeField(_("ran at"))
    count = models.PositiveIntegerField(_("records purged or anonymised"))

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-ran_at", "-id"]

    def __str__(self):
        return f"{self.track} {self.kind} {self.count}"


class ErasureRequest(models.Model):
    """A person (or the focal point that named them) asks that plenary forget them."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("erasure request status", "Waiting for the secretariat")
        DONE = "done", pgettext_lazy("erasure request status", "Erased")

    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.PROTECT, related_name="erasure_requests"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_focal_point = models.BooleanField(_("asked by the focal point"), default=False)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    kept = models.TextField(_("what must stay, and why"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["status", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(status="open"), name="one_open_erasure_request_per_person"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(decided_at__isnull=False), name="erasure_done_has_date"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
