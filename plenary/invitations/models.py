from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.fields import TranslatedField
from plenary.core.storage import private_storage, unguessable_name


def invitation_letter_path(instance, filename):
    return unguessable_name("invitations/letters", filename)


def archive_path(instance, filename):
    return unguessable_name("invitations/archives", filename)


class Layout(models.TextChoices):
    SEQUENTIAL = "sequential", _("One language after the other, each on a new page")
    COLUMNS = "columns", _("Two languages side by side")


class LetterTemplate(models.Model):
    """The invitation letter of a track: a body per language, with placeholders, and its layout."""

    track = models.OneToOneField(
        "events.Track", verbose_name=_("track"), on_delete=models.CASCADE, related_name="letter_template"
    )
    languages = models.JSONField(
        _("language order"),
        default=list,
        help_text=_('The order languages appear in a letter, e.g. ["ar", "en"]; also the default languages.'),
    )
    layout = models.CharField(_("layout"), max_length=12, choices=Layout.choices, default=Layout.SEQUENTIAL)
    letterhead = TranslatedField(_("letterhead"), multiline=True, blank=True)
    addressee_line = TranslatedField(_("addressee line"), max_length=300, blank=True)
    letter_date = models.DateField(_("date of the letter"))
    salutation = TranslatedField(_("salutation"), max_length=200, blank=True)
    body = TranslatedField(_("body"), multiline=True)
    closing = TranslatedField(_("closing"), max_length=200, blank=True)
    enclosures = TranslatedField(_("enclosures"), multiline=True, blank=True)
    reference_pattern = models.CharField(
        _("reference number pattern"),
        max_length=100,
        default="{seq}",
        help_text=_("{seq} is replaced by the invitation's number, e.g. IPU/IGF/2023/{seq}."),
    )
    email_subject = TranslatedField(_("e-mail subject"), max_length=200)
    email_body = TranslatedField(_("e-mail cover text"), multiline=True)
    addressee_functions = models.JSONField(
        _("addressee rule"),
        default=list,
        help_text=_(
            "Function codes in order of preference: the first the parliament has a contact for wins."
        ),
    )
    cc_functions = models.JSONField(_("functions copied"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self):
        return str(self.track)

    @property
    def translation_primary_language(self) -> str:
        return self.track.primary_language

    def clean(self):
        from plenary.invitations.letters import placeholder_errors

        errors = placeholder_errors(self)
        if errors:
            raise ValidationError(errors)


class LetterSignature(models.Model):
    """A co-signatory's block under the closing: name, title and organisation as written per language."""

    template = models.ForeignKey(LetterTemplate, on_delete=models.CASCADE, related_name="signatures")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = TranslatedField(
        _("signature block"), multiline=True, help_text=_("Markdown, one line per line, e.g. **name**.")
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["template", "order", "id"]

    def __str__(self):
        return str(self.text).splitlines()[0] if self.text else str(self.pk)


class Invitation(models.Model):
    """One parliament invited to one track: who it is addressed to, in which languages, and its fate."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        RESPONDED = "responded", _("Responded")

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.PROTECT, related_name="invitations"
    )
    parliament = models.ForeignKey(
        "directory.Parliament",
        verbose_name=_("parliament"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    seq = models.PositiveIntegerField(_("number"))
    reference = models.CharField(_("reference number"), max_length=120)
    addressee = models.ForeignKey(
        "directory.Person",
        verbose_name=_("addressee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_email = models.EmailField(_("sent to"), blank=True)
    cc = models.JSONField(_("copied to"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    letter = models.FileField(
        _("letter"), upload_to=invitation_letter_path, storage=private_storage, blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    message = models.ForeignKey(
        "core.OutboxMessage",
        verbose_name=pgettext_lazy("e-mail message", "e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_version = models.PositiveIntegerField(_("link version"), default=1)
    created_at = models.DateTimeField(pgettext_lazy("invitation", "created"), auto_now_add=True)
    queued_at = models.DateTimeField(pgettext_lazy("invitation", "queued"), null=True, blank=True)
    sent_at = models.DateTimeField(pgettext_lazy("invitation", "sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(pgettext_lazy("invitation", "delivered"), null=True, blank=True)
    failed_at = models.DateTimeField(pgettext_lazy("invitation", "failed"), null=True, blank=True)
    responded_at = models.DateTimeField(pgettext_lazy("invitation", "responded"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["track", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["track", "parliament"], name="one_invitation_per_parliament"),
            models.UniqueConstraint(fields=["track", "seq"], name="invitation_number_once_per_track"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "queued", "sent", "delivered", "failed", "responded"]),
                name="invitation_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.parliament}"

    @property
    def link_valid_until(self):
        return self.track.links_valid_until


class LetterArchive(models.Model):
    """All the letters of a track in one ZIP, built by a background task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Building")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    track = models.ForeignKey("events.Track", on_delete=models.CASCADE, related_name="letter_archives")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("letters"), default=0)
    done = models.PositiveIntegerField(_("letters done"), default=0)
    file = models.FileField(_("file"), upload_to=archive_path, storage=private_storage, blank=True)
    error = models.TextField(_("error"), blank=True)
    failures = models.JSONField(
        _("letters not rendered"),
        default=dict,
        blank=True,
        help_text=_(
            "By ISO3 code, why the parliament's letter is missing from the ZIP; a retry renders these."
        ),
    )
    created_at = models.DateTimeField(pgettext_lazy("letter archive", "requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("letter archive")
        verbose_name_plural = _("letter archives")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.track} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
