"""The output document of a track: sections, paragraphs with a stable identity, published versions,
per-language text with a translation status, and the delegates' comments and amendments."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.fields import TranslatedField


class Document(models.Model):
    """A track's output document; its working text is edited, then frozen into versions."""

    track = models.OneToOneField(
        "events.Track", verbose_name=_("track"), on_delete=models.PROTECT, related_name="outcome_document"
    )
    title = TranslatedField(_("title"), max_length=300)
    source_language = models.CharField(
        _("drafting language"), max_length=7, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("output document")
        verbose_name_plural = _("output documents")

    def __str__(self):
        return str(self.title)

    @property
    def translation_primary_language(self) -> str:
        return self.source_language


class Section(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = TranslatedField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["document", "order", "id"]

    def __str__(self):
        return str(self.title)

    @property
    def translation_primary_language(self) -> str:
        return self.document.source_language


class Paragraph(models.Model):
    """One paragraph's identity, kept across versions; the fields here are the working copy."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="paragraphs")
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT)
    order = models.PositiveIntegerField(_("order"), default=0)
    source_language = models.CharField(
        _("source language"),
        max_length=7,
        choices=settings.LANGUAGES,
        help_text=_("The language the current text was written in; the others are translations of it."),
    )
    is_deleted = models.BooleanField(_("deleted"), default=False)
    sources = models.ManyToManyField(
        "MainPoint", verbose_name=_("drawn from"), blank=True, related_name="paragraphs"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["section__order", "section_id", "order", "id"]

    def __str__(self):
        return f"¶{self.pk}"


class TranslationStatus(models.TextChoices):
    MISSING = "missing", pgettext_lazy("translation status", "Missing")
    DRAFT = "draft", pgettext_lazy("translation status", "Draft")
    VERIFIED = "verified", pgettext_lazy("translation status", "Verified")


class ParagraphText(models.Model):
    """A paragraph's working text in one language; `stale` once its source changed after it."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TranslationStatus.choices, default=TranslationStatus.DRAFT
    )
    stale = models.BooleanField(_("source changed since"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("paragraph text")
        verbose_name_plural = _("paragraph texts")
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "language"], name="one_text_per_language"),
            models.CheckConstraint(condition=~Q(status="missing") | Q(text=""), name="missing_text_is_empty"),
        ]

    def __str__(self):
        return f"{self.paragraph} [{self.language}]"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft for the delegates")
    ADOPTED = "adopted", _("Adopted")


class Version(models.Model):
    """A frozen state of the document: a draft shared with the delegates, or the adopted text."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    note = models.TextField(_("note to the delegates"), blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comments_open_at = models.DateTimeField(_("comments open"), null=True, blank=True)
    comments_close_at = models.DateTimeField(_("comments close"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_once"),
            models.CheckConstraint(
                condition=Q(comments_close_at__isnull=True)
                | Q(comments_open_at__isnull=True)
                | Q(comments_close_at__gt=F("comments_open_at")),
                name="comment_period_ends_after_it_opens",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_at__isnull=False), name="adopted_version_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.document} – v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def comments_open(self, now) -> bool:
        return bool(
            self.comments_open_at
            and self.comments_close_at
            and self.comments_open_at <= now < self.comments_close_at
        )


class ParagraphVersion(models.Model):
    """A paragraph as it stood in one version: its number, place and text in every language."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="paragraphs")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="versions")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"))
    source_language = models.CharField(max_length=7, choices=settings.LANGUAGES)
    text = models.JSONField(_("text"), default=dict, help_text=_("Language code → text."))
    status = models.JSONField(
        _("translation status"),
        default=dict,
        help_text=_("Language code → missing / draft / verified / stale."),
    )
    sources = models.ManyToManyField("MainPoint", blank=True, related_name="paragraph_versions")

    class Meta:
        verbose_name = _("paragraph in a version")
        verbose_name_plural = _("paragraphs in a version")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "paragraph"], name="paragraph_once_per_version"),
            models.UniqueConstraint(fields=["version", "number"], name="paragraph_number_once_per_version"),
        ]

    def __str__(self):
        return f"{self.version} ¶{self.number}"


class Stance(models.TextChoices):
    SUPPORT = "support", _("Support")
    OPPOSE = "oppose", _("Oppose")
    NEUTRAL = "neutral", _("Neutral")


class Comment(models.Model):
    """A delegate's comment on a paragraph of a version; kept with that version forever."""

    paragraph_version = models.ForeignKey(ParagraphVersion, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    text = models.TextField(_("comment"), blank=True)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.paragraph_version}: {self.get_stance_display()}"


class AmendmentKind(models.TextChoices):
    REPLACE = "replace", _("Replace the paragraph")
    INSERT_AFTER = "insert_after", _("Insert a new paragraph after it")
    DELETE = "delete", _("Delete the paragraph")


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("amendment status", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("amendment status", "Accepted")
    MERGED = "merged", pgettext_lazy("amendment status", "Merged")
    REJECTED = "rejected", pgettext_lazy("amendment status", "Rejected")


class Amendment(models.Model):
    paragraph_version = models.ForeignKey(
        ParagraphVersion, on_delete=models.PROTECT, related_name="amendments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=15, choices=AmendmentKind.choices)
    text = models.TextField(_("proposed text"), blank=True)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.PROPOSED
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    taken_in = models.ForeignKey(
        Version,
        verbose_name=_("taken into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments_taken",
    )

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="delete") | ~Q(text=""), name="amendment_with_text_unless_delete"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""), name="rejection_gives_reason"
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(decided_at__isnull=False), name="decision_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.paragraph_version}: {self.get_kind_display()}"

    @property
    def is_proposed(self) -> bool:
        """Not decided yet: the secretariat may still accept, merge or reject it."""
        return self.status == AmendmentStatus.PROPOSED

    @property
    def can_be_merged(self) -> bool:
        """A proposed change to a paragraph's text (an insertion adds a paragraph, it is not merged)."""
        return self.is_proposed and self.kind != AmendmentKind.INSERT_AFTER


class MainPointKind(models.TextChoices):
    KEY_POINT = "key_point", _("Key point")
    RECOMMENDATION = "recommendation", _("Recommendation")
    QUOTE = "quote", _("Notable quote")


class MainPointStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("main point status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("main point status", "Submitted")


class MainPoint(models.Model):
    """A main point of a session, recorded by its rapporteurs in the session's language."""

    session = models.ForeignKey(
        "programme.Session", verbose_name=_("session"), on_delete=models.PROTECT, related_name="main_points"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=MainPointKind.choices)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    speaker = models.ForeignKey(
        "programme.Speaker",
        verbose_name=_("said by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=MainPointStatus.choices, default=MainPointStatus.DRAFT
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("main point")
        verbose_name_plural = _("main points")
        ordering = ["session", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="quote") | Q(speaker__isnull=False), name="quote_is_attributed"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="main_point_has_text"),
        ]

    def __str__(self):
        return f"{self.session}: {self.get_kind_display()}"
