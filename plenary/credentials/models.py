from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.storage import private_storage, unguessable_name


class From(models.TextChoices):
    """From which state of its delegation's credentials something is allowed."""

    ALWAYS = "always", pgettext_lazy("credentials gate", "Without credentials")
    RECEIVED = "received", pgettext_lazy("credentials gate", "Once received")
    VERIFIED = "verified", pgettext_lazy("credentials gate", "Only once verified")


class Level(models.TextChoices):
    WARNING = "warning", pgettext_lazy("composition rule", "Warning")
    BLOCK = "block", pgettext_lazy("composition rule", "Block")


class TrackRulesManager(models.Manager):
    def for_track(self, track) -> "TrackRules":
        """The track's rules; their defaults, unsaved, until the secretariat's first use makes the row
        (`made_for`): reading them writes nothing, so public pages stay one query."""
        return self.filter(track=track).first() or TrackRules(track=track)

    def made_for(self, track) -> "TrackRules":
        return self.get_or_create(track=track)[0]


class TrackRules(models.Model):
    """A track's rules on credentials and the composition of delegations; its row is made on first use
    with defaults that change nothing a track already does (every gate open, the women rule a warning)."""

    track = models.OneToOneField(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="credentials_rules"
    )
    badges_from = models.CharField(
        _("badges printed"), max_length=10, choices=From.choices, default=From.ALWAYS
    )
    funding_from = models.CharField(
        _("travel funding offered"), max_length=10, choices=From.choices, default=From.ALWAYS
    )
    participants_from = models.CharField(
        _("names on the public participants page"), max_length=10, choices=From.choices, default=From.ALWAYS
    )
    floor_from = models.CharField(
        _("the right to take the floor"), max_length=10, choices=From.choices, default=From.ALWAYS
    )
    women_rule = models.CharField(
        _("at least one woman, when the parliament has women members"),
        max_length=10,
        choices=Level.choices,
        default=Level.WARNING,
    )

    objects = TrackRulesManager()

    class Meta:
        verbose_name = _("credentials and composition rules")
        verbose_name_plural = _("credentials and composition rules")

    def __str__(self):
        return str(self.track)


def document_upload_path(instance, filename):
    return unguessable_name(f"credentials/{instance.delegation_id}", "credentials.pdf")


class Credentials(models.Model):
    class State(models.TextChoices):
        NOT_RECEIVED = "not_received", pgettext_lazy("credentials state", "Not received")
        RECEIVED = "received", pgettext_lazy("credentials state", "Received")
        VERIFIED = "verified", pgettext_lazy("credentials state", "Verified")
        PROVISIONAL = "provisional", pgettext_lazy("credentials state", "Provisional")
        NOT_ACCEPTED = "not_accepted", pgettext_lazy("credentials state", "Not accepted")

    class Channel(models.TextChoices):
        UPLOAD = "upload", pgettext_lazy("credentials channel", "Uploaded by the focal point")
        POST = "post", pgettext_lazy("credentials channel", "By post")
        EMAIL = "email", pgettext_lazy("credentials channel", "By e-mail")

    delegation = models.OneToOneField(
        "registration.Delegation",
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="credentials",
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.NOT_RECEIVED)
    channel = models.CharField(_("received by"), max_length=10, choices=Channel.choices, blank=True)
    document = models.FileField(
        _("designation (PDF)"), upload_to=document_upload_path, storage=private_storage, blank=True
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("credentials")
        verbose_name_plural = _("credentials")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    state__in=["not_received", "received", "verified", "provisional", "not_accepted"]
                ),
                name="credentials_state_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="not_accepted") | ~models.Q(reason=""),
                name="credentials_not_accepted_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.delegation}: {self.get_state_display()}"


class MemberStanding(models.Model):
    """What the composition rules need to know of a member that registration does not record."""

    member = models.OneToOneField(
        "registration.DelegationMember", on_delete=models.CASCADE, related_name="standing"
    )
    former_mp = models.BooleanField(_("former member of parliament"), default=False)
    honorary = models.BooleanField(_("honorary member"), default=False)

    class Meta:
        verbose_name = _("member's standing")
        verbose_name_plural = _("members' standing")

    def __str__(self):
        return str(self.member)
