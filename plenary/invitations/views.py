from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from plenary.core.errors import show_error
from plenary.core.links import INVALID, LinkError
from plenary.core.pdf import MissingFontError
from plenary.core.permissions import secretariat_required
from plenary.directory.models import Parliament
from plenary.events.models import Track
from plenary.invitations import letters, selectors, services
from plenary.invitations.forms import LetterTemplateForm, SendChoiceForm
from plenary.invitations.models import LetterArchive


def personal(request, token):
    """The page a parliament's personal link opens: its invitation (the delegation page builds on it)."""
    try:
        invitation = services.parliament_for_token(token)
    except LinkError as error:
        return link_error_page(request, error, error.holder.track if error.holder else None)
    return render(
        request,
        "invitations/personal.html",
        {
            "invitation": invitation,
            "track": invitation.track,
            "delegation_url": _delegation_url(invitation, token),
        },
    )


def link_error_page(request, error: LinkError, track: Track | None):
    """A personal link that does not open: why, and (once registration is installed) where to ask
    for a new one. A forged or mistyped link answers 404, an expired or withdrawn one 410."""
    new_link_url = None
    if track is not None and apps.is_installed("plenary.registration"):
        new_link_url = reverse("registration:new_link", kwargs={"track": track.slug})
    return render(
        request,
        "invitations/link_error.html",
        {"error": error, "new_link_url": new_link_url},
        status=404 if error.reason == INVALID else 410,
    )


def _delegation_url(invitation, token) -> str | None:
    """Where the focal point answers and names the delegation, once registration is installed."""
    if not apps.is_installed("plenary.registration"):
        return None
    return reverse(
        "registration:delegation_by_invitation", kwargs={"track": invitation.track.slug, "token": token}
    )


@secretariat_required
def track_invitations(request, track):
    track = get_object_or_404(Track, slug=track)
    invitations = list(selectors.invitations_of(track))
    services.show_delivery(invitations)
    return render(
        request,
        "invitations/track.html",
        {"track": track, "invitations": invitations, "archive": selectors.latest_archive(track)},
    )


@secretariat_required
def send(request, track):
    """GET: the parliaments to choose from and, for those chosen, what would go out and which are
    skipped for a problem, with nothing written. POST (confirmed): the chosen invitations are prepared
    and those without a problem are queued by a background task (rendering every letter takes longer
    than a request should)."""
    track = get_object_or_404(Track, slug=track)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "yes"
    form = SendChoiceForm(
        request.POST if confirmed else (request.GET or None),
        parliaments=selectors.unsent_parliaments(track),
    )
    plan = None
    try:
        if not form.is_bound or form.is_valid():
            chosen = form.cleaned_data["parliaments"] if form.is_bound else None
            if confirmed:
                plan = services.start_sending(track=track, actor=request.user, only=chosen)
                if plan.ready:
                    _report_sending(request, plan)
                    return redirect("invitations:track", track=track.slug)
            else:
                plan = services.preview_sending(track=track, only=chosen)
    except services.InvitationError as error:
        show_error(request, error)
        return redirect("invitations:track", track=track.slug)
    return render(request, "invitations/send_confirm.html", {"track": track, "plan": plan, "form": form})


def _report_sending(request, plan) -> None:
    messages.success(
        request,
        _("Sending started: %(count)d invitations are being prepared and queued.")
        % {"count": len(plan.ready)},
    )
    if plan.skipped:
        messages.warning(
            request,
            _("Skipped for a problem (fix it, then send to them again): %(parliaments)s.")
            % {"parliaments": "; ".join(f"{i.parliament.country.iso3} {i.parliament}" for i in plan.skipped)},
        )


@secretariat_required
@require_POST
def request_archive(request, track):
    track = get_object_or_404(Track, slug=track)
    try:
        archive = services.request_archive(track=track, actor=request.user)
    except services.InvitationError as error:
        show_error(request, error)
        return redirect("invitations:track", track=track.slug)
    return redirect("invitations:archive", pk=archive.pk)


@secretariat_required
def archive(request, pk):
    archive = get_object_or_404(LetterArchive.objects.select_related("track"), pk=pk)
    return render(
        request, "invitations/archive.html", {"archive": archive, "failures": _failure_lines(archive)}
    )


@secretariat_required
def archive_status(request, pk):
    archive = get_object_or_404(LetterArchive, pk=pk)
    return JsonResponse(
        {
            "status": archive.status,
            "label": archive.get_status_display(),
            "done": archive.done,
            "total": archive.total,
            "percent": archive.percent,
            "error": archive.error,
            "failures": _failure_lines(archive),
        }
    )


def _failure_lines(archive: LetterArchive) -> list[str]:
    return [f"{iso3}: {reason}" for iso3, reason in sorted(archive.failures.items())]


@secretariat_required
@require_POST
def retry_archive(request, pk):
    archive = get_object_or_404(LetterArchive, pk=pk)
    try:
        services.retry_archive(archive=archive, actor=request.user)
    except services.InvitationError as error:
        show_error(request, error)
    return redirect("invitations:archive", pk=archive.pk)


@secretariat_required
def archive_download(request, pk):
    archive = get_object_or_404(LetterArchive, pk=pk, status=LetterArchive.Status.DONE)
    return FileResponse(
        archive.file.open("rb"), as_attachment=True, filename=f"{archive.track.slug}-letters.zip"
    )


def _sample_parliament(track):
    return (
        track.invited_parliaments.select_related("country").filter(country__iso3="JPN").first()
        or track.invited_parliaments.select_related("country").order_by("country__iso3").first()
        or Parliament.objects.select_related("country").order_by("country__iso3").first()
    )


@secretariat_required
def edit_template(request, track):
    track = get_object_or_404(Track, slug=track)
    template = services.template_for(track)
    form = LetterTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        services.save_template(form=form, actor=request.user)
        messages.success(request, _("The letter template is saved."))
        return redirect("invitations:edit_template", track=track.slug)
    return render(
        request,
        "invitations/template_form.html",
        {"track": track, "form": form, "placeholders": letters.PLACEHOLDERS},
    )


def _unsaved_template(request, track):
    template = services.template_for(track)
    form = LetterTemplateForm(request.POST, instance=template)
    form.is_valid()
    return form, form.instance


@secretariat_required
@require_POST
@xframe_options_sameorigin
@csp_override({**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]})
def preview_template(request, track):
    """The letter as HTML, from the form as it stands (saved or not), shown in the editor's frame."""
    track = get_object_or_404(Track, slug=track)
    form, template = _unsaved_template(request, track)
    if form.errors:
        return render(request, "invitations/preview_errors.html", {"form": form})
    parliament = _sample_parliament(track)
    recipient = services.recipient_for(template, parliament)
    return HttpResponse(
        letters.letter_html(template, recipient, template.languages or ["en"], request=request)
    )


@secretariat_required
@require_POST
def proof_template(request, track):
    track = get_object_or_404(Track, slug=track)
    form, template = _unsaved_template(request, track)
    if form.errors:
        return render(request, "invitations/preview_errors.html", {"form": form}, status=400)
    parliament = _sample_parliament(track)
    try:
        pdf = letters.letter_pdf(
            template, services.recipient_for(template, parliament), template.languages or ["en"]
        )
    except MissingFontError as error:
        return render(request, "invitations/preview_errors.html", {"message": str(error)}, status=500)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{track.slug}-proof.pdf"'
    return response
