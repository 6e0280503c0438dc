"""Queries to the secretariat: a thread per question, its messages, and the secretariat's reply templates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.storage import private_storage, unguessable_name


class Category(models.TextChoices):
    INVITATION = "invitation", pgettext_lazy("query category", "Invitation")
    REGISTRATION = "registration", pgettext_lazy("query category", "Registration")
    VISA = "visa", pgettext_lazy("query category", "Visa")
    FUNDING = "funding", pgettext_lazy("query category", "Travel funding")
    PROGRAMME = "programme", pgettext_lazy("query category", "Programme")
    OUTPUT_DOCUMENT = "output", pgettext_lazy("query category", "Output document")
    OTHER = "other", pgettext_lazy("query category", "Other")


class Query(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("query status", "Open")
        WAITING = "waiting", pgettext_lazy("query status", "Waiting for the asker")
        ANSWERED = "answered", pgettext_lazy("query status", "Answered")
        CLOSED = "closed", pgettext_lazy("query status", "Closed")

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="queries"
    )
    category = models.CharField(_("subject"), max_length=12, choices=Category.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    asker_name = models.CharField(_("name"), max_length=200)
    asker_email = models.EmailField(_("e-mail"))
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="queries"
    )
    parliament = models.ForeignKey(
        "directory.Parliament",
        verbose_name=_("parliament"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="queries",
    )
    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="queries",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_queries",
    )
    created_at = models.DateTimeField(_("asked at"))
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    link_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("query")
        verbose_name_plural = _("queries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["track", "status"])]

    def __str__(self):
        return f"#{self.pk} {self.asker_email}"

    @property
    def link_valid_until(self):
        return self.track.links_valid_until


def attachment_path(instance, filename):
    return unguessable_name(f"queries/{instance.query.track_id}", filename)


class Message(models.Model):
    class Author(models.TextChoices):
        ASKER = "asker", pgettext_lazy("query message author", "Asker")
        SECRETARIAT = "secretariat", pgettext_lazy("query message author", "Secretariat")

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=12, choices=Author.choices)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    attachment = models.FileField(
        _("attachment"), upload_to=attachment_path, storage=private_storage, blank=True, max_length=300
    )
    by_email = models.BooleanField(_("received by e-mail"), default=False)
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.query_id}/{self.pk}"

    @property
    def attachment_filename(self) -> str:
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else ""


class ReplyTemplate(models.Model):
    """A standard answer the secretariat starts from, written once per language."""

    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["name", "language"]
        constraints = [
            models.UniqueConstraint(fields=["name", "language"], name="one_reply_template_per_language")
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"
