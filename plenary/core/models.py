from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    FOCAL_POINT = "focal_point", _("Parliament focal point")
    DELEGATE = "delegate", _("Delegate")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    REVIEWER = "reviewer", _("Reviewer")


PARLIAMENT_SCOPED_ROLES = (Role.FOCAL_POINT, Role.DELEGATE)


class RoleAssignment(models.Model):
    """A user holds a role, for one parliament (focal point, delegate) or for all."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    parliament = models.ForeignKey(
        "directory.Parliament",
        verbose_name=_("parliament"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "parliament"], name="role_once_per_parliament"),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(parliament__isnull=True),
                name="global_role_once",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=PARLIAMENT_SCOPED_ROLES) | Q(parliament__isnull=False),
                name="parliament_roles_name_a_parliament",
            ),
        ]

    def __str__(self):
        scope = f" ({self.parliament})" if self.parliament_id else ""
        return f"{self.user} – {self.get_role_display()}{scope}"


class AuditEntry(models.Model):
    """Who changed what, when, and on whose behalf; written by services, never edited."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class OutboxMessage(models.Model):
    """One e-mail, written in the sender's transaction and delivered by a worker afterwards.

    The Message-ID is fixed when the message is queued, so every attempt (and a resend after a
    crash) carries the same one; see plenary.core.outbox for the delivery protocol.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("e-mail status", "queued")
        SENDING = "sending", pgettext_lazy("e-mail status", "sending")
        RETRY = "retry", pgettext_lazy("e-mail status", "retry scheduled")
        SENT = "sent", pgettext_lazy("e-mail status", "sent")
        FAILED = "failed", pgettext_lazy("e-mail status", "failed")

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    dedupe_key = models.CharField(_("deduplication key"), max_length=255, null=True, blank=True, unique=True)
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    claimed_by = models.CharField(_("worker"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    related_type = models.ForeignKey(
        ContentType, verbose_name=_("related type"), null=True, blank=True, on_delete=models.SET_NULL
    )
    related_id = models.CharField(_("related object"), max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("queued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["related_type", "related_id"], name="outbox_related"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["queued", "retry"]) | Q(next_attempt_at__isnull=False),
                name="outbox_deliverable_has_next_attempt",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outbox_sent_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def is_retrying(self) -> bool:
        return self.status == self.Status.RETRY

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def recipients(self) -> list[str]:
        return [*self.to, *self.cc]


class OutboxAttachment(models.Model):
    """A file sent with an outbox message, kept as bytes so that every attempt sends the same ones."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    position = models.PositiveSmallIntegerField()
    filename = models.CharField(_("file name"), max_length=255)
    mimetype = models.CharField(_("type"), max_length=255)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["message", "position"]
        constraints = [
            models.UniqueConstraint(fields=["message", "position"], name="outbox_attachment_position"),
        ]

    def __str__(self):
        return self.filename


class PeriodicJob(models.Model):
    """When a job of settings.PLENARY_PERIODIC_JOBS runs next, and which `plenary work` runs it now.

    See plenary.core.periodic: the row is the lock that keeps two processes from running a job at once.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    running_by = models.CharField(_("running in"), max_length=200, blank=True)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")
        ordering = ["name"]

    def __str__(self):
        return self.name
