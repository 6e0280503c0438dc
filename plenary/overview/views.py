from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from plenary.core.permissions import secretariat_required
from plenary.events.models import Track
from plenary.overview import documents, figures


def _track(slug: str) -> Track:
    return get_object_or_404(Track, slug=slug)


@secretariat_required
def dashboard(request, track):
    track = _track(track)
    return render(request, "overview/dashboard.html", {"track": track, "sections": figures.dashboard(track)})


@secretariat_required
def women_pdf(request, track):
    track = _track(track)
    response = HttpResponse(documents.women_pdf(track), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="women-in-delegations-{track.slug}.pdf"'
    return response


@secretariat_required
def women_xlsx(request, track):
    track = _track(track)
    response = HttpResponse(
        documents.women_xlsx(track),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="women-in-delegations-{track.slug}.xlsx"'
    return response
