from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
