from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from plenary.core.errors import ServiceError, show_error
from plenary.core.permissions import secretariat_required
from plenary.credentials import composition, documents, selectors, services
from plenary.credentials.forms import DecisionForm, ReceivedForm, StandingForm, UploadForm
from plenary.credentials.models import Credentials, TrackRules
from plenary.events.models import Track
from plenary.registration.models import Delegation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _track(slug: str) -> Track:
    return get_object_or_404(Track, slug=slug)


# On the delegation page (registration's hooks: the page has checked who may act) ------------------


def upload_on_delegation_page(request, delegation, actor):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the PDF of the designation to upload."))
        return
    try:
        services.receive(
            delegation=delegation,
            channel=Credentials.Channel.UPLOAD,
            document=form.cleaned_data["document"],
            actor=actor,
        )
    except ServiceError as error:
        show_error(request, error)
        return
    messages.success(request, _("Your credentials are received; the secretariat will verify them."))


def standing_on_delegation_page(request, delegation, actor):
    form = StandingForm(request.POST)
    if not form.is_valid():
        raise Http404
    member = get_object_or_404(delegation.members, pk=form.cleaned_data["member"])
    services.set_standing(
        member=member,
        former_mp=form.cleaned_data["former_mp"],
        honorary=form.cleaned_data["honorary"],
        actor=actor,
    )
    messages.success(request, _("The member's standing is saved."))


# The secretariat ------------------------------------------------------------------------------


@secretariat_required
def secretariat_list(request, track):
    track = _track(track)
    return render(
        request,
        "credentials/secretariat_list.html",
        {
            "track": track,
            "groups": selectors.delegations_by_state(track),
            "women": selectors.women_overall(track),
            "rules": TrackRules.objects.made_for(track),
        },
    )


@secretariat_required
def secretariat_detail(request, track, delegation):
    track = _track(track)
    delegation = get_object_or_404(
        Delegation.objects.select_related("parliament__country", "track"),
        track=track,
        pk=delegation,
    )
    if request.method == "POST":
        _act(request, delegation)
        return redirect("credentials:secretariat_detail", track=track.slug, delegation=delegation.pk)
    return render(
        request,
        "credentials/secretariat_detail.html",
        {
            "track": track,
            "delegation": delegation,
            "credentials": selectors.credentials_of(delegation),
            "issues": composition.issues(delegation),
            "received_form": ReceivedForm(),
            "decision_form": DecisionForm(),
        },
    )


def _act(request, delegation):
    try:
        if request.POST.get("action") == "received":
            _record_received(request, delegation)
        else:
            _decide(request, delegation)
    except ServiceError as error:
        show_error(request, error)


def _record_received(request, delegation):
    form = ReceivedForm(request.POST, request.FILES)
    if not form.is_valid():
        raise Http404
    services.receive(
        delegation=delegation,
        channel=form.cleaned_data["channel"],
        document=form.cleaned_data["document"],
        actor=request.user,
    )
    messages.success(request, _("The credentials are recorded as received."))


def _decide(request, delegation):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    services.decide(
        delegation=delegation,
        state=form.cleaned_data["state"],
        reason=form.cleaned_data["reason"],
        actor=request.user,
    )
    messages.success(request, _("The decision on the credentials is recorded."))


@secretariat_required
def report_pdf(request, track):
    track = _track(track)
    response = HttpResponse(documents.report_pdf(track), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="credentials-{track.slug}.pdf"'
    return response


@secretariat_required
def report_xlsx(request, track):
    track = _track(track)
    response = HttpResponse(documents.report_xlsx(track), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="credentials-{track.slug}.xlsx"'
    return response
