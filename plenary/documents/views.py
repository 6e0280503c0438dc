from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language

from plenary.core.errors import show_error
from plenary.core.permissions import secretariat_required
from plenary.documents import rendering, selectors, services
from plenary.documents.forms import BatchForm
from plenary.documents.models import DocumentBatch
from plenary.events.models import Track
from plenary.registration import links

RECENT_BATCHES = 20


def my_certificate(request, track, token):
    """The delegate's certificate of attendance, from the status page's personal link: only once
    checked in; anyone else, a forged or another track's link, gets 404."""
    member = links.member_from_token(token, track)
    registration = selectors.attended(member.delegation.track).filter(member=member).first()
    if registration is None:
        raise Http404
    response = HttpResponse(rendering.certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{registration.reference}.pdf"'
    return response


def _track(slug: str) -> Track:
    return get_object_or_404(Track.objects.select_related("forum"), slug=slug)


@secretariat_required
def batches(request, track):
    track = _track(track)
    form = BatchForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.request_batch(
                track=track,
                kind=form.cleaned_data["kind"],
                language=form.cleaned_data["language"],
                actor=request.user,
            )
        except services.DocumentError as error:
            show_error(request, error)
        else:
            return redirect("documents:batch", track=track.slug, pk=batch.pk)
    recent = DocumentBatch.objects.filter(track=track)[:RECENT_BATCHES]
    return render(request, "documents/batches.html", {"track": track, "form": form, "batches": recent})


@secretariat_required
def batch(request, track, pk):
    batch = get_object_or_404(DocumentBatch.objects.select_related("track"), pk=pk, track__slug=track)
    return render(request, "documents/batch.html", {"track": batch.track, "batch": batch})


@secretariat_required
def download(request, track, pk):
    batch = get_object_or_404(DocumentBatch, pk=pk, track__slug=track, status=DocumentBatch.Status.DONE)
    name = batch.file.name.rsplit("/", 1)[-1]
    return FileResponse(batch.file.open("rb"), as_attachment=True, filename=name)
