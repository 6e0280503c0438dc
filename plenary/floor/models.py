from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Order(models.TextChoices):
    FIRST_COME = "first_come", pgettext_lazy("speakers' list order", "First come, first served")
    LOT = "lot", pgettext_lazy("speakers' list order", "Drawn by lot")


class SpeakersList(models.Model):
    """A session's list of speakers. Its row is what services lock: every change to the list takes
    it first, so requests, calls and the per-delegation limit are decided one at a time."""

    session = models.OneToOneField(
        "programme.Session", verbose_name=_("session"), on_delete=models.CASCADE, related_name="speakers_list"
    )
    per_delegation = models.PositiveSmallIntegerField(
        _("speakers per delegation"), null=True, blank=True, default=1, help_text=_("Empty: no limit.")
    )
    seconds_per_speaker = models.PositiveIntegerField(_("seconds per speaker"), default=180)
    order = models.CharField(_("order of speakers"), max_length=12, choices=Order.choices)
    alternate_women_and_men = models.BooleanField(_("alternate women and men while both wait"), default=False)
    accepting = models.BooleanField(_("accepting requests"), default=True)
    next_number = models.PositiveIntegerField(default=1, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("chairs"), blank=True, related_name="chaired_lists"
    )

    class Meta:
        verbose_name = _("speakers' list")
        verbose_name_plural = _("speakers' lists")
        constraints = [
            models.CheckConstraint(condition=Q(order__in=["first_come", "lot"]), name="floor_order_known")
        ]

    def __str__(self):
        return str(self.session)

    @property
    def is_by_lot(self) -> bool:
        return self.order == Order.LOT


class Request(models.Model):
    """A member's request to take the floor. `number` is the order of arrival; `position` the place in
    the queue (arrival, or the draw, or a swap within the delegation)."""

    class Mode(models.TextChoices):
        ONSITE = "onsite", pgettext_lazy("speaking from", "In the room")
        ONLINE = "online", pgettext_lazy("speaking from", "Online")

    class State(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("speaker request state", "Waiting")
        SPEAKING = "speaking", pgettext_lazy("speaker request state", "Speaking")
        SPOKEN = "spoken", pgettext_lazy("speaker request state", "Has spoken")
        WITHDRAWN = "withdrawn", pgettext_lazy("speaker request state", "Withdrawn")

    speakers_list = models.ForeignKey(SpeakersList, on_delete=models.CASCADE, related_name="requests")
    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="floor_requests",
    )
    delegation = models.ForeignKey(
        "registration.Delegation", verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(_("speaking from"), max_length=6, choices=Mode.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.WAITING)
    number = models.PositiveIntegerField(_("order of arrival"))
    position = models.PositiveIntegerField(_("place in the list"))
    point_of_order = models.BooleanField(_("point of order"), default=False)
    asked_at = models.DateTimeField(pgettext_lazy("speakers' list", "asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("request to speak")
        verbose_name_plural = _("requests to speak")
        ordering = ["speakers_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["speakers_list", "number"], name="floor_request_number_once"),
            models.UniqueConstraint(
                fields=["speakers_list", "registration"],
                condition=Q(state__in=["waiting", "speaking"]),
                name="floor_one_open_request_per_member",
            ),
            models.UniqueConstraint(
                fields=["speakers_list"], condition=Q(state="speaking"), name="floor_one_speaker_at_a_time"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["waiting", "speaking", "spoken", "withdrawn"]),
                name="floor_request_state_known",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.registration.full_name}"

    @property
    def is_waiting(self) -> bool:
        return self.state == self.State.WAITING

    @property
    def is_speaking(self) -> bool:
        return self.state == self.State.SPEAKING


class Draw(models.Model):
    """The published seed of a list's drawing of lots and the order it gave.

    `commitment` (SHA-256 of `requests`, the canonical list) is published when requests close,
    before the value is announced in the room; `order` lists request numbers as drawn."""

    speakers_list = models.OneToOneField(SpeakersList, on_delete=models.CASCADE, related_name="draw")
    requests = models.JSONField(_("requests drawn"))
    commitment = models.CharField(_("commitment (SHA-256)"), max_length=64)
    announced_value = models.CharField(_("value announced in the room"), max_length=100, blank=True)
    algorithm = models.CharField(_("algorithm"), max_length=40)
    order = models.JSONField(_("order drawn"), default=list)
    committed_at = models.DateTimeField(_("commitment published at"), auto_now_add=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("drawing of lots")
        verbose_name_plural = _("drawings of lots")

    def __str__(self):
        return f"{self.speakers_list}: {self.commitment[:12]}"

    @property
    def is_drawn(self) -> bool:
        return self.drawn_at is not None


class Turn(models.Model):
    """One speaker's time at the floor."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="turn")
    called_at = models.DateTimeField(_("called at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    seconds_used = models.PositiveIntegerField(_("seconds used"), null=True, blank=True)

    class Meta:
        verbose_name = _("turn")
        verbose_name_plural = _("turns")
        ordering = ["called_at", "id"]

    def __str__(self):
        return f"{self.request} {self.called_at:%H:%M:%S}"


class SeatingPlan(models.Model):
    """Seats by delegation in the alphabetical order of country names in `language`, starting from
    the country drawn by lot (the UN General Assembly's rule)."""

    session = models.OneToOneField(
        "programme.Session", verbose_name=_("session"), on_delete=models.CASCADE, related_name="seating_plan"
    )
    language = models.CharField(_("language of the country names"), max_length=7, choices=settings.LANGUAGES)
    countries = models.JSONField(_("countries drawn from"))
    commitment = models.CharField(_("commitment (SHA-256)"), max_length=64)
    announced_value = models.CharField(_("value announced in the room"), max_length=100)
    algorithm = models.CharField(_("algorithm"), max_length=40)
    first_country = models.ForeignKey(
        "directory.Country", verbose_name=_("first country"), on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        verbose_name = _("seating plan")
        verbose_name_plural = _("seating plans")

    def __str__(self):
        return str(self.session)
