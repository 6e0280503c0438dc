import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.storage import private_storage, unguessable_name


def new_reference() -> str:
    """A short reference printed on the badge and typed at check-in (no 0/O, 1/I confusion)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


# The version of the wording of the consent to appear in the list of participants; a new wording
# gets a new version, so that each consent records which text it answered.
LIST_CONSENT_VERSION = "2026-12-01"


class Mode(models.TextChoices):
    ONSITE = "onsite", _("Onsite, in the host city")
    ONLINE = "online", _("Online")


class TrackCapacity(models.Model):
    """The scarce resource of a track: onsite seats. Its row is what services lock."""

    track = models.OneToOneField(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="capacity"
    )
    onsite_seats = models.PositiveIntegerField(_("onsite seats (venue)"), default=0)
    onsite_mps_per_delegation = models.PositiveSmallIntegerField(
        _("onsite members of parliament per delegation"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit."),
    )
    onsite_others_per_delegation = models.PositiveSmallIntegerField(
        _("onsite advisers and staff per delegation"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    online_per_delegation = models.PositiveSmallIntegerField(
        _("online participants per delegation"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    requires_vetting = models.BooleanField(_("the secretariat vets each registration"), default=False)
    registration_open = models.BooleanField(_("registration open"), default=True)
    next_queue_number = models.PositiveIntegerField(default=1, editable=False)
    privacy_notice = models.JSONField(_("privacy notice"), default=dict, blank=True)

    class Meta:
        verbose_name = _("track capacity")
        verbose_name_plural = _("track capacities")

    def __str__(self):
        return f"{self.track}: {self.onsite_seats}"

    def delegation_limit(self, key: str) -> int | None:
        """The limit per delegation named `key` (Registration.delegation_limit_key); None: no limit."""
        return getattr(self, f"{key}_per_delegation")


class Delegation(models.Model):
    class Response(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation response", "Not yet answered")
        ACCEPTED = "accepted", pgettext_lazy("invitation response", "Accepted")
        DECLINED = "declined", pgettext_lazy("invitation response", "Declined")

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="delegations"
    )
    parliament = models.ForeignKey(
        "directory.Parliament",
        verbose_name=_("parliament"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    response = models.CharField(
        _("answer to the invitation"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_version = models.PositiveIntegerField(_("link version"), default=1)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(fields=["track", "parliament"], name="one_delegation_per_track")
        ]

    def __str__(self):
        return f"{self.parliament} – {self.track}"

    @property
    def link_valid_until(self):
        return self.track.links_valid_until

    @property
    def is_unanswered(self) -> bool:
        return self.response == self.Response.PENDING

    @property
    def has_accepted(self) -> bool:
        return self.response == self.Response.ACCEPTED

    @property
    def has_declined(self) -> bool:
        return self.response == self.Response.DECLINED


class MemberKind(models.TextChoices):
    MP = "mp", _("Member of parliament")
    ADVISER = "adviser", _("Adviser")
    STAFF = "staff", _("Parliamentary staff")


class WaitingFor(models.TextChoices):
    """Which queue a waitlisted registration is in: each is promoted in order of submission."""

    NOTHING = "", _("Not waiting")
    VENUE = "venue", _("a seat at the venue")
    DELEGATION = "delegation", _("a place in the delegation's limit")


class DelegationRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    MEMBER = "member", _("Member")
    ADVISER = "adviser", _("Adviser")
    SECRETARY = "secretary", _("Secretary")


class DelegationMember(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("directory.Person", verbose_name=_("person"), on_delete=models.PROTECT)
    kind = models.CharField(_("is a"), max_length=10, choices=MemberKind.choices, default=MemberKind.MP)
    role = models.CharField(
        _("role in the delegation"),
        max_length=10,
        choices=DelegationRole.choices,
        default=DelegationRole.MEMBER,
    )
    link_sent_at = models.DateTimeField(_("registration link sent"), null=True, blank=True)
    link_version = models.PositiveIntegerField(_("link version"), default=1)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["delegation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["delegation", "person"], name="person_once_per_delegation"),
            models.UniqueConstraint(
                fields=["delegation"], condition=Q(role="head"), name="one_head_per_delegation"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    @property
    def link_valid_until(self):
        return self.delegation.track.links_valid_until


def photo_upload_path(instance, filename):
    return unguessable_name(f"badges/{instance.track_id}", "photo.jpg")


class Registration(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("registration status", "Submitted")
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
        REJECTED = "rejected", pgettext_lazy("registration status", "Rejected")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="registrations"
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.PROTECT, related_name="registrations"
    )
    member = models.OneToOneField(
        DelegationMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="registration"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    mode = models.CharField(_("participation"), max_length=6, choices=Mode.choices, default=Mode.ONSITE)
    kind = models.CharField(_("is a"), max_length=10, choices=MemberKind.choices, default=MemberKind.MP)
    queue_number = models.PositiveIntegerField(
        _("order of submission"), null=True, blank=True, editable=False
    )
    waiting_for = models.CharField(
        _("waiting for"), max_length=10, choices=WaitingFor.choices, default="", blank=True, editable=False
    )
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES, default="en")

    honorific = models.CharField(_("honorific"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"))
    given_name = models.CharField(_("given names (as in the passport)"), max_length=100)
    family_name = models.CharField(_("family name (as in the passport)"), max_length=100)
    name_arabic = models.CharField(_("name in Arabic script"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=12, default="undisclosed")
    nationality = models.ForeignKey(
        "directory.Country", verbose_name=_("nationality"), on_delete=models.PROTECT, related_name="+"
    )
    chamber = models.ForeignKey(
        "directory.Chamber", verbose_name=_("chamber"), null=True, blank=True, on_delete=models.SET_NULL
    )
    functions = models.CharField(_("functions"), max_length=300, blank=True)
    committees = models.CharField(_("committees"), max_length=300, blank=True)
    digital_committee = models.BooleanField(_("sits on a committee on digital affairs / ICT"), default=False)
    days = models.JSONField(_("days attending"), default=list)
    interpretation = models.JSONField(_("languages for interpretation"), default=list, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=300, blank=True)
    visa_letter = models.BooleanField(_("needs a visa support letter"), default=False)
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    passport_expiry = models.DateField(_("passport expiry"), null=True, blank=True)
    photo = models.ImageField(
        _("photo for the badge"), upload_to=photo_upload_path, storage=private_storage, blank=True
    )
    arrival = models.DateField(_("arrival"), null=True, blank=True)
    departure = models.DateField(_("departure"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent to the privacy notice given at"))
    consent_language = models.CharField(max_length=7)
    # Appearing in the published list of participants is a separate choice, off unless ticked.
    list_consent_at = models.DateTimeField(
        _("consent to appear in the list of participants given at"), null=True, blank=True
    )
    list_consent_language = models.CharField(max_length=7, blank=True)
    list_consent_version = models.CharField(max_length=20, blank=True)
    list_consent_text = models.TextField(_("wording of the consent to appear in the list"), blank=True)
    # Set when the retention job or an erasure took the person out: the row stays, as a count.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    rejection_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["track", "queue_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["track", "person"], name="one_registration_per_person_per_track"),
            models.UniqueConstraint(fields=["track", "queue_number"], name="queue_number_unique_per_track"),
            models.CheckConstraint(
                condition=Q(departure__isnull=True)
                | Q(arrival__isnull=True)
                | Q(departure__gte=F("arrival")),
                name="registration_departs_after_arrival",
            ),
            models.CheckConstraint(
                condition=Q(visa_letter=True) | (Q(passport_number="") & Q(passport_expiry__isnull=True)),
                name="passport_kept_only_for_visa_letter",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "confirmed", "waitlisted", "rejected", "cancelled"]),
                name="registration_status_known",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=["onsite", "online"]), name="registration_mode_known"
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waiting_for__in=["venue", "delegation"])
                | (~Q(status="waitlisted") & Q(waiting_for="")),
                name="registration_waits_in_one_queue",
            ),
        ]
        indexes = [
            models.Index(fields=["track", "status", "mode"], name="registration_seat_count"),
            models.Index(fields=["delegation", "status", "mode"], name="registration_delegation_count"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.reference})"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.honorific, self.given_name, self.family_name) if part)

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_closed(self) -> bool:
        """Rejected or cancelled: nothing more happens to it (no seats, no changes)."""
        return self.status in (self.Status.REJECTED, self.Status.CANCELLED)

    @property
    def holds_onsite_seat(self) -> bool:
        return self.status == self.Status.CONFIRMED and self.mode == Mode.ONSITE

    @property
    def delegation_limit_key(self) -> str:
        """Which of the delegation's limits this registration counts against (TrackCapacity's names,
        without the `_per_delegation` suffix)."""
        if self.mode == Mode.ONLINE:
            return "online"
        return "onsite_mps" if self.kind == MemberKind.MP else "onsite_others"


class CheckIn(models.Model):
    """Attendance of a confirmed onsite delegate on one day; a second scan records nothing."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="checkins")
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("checked in at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["registration", "day"], name="one_checkin_per_day")]

    def __str__(self):
        return f"{self.registration} {self.day}"
