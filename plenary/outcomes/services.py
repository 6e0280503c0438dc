"""Every change to an output document: editing the working text, translating, publishing versions,
comment periods, comments and amendments, adoption. Each runs in a transaction and is audited."""

import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.core.audit import record
from plenary.core.languages import LANGUAGE_CODES
from plenary.outcomes import rules, webhook_events
from plenary.outcomes.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Comment,
    Document,
    MainPoint,
    MainPointKind,
    MainPointStatus,
    Paragraph,
    ParagraphText,
    ParagraphVersion,
    Section,
    Stance,
    TranslationStatus,
    Version,
    VersionStatus,
)

MAX_TEXT = 10_000


def _require_secretariat(actor):
    if not rules.is_secretariat(actor):
        raise PermissionDenied(_("Only the secretariat may do this."))


def _clean_language(language: str) -> str:
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Choose one of the six UN languages."))
    return language


def _clean_text(text: str, *, required=True) -> str:
    """Trimmed text with Unix line breaks and no control characters (they break XML exports)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc").strip()
    if required and not text:
        raise ValidationError(_("Enter a text."))
    if len(text) > MAX_TEXT:
        raise ValidationError(_("The text is longer than %(limit)d characters.") % {"limit": MAX_TEXT})
    return text


# --- the working text ---------------------------------------------------------------------------


@transaction.atomic
def create_document(*, actor, track, title, source_language: str = "en") -> Document:
    _require_secretariat(actor)
    document = Document.objects.create(
        track=track, title=title, source_language=_clean_language(source_language)
    )
    record(actor=actor, action="outcomes.document.create", target=document)
    return document


@transaction.atomic
def add_section(*, actor, document: Document, title) -> Section:
    _require_secretariat(actor)
    last = document.sections.aggregate(last=Max("order"))["last"]
    section = Section.objects.create(document=document, title=title, order=0 if last is None else last + 1)
    record(actor=actor, action="outcomes.section.add", target=section)
    return section


def _place_after(paragraph: Paragraph) -> int:
    Paragraph.objects.filter(section=paragraph.section, order__gt=paragraph.order).update(
        order=F("order") + 1
    )
    return paragraph.order + 1


@transaction.atomic
def add_paragraph(
    *, actor, section: Section, text: str, language: str | None = None, after: Paragraph | None = None
) -> Paragraph:
    """A new paragraph at the end of `section` (or right after `after`), written in `language`."""
    _require_secretariat(actor)
    return _new_paragraph(actor=actor, section=section, text=text, language=language, after=after)


def _new_paragraph(*, actor, section, text, language, after) -> Paragraph:
    language = _clean_language(language or section.document.source_language)
    text = _clean_text(text)
    if after is not None:
        section, order = after.section, _place_after(after)
    else:
        last = section.paragraph_set.aggregate(last=Max("order"))["last"]
        order = 0 if last is None else last + 1
    paragraph = Paragraph.objects.create(
        document=section.document, section=section, order=order, source_language=language
    )
    ParagraphText.objects.create(
        paragraph=paragraph, language=language, text=text, status=TranslationStatus.VERIFIED
    )
    record(actor=actor, action="outcomes.paragraph.add", target=paragraph, changes={"text": {language: text}})
    return paragraph


def _write_source(paragraph: Paragraph, language: str, text: str) -> None:
    """`text` becomes the paragraph's source; every other language's text goes stale."""
    paragraph.source_language = language
    paragraph.save(update_fields=["source_language"])
    ParagraphText.objects.update_or_create(
        paragraph=paragraph,
        language=language,
        defaults={"text": text, "status": TranslationStatus.VERIFIED, "stale": False},
    )
    paragraph.texts.exclude(language=language).exclude(status=TranslationStatus.MISSING).update(stale=True)


@transaction.atomic
def edit_text(*, actor, paragraph: Paragraph, language: str, text: str) -> ParagraphText:
    """Edit the source text (its translations go stale) or write a translation (a draft until verified)."""
    _require_secretariat(actor)
    language = _clean_language(language)
    paragraph = Paragraph.objects.select_for_update().get(pk=paragraph.pk)
    if language == paragraph.source_language:
        text = _clean_text(text)
        before = paragraph.texts.get(language=language).text
        if text != before:
            _write_source(paragraph, language, text)
    else:
        text = _clean_text(text, required=False)
        ParagraphText.objects.update_or_create(
            paragraph=paragraph,
            language=language,
            defaults={
                "text": text,
                "status": TranslationStatus.DRAFT if text else TranslationStatus.MISSING,
                "stale": False,
            },
        )
    record(
        actor=actor, action="outcomes.paragraph.edit", target=paragraph, changes={"text": {language: text}}
    )
    return paragraph.texts.get(language=language)


@transaction.atomic
def verify_translation(*, actor, paragraph: Paragraph, language: str) -> ParagraphText:
    _require_secretariat(actor)
    item = ParagraphText.objects.select_for_update().filter(paragraph=paragraph, language=language).first()
    if item is None or not item.text:
        raise ValidationError(_("There is no text in this language to verify."))
    item.status, item.stale = TranslationStatus.VERIFIED, False
    item.save(update_fields=["status", "stale", "updated_at"])
    record(
        actor=actor, action="outcomes.translation.verify", target=paragraph, changes={"language": language}
    )
    return item


@transaction.atomic
def delete_paragraph(*, actor, paragraph: Paragraph) -> None:
    _require_secretariat(actor)
    _remove(actor, paragraph)


def _remove(actor, paragraph):
    paragraph.is_deleted = True
    paragraph.save(update_fields=["is_deleted"])
    record(actor=actor, action="outcomes.paragraph.delete", target=paragraph)


@transaction.atomic
def move_paragraph(
    *, actor, paragraph: Paragraph, after: Paragraph | None = None, section: Section | None = None
):
    """Move to right after `after`, or to the start of `section`."""
    _require_secretariat(actor)
    if after is not None:
        paragraph.section, paragraph.order = after.section, _place_after(after)
    else:
        Paragraph.objects.filter(section=section).update(order=F("order") + 1)
        paragraph.section, paragraph.order = section, 0
    paragraph.save(update_fields=["section", "order"])
    record(actor=actor, action="outcomes.paragraph.move", target=paragraph)


# --- versions -----------------------------------------------------------------------------------


def _status_of(item: ParagraphText | None) -> str:
    if item is None or not item.text:
        return TranslationStatus.MISSING
    return "stale" if item.stale else item.status


@transaction.atomic
def publish_version(
    *, actor, document: Document, comments_open_at=None, comments_close_at=None, note=""
) -> Version:
    """Freeze the working text into the next draft version; it records the amendments it takes."""
    _require_secretariat(actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if comments_open_at and comments_close_at and comments_close_at <= comments_open_at:
        raise ValidationError(_("The comment period must close after it opens."))
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    now = timezone.now()
    _end_comments_on_earlier_versions(actor, document, now)
    version = Version.objects.create(
        document=document,
        number=last + 1,
        note=_clean_text(note, required=False),
        published_at=now,
        published_by=actor,
        comments_open_at=comments_open_at,
        comments_close_at=comments_close_at,
    )
    paragraphs = (
        Paragraph.objects.filter(document=document, is_deleted=False)
        .select_related("section")
        .prefetch_related("texts", "sources")
        .order_by("section__order", "section_id", "order", "id")
    )
    rows = []
    for number, paragraph in enumerate(paragraphs, start=1):
        texts = {item.language: item for item in paragraph.texts.all()}
        rows.append(
            ParagraphVersion(
                version=version,
                paragraph=paragraph,
                section=paragraph.section,
                number=number,
                source_language=paragraph.source_language,
                text={code: item.text for code, item in texts.items() if item.text},
                status={code: _status_of(texts.get(code)) for code in LANGUAGE_CODES},
            )
        )
    ParagraphVersion.objects.bulk_create(rows)
    through = ParagraphVersion.sources.through
    through.objects.bulk_create(
        through(paragraphversion_id=row.pk, mainpoint_id=source.pk)
        for row in rows
        for source in row.paragraph.sources.all()
    )
    taken = Amendment.objects.filter(
        paragraph_version__version__document=document,
        status__in=[AmendmentStatus.ACCEPTED, AmendmentStatus.MERGED],
        taken_in__isnull=True,
    ).update(taken_in=version)
    record(
        actor=actor,
        action="outcomes.version.publish",
        target=version,
        changes={"paragraphs": len(rows), "amendments_taken": taken},
    )
    webhook_events.version_published(version)
    return version


def _end_comments_on_earlier_versions(actor, document: Document, now) -> None:
    """A new version supersedes the earlier drafts: a running period ends now, a scheduled one is
    withdrawn, so comments and amendments only ever go to the latest text."""
    for earlier in document.versions.filter(status=VersionStatus.DRAFT, comments_close_at__gt=now):
        if earlier.comments_open_at <= now:
            earlier.comments_close_at = now
        else:
            earlier.comments_open_at = earlier.comments_close_at = None
        earlier.save(update_fields=["comments_open_at", "comments_close_at"])
        record(actor=actor, action="outcomes.version.superseded", target=earlier)


def superseded_by(version: Version) -> Version | None:
    """The latest version published after this one, if any."""
    return version.document.versions.filter(number__gt=version.number).order_by("-number").first()


def takes_comments(version: Version, now) -> bool:
    """A draft takes comments and amendments during its period, and only while no newer version exists."""
    is_draft = version.status == VersionStatus.DRAFT
    return is_draft and version.comments_open(now) and superseded_by(version) is None


def versions_with_comment_state(document: Document, now) -> list[dict]:
    """The document's versions, newest first, each saying whether it takes comments now."""
    versions = list(document.versions.order_by("-number"))
    return [
        {"version": item, "open": latest and item.status == VersionStatus.DRAFT and item.comments_open(now)}
        for latest, item in zip([True] + [False] * len(versions), versions, strict=False)
    ]


def _refuse_superseded(version: Version) -> None:
    newer = superseded_by(version)
    if newer is not None:
        raise ValidationError(
            _("Version %(old)d has been superseded by version %(new)d, which takes the comments now.")
            % {"old": version.number, "new": newer.number}
        )


def require_closable(version: Version, now) -> None:
    """The period can be closed while it runs on the latest draft (the page asks before closing)."""
    if not takes_comments(version, now):
        raise ValidationError(_("The comment period is not open."))


@transaction.atomic
def set_comment_period(*, actor, version: Version, opens_at, closes_at) -> Version:
    _require_secretariat(actor)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("An adopted version takes no more comments."))
    _refuse_superseded(version)
    if not opens_at or not closes_at or closes_at <= opens_at:
        raise ValidationError(_("The comment period must close after it opens."))
    version.comments_open_at, version.comments_close_at = opens_at, closes_at
    version.save(update_fields=["comments_open_at", "comments_close_at"])
    record(
        actor=actor,
        action="outcomes.version.comment_period",
        target=version,
        changes={"opens": opens_at.isoformat(), "closes": closes_at.isoformat()},
    )
    return version


@transaction.atomic
def close_comments(*, actor, version: Version, now=None) -> Version:
    _require_secretariat(actor)
    now = now or timezone.now()
    version = Version.objects.select_for_update().get(pk=version.pk)
    require_closable(version, now)
    version.comments_close_at = now
    version.save(update_fields=["comments_close_at"])
    record(actor=actor, action="outcomes.version.close_comments", target=version)
    return version


@transaction.atomic
def adopt_version(*, actor, version: Version, now=None) -> Version:
    """The final version: adopted and published to the public."""
    _require_secretariat(actor)
    now = now or timezone.now()
    version = Version.objects.select_for_update().get(pk=version.pk)
    if version.document.versions.filter(number__gt=version.number).exists():
        raise ValidationError(_("Only the latest version can be adopted."))
    if version.comments_open(now):
        raise ValidationError(_("Close the comment period before adopting the version."))
    if version.status == VersionStatus.ADOPTED:
        raise ValidationError(_("This version is already adopted."))
    version.status, version.adopted_at = VersionStatus.ADOPTED, now
    version.save(update_fields=["status", "adopted_at"])
    record(actor=actor, action="outcomes.version.adopt", target=version)
    webhook_events.version_adopted(version)
    return version


# --- comments and amendments --------------------------------------------------------------------


def _require_open_for(actor, paragraph_version: ParagraphVersion, now):
    """Registered delegates, during the version's comment period (`now` defaults to the present)."""
    version = paragraph_version.version
    if not rules.can_comment(actor, version.document.track):
        raise PermissionDenied(_("Only registered delegates may comment on the draft."))
    _refuse_superseded(version)
    if version.status != VersionStatus.DRAFT or not version.comments_open(now):
        raise ValidationError(_("The comment period for this version is not open."))


@transaction.atomic
def add_comment(
    *, actor, paragraph_version: ParagraphVersion, stance: str, text: str, language: str, now=None
):
    now = now or timezone.now()
    _require_open_for(actor, paragraph_version, now)
    if stance not in Stance.values:
        raise ValidationError(_("Choose support, oppose or neutral."))
    comment = Comment.objects.create(
        paragraph_version=paragraph_version,
        author=actor,
        stance=stance,
        text=_clean_text(text, required=stance != Stance.SUPPORT),
        language=_clean_language(language),
        created_at=now,
    )
    record(actor=actor, action="outcomes.comment.add", target=comment, changes={"stance": stance})
    return comment


@transaction.atomic
def propose_amendment(
    *, actor, paragraph_version: ParagraphVersion, kind: str, text: str, language: str, now=None
):
    now = now or timezone.now()
    _require_open_for(actor, paragraph_version, now)
    if kind not in AmendmentKind.values:
        raise ValidationError(_("Choose replace, insert after or delete."))
    text = "" if kind == AmendmentKind.DELETE else _clean_text(text)
    amendment = Amendment.objects.create(
        paragraph_version=paragraph_version,
        author=actor,
        kind=kind,
        text=text,
        language=_clean_language(language),
        created_at=now,
    )
    record(actor=actor, action="outcomes.amendment.propose", target=amendment, changes={"kind": kind})
    return amendment


def _lock_undecided(amendment: Amendment) -> Amendment:
    amendment = (
        Amendment.objects.select_for_update()
        .select_related("paragraph_version__paragraph")
        .get(pk=amendment.pk)
    )
    if amendment.status != AmendmentStatus.PROPOSED:
        raise ValidationError(_("This amendment has already been decided."))
    return amendment


def _apply(actor, amendment: Amendment, text: str, language: str) -> None:
    paragraph = Paragraph.objects.select_for_update().get(pk=amendment.paragraph_version.paragraph_id)
    if amendment.kind == AmendmentKind.DELETE:
        _remove(actor, paragraph)
    elif amendment.kind == AmendmentKind.INSERT_AFTER:
        _new_paragraph(actor=actor, section=paragraph.section, text=text, language=language, after=paragraph)
    else:
        if paragraph.is_deleted:
            raise ValidationError(_("The paragraph has been deleted since."))
        _write_source(paragraph, language, _clean_text(text))


def _decide(actor, amendment: Amendment, status: str, reason: str = "") -> None:
    amendment.status, amendment.reason = status, reason
    amendment.decided_by, amendment.decided_at = actor, timezone.now()
    amendment.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    record(actor=actor, action=f"outcomes.amendment.{status}", target=amendment, changes={"reason": reason})


@transaction.atomic
def accept_amendment(*, actor, amendment: Amendment) -> Amendment:
    """Apply the amendment to the working text; the next version published records it."""
    _require_secretariat(actor)
    amendment = _lock_undecided(amendment)
    _apply(actor, amendment, amendment.text, amendment.language)
    _decide(actor, amendment, AmendmentStatus.ACCEPTED)
    return amendment


@transaction.atomic
def reject_amendment(*, actor, amendment: Amendment, reason: str) -> Amendment:
    _require_secretariat(actor)
    amendment = _lock_undecided(amendment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for rejecting the amendment."))
    _decide(actor, amendment, AmendmentStatus.REJECTED, _clean_text(reason))
    return amendment


@transaction.atomic
def merge_amendments(*, actor, amendments, text: str, language: str) -> list[Amendment]:
    """Several amendments to one paragraph, folded by the secretariat into one new text."""
    _require_secretariat(actor)
    amendments = [_lock_undecided(item) for item in amendments]
    if not amendments:
        raise ValidationError(_("Choose the amendments to merge."))
    if len({item.paragraph_version.paragraph_id for item in amendments}) != 1:
        raise ValidationError(_("Only amendments to the same paragraph can be merged."))
    if any(item.kind == AmendmentKind.INSERT_AFTER for item in amendments):
        raise ValidationError(_("An insertion cannot be merged; accept it on its own."))
    paragraph = Paragraph.objects.select_for_update().get(pk=amendments[0].paragraph_version.paragraph_id)
    if paragraph.is_deleted:
        raise ValidationError(_("The paragraph has been deleted since."))
    _write_source(paragraph, _clean_language(language), _clean_text(text))
    for item in amendments:
        _decide(actor, item, AmendmentStatus.MERGED)
    return amendments


# --- main points and provenance -----------------------------------------------------------------


def _require_rapporteur(actor, session):
    if not rules.can_record_main_points(actor, session):
        raise PermissionDenied(_("Only the session's rapporteurs may record its main points."))


def _check_quote(session, kind, speaker):
    if kind not in MainPointKind.values:
        raise ValidationError(_("Choose key point, recommendation or notable quote."))
    if kind == MainPointKind.QUOTE and speaker is None:
        raise ValidationError(_("Say which speaker of the session the quote is from."))
    if speaker is not None and not session.people.filter(speaker=speaker).exists():
        raise ValidationError(_("The quote must be attributed to someone who spoke in this session."))


@transaction.atomic
def record_main_point(*, actor, session, kind: str, text: str, language: str | None = None, speaker=None):
    """A main point in the session's language (unless another is given), as a draft."""
    _require_rapporteur(actor, session)
    _check_quote(session, kind, speaker)
    last = session.main_points.aggregate(last=Max("order"))["last"]
    point = MainPoint.objects.create(
        session=session,
        kind=kind,
        text=_clean_text(text),
        language=_clean_language(language or session.translation_primary_language),
        speaker=speaker if kind == MainPointKind.QUOTE else None,
        order=0 if last is None else last + 1,
        author=actor,
    )
    record(actor=actor, action="outcomes.main_point.record", target=point, changes={"kind": kind})
    return point


@transaction.atomic
def update_main_point(*, actor, main_point: MainPoint, kind: str, text: str, speaker=None) -> MainPoint:
    _require_rapporteur(actor, main_point.session)
    _check_quote(main_point.session, kind, speaker)
    main_point.kind, main_point.text = kind, _clean_text(text)
    main_point.speaker = speaker if kind == MainPointKind.QUOTE else None
    main_point.save(update_fields=["kind", "text", "speaker", "updated_at"])
    record(actor=actor, action="outcomes.main_point.update", target=main_point)
    return main_point


@transaction.atomic
def submit_main_points(*, actor, session) -> int:
    """The rapporteurs hand the session's main points to the secretariat."""
    _require_rapporteur(actor, session)
    drafts = session.main_points.filter(status=MainPointStatus.DRAFT)
    if not session.main_points.exists():
        raise ValidationError(_("Record at least one main point before submitting."))
    count = drafts.update(status=MainPointStatus.SUBMITTED)
    record(actor=actor, action="outcomes.main_point.submit", target=session, changes={"submitted": count})
    return count


@transaction.atomic
def cite_main_points(*, actor, paragraph: Paragraph, main_points) -> None:
    """The main points a paragraph draws on; they must be submitted points of the track's sessions."""
    _require_secretariat(actor)
    ids = {point.pk for point in main_points}
    allowed = set(
        MainPoint.objects.filter(
            pk__in=ids, status=MainPointStatus.SUBMITTED, session__track_id=paragraph.document.track_id
        ).values_list("pk", flat=True)
    )
    if allowed != ids:
        raise ValidationError(_("A paragraph can only cite submitted main points of this track's sessions."))
    paragraph.sources.set(ids)
    record(actor=actor, action="outcomes.paragraph.cite", target=paragraph, changes={"sources": sorted(ids)})
