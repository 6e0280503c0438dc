import functools
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plenary.core.audit import record
from plenary.core.errors import show_error
from plenary.core.languages import normalise, text_direction
from plenary.core.links import LinkError
from plenary.core.pdf import render_pdf
from plenary.core.permissions import secretariat_required
from plenary.events.models import Track
from plenary.invitations.views import link_error_page
from plenary.privacy import selectors, services
from plenary.privacy.forms import ConfirmErasureForm, RetentionPolicyForm
from plenary.privacy.models import ErasureRequest
from plenary.registration import links, rules
from plenary.registration.models import DelegationMember, Registration


def _track(slug: str) -> Track:
    return get_object_or_404(Track.objects.select_related("forum"), slug=slug)


def _reader_language(member: DelegationMember) -> str:
    """The person's language: their registration's for this track, else the directory's."""
    registration = Registration.objects.filter(member=member).only("language").first()
    return normalise(registration.language if registration else member.person.preferred_language)


# The person, from their status page (the personal link) ---------------------------------------------


def _by_personal_link(view):
    @functools.wraps(view)
    def wrapper(request, track, token):
        try:
            member = links.member_from_token(token, track)
        except LinkError as error:
            return link_error_page(request, error, _track(track))
        here = reverse("registration:register", kwargs={"track": track, "token": token})
        return view(request, member, here)

    return wrapper


@_by_personal_link
def my_data_json(request, member, here):
    return _json(member, request.user)


@_by_personal_link
def my_data_pdf(request, member, here):
    return _pdf(member, request.user)


@_by_personal_link
def my_erasure(request, member, here):
    return _erasure_page(request, member, back=here, by_focal_point=False)


# The focal point, for a member it named ----------------------------------------------------------


def _named_by_focal_point(view):
    @login_required
    @functools.wraps(view)
    def wrapper(request, track, parliament, member):
        if not rules.can_manage_delegation(request.user, parliament):
            raise Http404
        member = get_object_or_404(
            DelegationMember.objects.select_related("person", "delegation__track"),
            pk=member,
            delegation__track__slug=track,
            delegation__parliament_id=parliament,
        )
        back = reverse("registration:delegation", kwargs={"track": track, "parliament": parliament})
        return view(request, member, back)

    return wrapper


@_named_by_focal_point
def member_data_json(request, member, back):
    return _json(member, request.user)


@_named_by_focal_point
def member_data_pdf(request, member, back):
    return _pdf(member, request.user)


@_named_by_focal_point
def member_erasure(request, member, back):
    return _erasure_page(request, member, back=back, by_focal_point=True)


def _exported(member, actor, kind: str) -> None:
    record(actor=actor, action=f"privacy.exported_{kind}", target=member.person)


def _private(response: HttpResponse) -> HttpResponse:
    """A person's data is kept by no cache between plenary and the reader."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


def _json(member, actor) -> HttpResponse:
    _exported(member, actor, "json")
    data = {
        "generated_at": timezone.now().isoformat(),
        **selectors.as_json(selectors.personal_data(member.person)),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return _private(response)


def _pdf(member, actor) -> HttpResponse:
    _exported(member, actor, "pdf")
    language = _reader_language(member)
    context = {
        "track": member.delegation.track,
        "generated_at": timezone.now(),
        "language": language,
        "direction": text_direction(language),
    }
    with translation.override(language):
        context["parts"] = selectors.for_reading(selectors.personal_data(member.person))
    pdf = render_pdf("privacy/pdf/my_data.html", context, languages=[language])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="my-data.pdf"'
    return _private(response)


def _erasure_page(request, member, *, back: str, by_focal_point: bool):
    track = member.delegation.track
    if request.method == "POST":
        services.request_erasure(
            person=member.person,
            track=track,
            actor=request.user,
            language=_reader_language(member),
            by_focal_point=by_focal_point,
        )
        messages.success(request, _("Your request is sent to the secretariat, who will tell you by e-mail."))
        return redirect(back)
    waiting = ErasureRequest.objects.filter(person=member.person, status=ErasureRequest.Status.OPEN).first()
    return render(
        request,
        "privacy/erasure.html",
        {
            "track": track,
            "member": member,
            "back": back,
            "waiting": waiting,
            "by_focal_point": by_focal_point,
        },
    )


# The secretariat ---------------------------------------------------------------------------------


@secretariat_required
def secretariat_privacy(request, track):
    track = _track(track)
    policy = services.policy_for(track)
    form = RetentionPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        services.set_policy(policy=policy, days=form.cleaned_data, actor=request.user)
        messages.success(request, _("The retention periods are saved."))
        return redirect("privacy:secretariat", track=track.slug)
    return render(
        request,
        "privacy/secretariat.html",
        {
            "track": track,
            "form": form,
            "schedule": selectors.retention_schedule(track),
            "requests": selectors.erasure_requests(track),
            "confirm_form": ConfirmErasureForm(),
            "language": get_language(),
        },
    )


@secretariat_required
def confirm_erasure(request, track, pk):
    track = _track(track)
    erasure = get_object_or_404(ErasureRequest, pk=pk, track=track)
    if request.method != "POST":
        return redirect("privacy:secretariat", track=track.slug)
    form = ConfirmErasureForm(request.POST)
    if form.is_valid():
        try:
            services.confirm_erasure(erasure=erasure, kept=form.cleaned_data["kept"], actor=request.user)
            messages.success(request, _("The person is erased and told by e-mail."))
        except services.PrivacyError as error:
            show_error(request, error)
    return redirect("privacy:secretariat", track=track.slug)
