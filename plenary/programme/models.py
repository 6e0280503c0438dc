import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.dates import format_clock_range
from plenary.core.fields import TranslatedField
from plenary.events.models import Format, validate_time_zone


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    ROUNDTABLE = "roundtable", _("Roundtable")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    CLOSING = "closing", _("Closing")
    INTERSESSIONAL = "intersessional", _("Intersessional activity")
    REGIONAL = "regional", _("Regional session")


class PersonRole(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    SPEAKER = "speaker", _("Speaker")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


def validate_language_codes(value) -> None:
    codes = [code for code, _name in settings.LANGUAGES]
    if not isinstance(value, list) or any(code not in codes for code in value):
        raise ValidationError(
            _('List UN language codes, e.g. ["ar", "en"]; the codes are %(codes)s.'),
            params={"codes": ", ".join(codes)},
        )


class Session(models.Model):
    """One session of a track, stored in UTC and entered and shown in its venue's time zone."""

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="sessions"
    )
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("short name"), max_length=80, help_text=_("Used in the session's address."))
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("venue time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Leave empty for the forum's time zone; set it for a regional session held elsewhere."),
    )
    room = TranslatedField(_("room"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.HYBRID)
    interpretation_languages = models.JSONField(
        _("interpretation languages"), default=list, blank=True, validators=[validate_language_codes]
    )
    stream_url = models.URLField(_("stream link (public)"), blank=True)
    join_url = models.URLField(
        _("join link (confirmed online delegates only)"),
        blank=True,
        help_text=_("Never shown to the public."),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "end", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_ends_after_it_starts"),
            models.UniqueConstraint(fields=["track", "slug"], name="session_slug_once_per_track"),
        ]

    def __str__(self):
        return str(self.title)

    @property
    def translation_primary_language(self) -> str:
        return self.track.primary_language

    @property
    def venue_time_zone(self) -> str:
        return self.time_zone or self.track.forum.time_zone

    @property
    def venue_start(self) -> dt.datetime:
        return self.start.astimezone(zoneinfo.ZoneInfo(self.venue_time_zone))

    @property
    def venue_end(self) -> dt.datetime:
        return self.end.astimezone(zoneinfo.ZoneInfo(self.venue_time_zone))

    @property
    def venue_day(self) -> dt.date:
        return self.venue_start.date()

    @property
    def venue_times(self) -> str:
        return format_clock_range(self.venue_start, self.venue_end)

    @property
    def seats_are_limited(self) -> bool:
        """Delegates reserve a seat at an onsite or hybrid session with a capacity."""
        return self.capacity is not None and self.format != Format.ONLINE

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The session ends before it starts.")})


class Speaker(models.Model):
    """Someone who takes part in a track's sessions: a member of parliament or a representative."""

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="speakers"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("member of parliament (directory)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="speaker_profiles",
    )
    name = models.CharField(
        pgettext_lazy("person name", "name"),
        max_length=200,
        blank=True,
        help_text=_("For someone who is not in the directory."),
    )
    title = TranslatedField(pgettext_lazy("job title", "title"), max_length=200, blank=True)
    organisation = TranslatedField(_("organisation"), max_length=200, blank=True)
    bio = TranslatedField(_("short biography"), multiline=True, blank=True)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_(
            "Where changes to their sessions are sent when they have no account (else the directory's)."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of their e-mails (else the directory's, else the track's)."),
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""), name="speaker_has_person_or_name"
            ),
            models.UniqueConstraint(
                fields=["track", "person"], condition=Q(person__isnull=False), name="speaker_person_once"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def translation_primary_language(self) -> str:
        return self.track.primary_language

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person_id else self.name

    def clean(self):
        if not self.person_id and not self.name.strip():
            raise ValidationError(_("Choose a member of parliament from the directory or enter a name."))


class SessionPerson(models.Model):
    """A speaker's role in one session: moderator, speaker or rapporteur."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="people"
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=12, choices=PersonRole.choices, default=PersonRole.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("person in the session")
        verbose_name_plural = _("people in the session")
        ordering = ["session", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker", "role"], name="one_role_once_per_session")
        ]

    def __str__(self):
        return f"{self.speaker} – {self.get_role_display()}"


class SessionDocument(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="documents"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = TranslatedField(_("title"), max_length=200)
    url = models.URLField(_("link"))
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("session document")
        verbose_name_plural = _("session documents")
        ordering = ["session", "order", "id"]

    def __str__(self):
        return str(self.title)


class Release(models.Model):
    """A published version of a track's schedule: a frozen copy of its sessions and a changelog."""

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="releases"
    )
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. “v2 – room change”."))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme = models.JSONField(_("programme"), default=dict, editable=False)
    changelog = models.JSONField(_("changelog"), default=list, editable=False)

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["track", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["track", "number"], name="release_number_once_per_track"),
            models.UniqueConstraint(fields=["track", "name"], name="release_name_once_per_track"),
        ]

    def __str__(self):
        return self.name


class Star(models.Model):
    """A session on a delegate's personal agenda."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="starred_sessions"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("starred session")
        verbose_name_plural = _("starred sessions")
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="star_once")]

    def __str__(self):
        return f"{self.user} ★ {self.session}"


class SessionSeat(models.Model):
    """A confirmed onsite delegate's seat at a session with limited places, or their place in its queue.

    Written only by `services` under a row lock on the session; given up = deleted (the audit
    trail keeps the history).
    """

    class Status(models.TextChoices):
        HELD = "held", _("Seat reserved")
        WAITING = "waiting", _("On the waiting list")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="seats"
    )
    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="session_seats",
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    queue_number = models.PositiveIntegerField(_("place in the queue"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)

    class Meta:
        verbose_name = _("session seat")
        verbose_name_plural = _("session seats")
        ordering = ["session", "queue_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"], name="one_seat_per_registration_per_session"
            ),
            models.UniqueConstraint(fields=["session", "queue_number"], name="seat_queue_number_once"),
            models.CheckConstraint(
                condition=Q(status__in=["held", "waiting"]), name="session_seat_status_known"
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="session_seat_count")]

    def __str__(self):
        return f"{self.registration} – {self.session}"

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING
