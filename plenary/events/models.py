import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.fields import TranslatedField


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(zone)s is not an IANA time zone, e.g. Asia/Tokyo."), params={"zone": value}
        )


class Format(models.TextChoices):
    ONSITE = "onsite", _("Onsite")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (onsite and online)")


class Forum(models.Model):
    """An edition of a forum, e.g. the 18th Internet Governance Forum, Kyoto 2023."""

    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = TranslatedField(_("name"), max_length=200)
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    host_country = models.ForeignKey(
        "directory.Country", verbose_name=_("host country"), on_delete=models.PROTECT
    )
    city = TranslatedField(_("city"), max_length=100)
    venue = TranslatedField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.HYBRID)
    theme = TranslatedField(_("overarching theme"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="forum_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return str(self.name)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day is before the first day.")})


class Track(models.Model):
    """The parliamentary track of a forum: what invitations, registration and outcomes hang on."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="tracks")
    slug = models.SlugField(
        _("short name"), max_length=50, unique=True, help_text=_("Used in addresses, e.g. igf2023-pt.")
    )
    name = TranslatedField(_("name"), max_length=200)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    theme = TranslatedField(_("theme"), max_length=300, blank=True)
    description = TranslatedField(_("how to take part"), multiline=True, blank=True)
    primary_language = models.CharField(
        _("primary language"), max_length=7, choices=settings.LANGUAGES, default="en"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_current = models.BooleanField(
        _("current track"),
        default=False,
        help_text=_("The track shown on the site's home page."),
    )
    registration_deadline = models.DateField(
        _("registration closes after"),
        null=True,
        blank=True,
        help_text=_(
            "The last day delegates can register, at the venue. Empty: until the secretariat closes it."
        ),
    )
    links_valid_days = models.PositiveIntegerField(
        _("personal links valid for (days after the last day)"),
        default=30,
        help_text=_(
            "Delegation, registration and invitation links stop opening this many days after the "
            "track's last day."
        ),
    )
    invited_parliaments = models.ManyToManyField(
        "directory.Parliament",
        verbose_name=_("invited parliaments"),
        blank=True,
        related_name="tracks_invited_to",
    )

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="track_ends_after_it_starts"
            ),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_track"
            ),
        ]

    def __str__(self):
        return str(self.name)

    @property
    def translation_primary_language(self) -> str:
        return self.primary_language

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day is before the first day.")})

    def registration_has_closed(self, now: dt.datetime) -> bool:
        """The registration deadline has passed at the forum's venue."""
        if self.registration_deadline is None:
            return False
        return now.astimezone(zoneinfo.ZoneInfo(self.forum.time_zone)).date() > self.registration_deadline

    @property
    def links_valid_until(self) -> dt.datetime:
        """The moment the track's personal links stop opening: midnight after the last valid day,
        at the forum's venue."""
        last_day = self.end_date + dt.timedelta(days=self.links_valid_days)
        return dt.datetime.combine(
            last_day + dt.timedelta(days=1), dt.time.min, tzinfo=zoneinfo.ZoneInfo(self.forum.time_zone)
        )


class Signatory(models.Model):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="signatories")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = TranslatedField(_("name"), max_length=200)
    title = TranslatedField(pgettext_lazy("job title", "title"), max_length=200)
    organisation = TranslatedField(_("organisation"), max_length=200)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["track", "order", "id"]

    def __str__(self):
        return str(self.name)

    @property
    def translation_primary_language(self) -> str:
        return self.track.primary_language


class TrackDocument(models.Model):
    """A document attached to a track (concept note, practical information), one file a language."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = TranslatedField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["track", "order", "id"]

    def __str__(self):
        return str(self.title)

    @property
    def translation_primary_language(self) -> str:
        return self.track.primary_language


def document_upload_path(instance, filename):
    return f"documents/{instance.document.track.slug}/{instance.language}/{filename}"


class DocumentFile(models.Model):
    document = models.ForeignKey(TrackDocument, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=document_upload_path)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="one_file_per_language")]

    def __str__(self):
        return f"{self.document} ({self.language})"
