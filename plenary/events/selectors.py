from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from plenary.core.languages import LANGUAGE_CODES, current_language
from plenary.events.models import DocumentFile, Track, TrackDocument


def tracks_with_details():
    return Track.objects.select_related("forum", "forum__host_country").prefetch_related(
        "signatories",
        Prefetch(
            "documents",
            queryset=TrackDocument.objects.prefetch_related(
                Prefetch("files", queryset=DocumentFile.objects.order_by("language"))
            ),
        ),
    )


def current_track_or_none() -> Track | None:
    """The track marked current, without its details (for menus and redirects)."""
    return Track.objects.filter(is_current=True).first()


def current_track() -> Track:
    track = tracks_with_details().filter(is_current=True).first()
    if track is None:
        track = tracks_with_details().order_by("-start_date").first()
    if track is None:
        from django.http import Http404

        raise Http404("No track has been set up yet.")
    return track


def track_by_slug(slug: str) -> Track:
    return get_object_or_404(tracks_with_details(), slug=slug)


def document_links(document: TrackDocument) -> list[DocumentFile]:
    """The document's files, the reader's language first, then in UN order."""
    language = current_language()
    order = [language] + [code for code in LANGUAGE_CODES if code != language]
    return sorted(document.files.all(), key=lambda item: order.index(item.language))
