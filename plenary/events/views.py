from django.shortcuts import render

from plenary.events import selectors


def _render_track(request, track):
    documents = [
        {"document": document, "files": selectors.document_links(document)}
        for document in track.documents.all()
    ]
    return render(
        request, "events/track_home.html", {"track": track, "forum": track.forum, "documents": documents}
    )


def current_track(request):
    return _render_track(request, selectors.current_track())


def track_home(request, track):
    return _render_track(request, selectors.track_by_slug(track))
