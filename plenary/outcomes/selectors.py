"""Reads shared by the pages and exports, each with the queries it needs fixed in advance."""

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from plenary.core.languages import LANGUAGE_CODES, text_direction
from plenary.outcomes.models import (
    Amendment,
    AmendmentStatus,
    Comment,
    Document,
    MainPoint,
    MainPointStatus,
    ParagraphText,
    ParagraphVersion,
    Stance,
    TranslationStatus,
    Version,
    VersionStatus,
)

# Comments shown under each paragraph on a version's page; the rest are on the paragraph's page.
LATEST_COMMENTS = 3
COMMENTS_PER_PAGE = 50


def document_for_track(track) -> Document:
    document = Document.objects.select_related("track").filter(track=track).first()
    if document is None:
        raise Http404("This track has no output document yet.")
    return document


def adopted_version(document: Document) -> Version:
    version = document.versions.filter(status=VersionStatus.ADOPTED).order_by("-number").first()
    if version is None:
        raise Http404("The output document has not been adopted yet.")
    return version


def version_by_number(document: Document, number: int) -> Version:
    return get_object_or_404(
        Version.objects.select_related("document__track"), document=document, number=number
    )


def paragraphs(version: Version, *, with_feedback: bool = False) -> list[ParagraphVersion]:
    """The version's paragraphs in order, with their section and the sessions they draw on.

    With feedback, each also carries its amendments (with their authors; `mergeable`, those that can
    be merged), how many comments it has per stance, and its LATEST_COMMENTS latest comments: the
    page of a version with thousands of comments shows those and links to each paragraph's own
    comments page (`paragraph_comments`).
    """
    queryset = (
        version.paragraphs.select_related("section")
        .prefetch_related(
            Prefetch(
                "sources", queryset=MainPoint.objects.select_related("session").order_by("session__start")
            )
        )
        .order_by("number")
    )
    if with_feedback:
        queryset = queryset.prefetch_related(
            Prefetch(
                "comments",
                queryset=_shown_comments().order_by("-created_at", "-id")[:LATEST_COMMENTS],
                to_attr="latest_comments",
            ),
            Prefetch("amendments", queryset=Amendment.objects.select_related("author", "decided_by")),
        )
    rows = list(queryset)
    if with_feedback:
        stances = _stances_by_paragraph(version)
        for row in rows:
            row.stances = stances.get(row.pk, Counter())
            row.comment_count = row.stances.total()
            row.mergeable = [amendment for amendment in row.amendments.all() if amendment.can_be_merged]
            row.latest_comments.reverse()
            _label(row.latest_comments)
    return rows


def paragraph_comments(row: ParagraphVersion):
    """Every comment on one paragraph version, oldest first, ready to be paginated and labelled."""
    return _shown_comments().filter(paragraph_version=row).order_by("created_at", "id")


def label_comments(comments) -> list[Comment]:
    """The comments with their stance label, text direction and author's name, for a page."""
    comments = list(comments)
    _label(comments)
    return comments


def _shown_comments():
    return Comment.objects.select_related("author").only(
        "paragraph_version_id",
        "stance",
        "text",
        "language",
        "created_at",
        "author__first_name",
        "author__last_name",
        "author__email",
    )


def _stances_by_paragraph(version: Version) -> dict[int, Counter]:
    """Per paragraph version of `version`, how many comments take each stance (one query)."""
    stances: dict[int, Counter] = {}
    counts = (
        Comment.objects.filter(paragraph_version__version=version)
        .order_by()
        .values_list("paragraph_version_id", "stance")
        .annotate(count=Count("id"))
    )
    for paragraph_version_id, stance, count in counts:
        stances.setdefault(paragraph_version_id, Counter())[stance] = count
    return stances


def _label(comments) -> None:
    stance_labels = {value: str(label) for value, label in Stance.choices}
    for comment in comments:
        comment.stance_label = stance_labels[comment.stance]
        comment.direction = text_direction(comment.language)
        comment.author_name = comment.author.get_full_name() or comment.author.email


def sections(rows: list[ParagraphVersion]) -> list[dict]:
    """Group paragraphs under their sections, in order."""
    grouped: list[dict] = []
    for row in rows:
        if not grouped or grouped[-1]["section"].pk != row.section_id:
            grouped.append({"section": row.section, "paragraphs": []})
        grouped[-1]["paragraphs"].append(row)
    return grouped


def sessions_of(row: ParagraphVersion) -> list:
    """The sessions a paragraph came from, once each, in programme order."""
    return list({point.session_id: point.session for point in row.sources.all()}.values())


def language_completeness(rows: list[ParagraphVersion]) -> dict[str, int]:
    """Per language, how many paragraphs are not verified in it (0 = it can be published as is)."""
    return {
        code: sum(1 for row in rows if row.status.get(code) != "verified" or code not in row.text)
        for code in LANGUAGE_CODES
    }


def paragraphs_fed_by(session, version: Version) -> list[ParagraphVersion]:
    """The paragraphs of `version` that cite one of the session's main points."""
    return list(
        version.paragraphs.filter(sources__session=session)
        .distinct()
        .select_related("version")
        .order_by("number")
    )


def sessions_lacking_main_points(track):
    """Sessions with no submitted main point yet, for the secretariat."""
    from plenary.programme.models import Session

    submitted = MainPoint.objects.filter(session=OuterRef("pk"), status=MainPointStatus.SUBMITTED)
    return Session.objects.filter(track=track).exclude(Exists(submitted)).order_by("start", "id")


def main_points_by_session(track):
    from plenary.programme.models import Session

    return Session.objects.filter(track=track).prefetch_related(
        Prefetch("main_points", queryset=MainPoint.objects.select_related("speaker", "speaker__person"))
    )


def feedback_rows(version: Version):
    """Every comment and amendment on a version, for the CSV / XLSX export."""
    comments = Comment.objects.filter(paragraph_version__version=version).select_related(
        "author", "paragraph_version"
    )
    amendments = Amendment.objects.filter(paragraph_version__version=version).select_related(
        "author", "paragraph_version", "decided_by", "taken_in"
    )
    return comments.order_by("paragraph_version__number", "created_at", "id"), amendments.order_by(
        "paragraph_version__number", "created_at", "id"
    )


def feedback_counts(version: Version) -> dict[str, int]:
    """How many comments and amendments a version has received, and how many amendments await a decision."""
    amendments = Amendment.objects.filter(paragraph_version__version=version)
    return {
        "comments": Comment.objects.filter(paragraph_version__version=version).count(),
        "amendments": amendments.count(),
        "undecided": amendments.filter(status=AmendmentStatus.PROPOSED).count(),
    }


def translation_status(track) -> dict[str, Counter]:
    """For each language, how many of the output document's paragraphs are verified, in draft,
    outdated (their source changed since) or missing: one query, plus one to count paragraphs."""
    document = Document.objects.filter(track=track).first()
    if document is None:
        return {}
    paragraphs = document.paragraphs.filter(is_deleted=False)
    total = paragraphs.count()
    counts = {language: Counter() for language in LANGUAGE_CODES}
    rows = (
        ParagraphText.objects.filter(paragraph__in=paragraphs)
        .exclude(status=TranslationStatus.MISSING)
        .values_list("language", "status", "stale")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for language, status, stale, n in rows:
        counts[language]["stale" if stale else status] += n
    for counter in counts.values():
        counter["missing"] = total - counter.total()
    return counts
