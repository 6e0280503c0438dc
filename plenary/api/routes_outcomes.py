"""The output document through the API (read:outcomes): its published versions, each version's
paragraphs in every language, and the delegates' comments and amendments on them."""

from ninja import Router

from plenary.api import pagination, problems, selectors
from plenary.api.auth import require_scope, require_track
from plenary.api.common import RESPONSES, Language, Limit, translated
from plenary.api.models import Scope
from plenary.api.schemas import AmendmentPage, CommentPage, ParagraphPage, VersionOut
from plenary.outcomes.models import Version

router = Router(tags=["outcomes"])


def version_row(version: Version) -> dict:
    return {
        "number": version.number,
        "status": version.status,
        "note": version.note,
        "published_at": version.published_at,
        "comments_open_at": version.comments_open_at,
        "comments_close_at": version.comments_close_at,
        "adopted_at": version.adopted_at,
    }


@router.get("/tracks/{track}/document/versions", response={200: list[VersionOut], **RESPONSES})
def versions(request, track: str):
    """The versions published so far, oldest first: drafts shared with the delegates, the adopted text."""
    token = require_scope(request, Scope.READ_OUTCOMES)
    require_track(token, track)
    return [version_row(version) for version in selectors.versions(token)]


def _version(request, track: str, number: int) -> Version:
    token = require_scope(request, Scope.READ_OUTCOMES)
    require_track(token, track)
    version = selectors.version(token, number)
    if version is None:
        raise problems.not_found()
    return version


@router.get("/tracks/{track}/document/versions/{number}", response={200: VersionOut, **RESPONSES})
def version(request, track: str, number: int):
    return version_row(_version(request, track, number))


@router.get(
    "/tracks/{track}/document/versions/{number}/paragraphs", response={200: ParagraphPage, **RESPONSES}
)
def paragraphs(
    request,
    track: str,
    number: int,
    cursor: str | None = None,
    limit: int = Limit,
    lang: Language | None = None,
):
    """The version's paragraphs as frozen, with their text in every language (or one, with `?lang=`:
    empty where the paragraph is not translated into it) and each language's translation status
    (missing, draft, verified, stale)."""
    rows, next_cursor = pagination.page(
        selectors.paragraphs(_version(request, track, number)), cursor=cursor, limit=limit
    )
    items = [
        {
            "number": row.number,
            "section": translated(row.section.title, lang),
            "source_language": row.source_language,
            "text": row.text.get(lang, "") if lang else row.text,
            "translation_status": row.status,
        }
        for row in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


def _author(user) -> str:
    return user.get_full_name() or ""


@router.get("/tracks/{track}/document/versions/{number}/comments", response={200: CommentPage, **RESPONSES})
def comments(request, track: str, number: int, cursor: str | None = None, limit: int = Limit):
    """The delegates' comments on the version's paragraphs (support, oppose, neutral), in order of id."""
    rows, next_cursor = pagination.page(
        selectors.comments(_version(request, track, number)), cursor=cursor, limit=limit
    )
    items = [
        {
            "id": comment.pk,
            "paragraph": comment.paragraph_version.number,
            "stance": comment.stance,
            "text": comment.text,
            "language": comment.language,
            "author": _author(comment.author),
            "created_at": comment.created_at,
        }
        for comment in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/tracks/{track}/document/versions/{number}/amendments", response={200: AmendmentPage, **RESPONSES}
)
def amendments(request, track: str, number: int, cursor: str | None = None, limit: int = Limit):
    """The amendments proposed on the version's paragraphs and the secretariat's decisions, in order
    of id; `taken_in` is the number of the version that took an accepted or merged one in."""
    rows, next_cursor = pagination.page(
        selectors.amendments(_version(request, track, number)), cursor=cursor, limit=limit
    )
    items = [
        {
            "id": amendment.pk,
            "paragraph": amendment.paragraph_version.number,
            "kind": amendment.kind,
            "text": amendment.text,
            "language": amendment.language,
            "author": _author(amendment.author),
            "created_at": amendment.created_at,
            "status": amendment.status,
            "reason": amendment.reason,
            "decided_at": amendment.decided_at,
            "taken_in": amendment.taken_in.number if amendment.taken_in else None,
        }
        for amendment in rows
    ]
    return {"items": items, "next_cursor": next_cursor}
