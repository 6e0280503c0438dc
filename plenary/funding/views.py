from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plenary.core.errors import ServiceError, show_error
from plenary.core.ids import parse_id
from plenary.core.languages import current_language, format_list
from plenary.core.permissions import is_secretariat, secretariat_required
from plenary.events.selectors import track_by_slug
from plenary.funding import eligibility, rules, selectors, services
from plenary.funding.forms import (
    ApplicationForm,
    EndorseForm,
    PaymentForm,
    RegionLimitsForm,
    ReviewForm,
    RunForm,
    SendDecisionsForm,
)
from plenary.funding.models import Application, FundingCall, SelectionRun


def _person(user):
    person = getattr(user, "person", None)
    if person is None:
        raise Http404
    return person


def _require_reviewer(user):
    if not rules.can_review(user):
        raise Http404


def calls(request, track):
    """The funding page: for a delegate, open calls and every call they applied to (offers come after
    closing), the rules checked for them and their application; for a visitor, the open and coming
    calls with a link to each call's public page.

    Someone whose account is not a member of parliament in the directory sees the calls and is told
    how to take part, rather than a dead end.
    """
    track = track_by_slug(track)
    today = timezone.localdate()
    if not request.user.is_authenticated:
        context = {"track": track, "calls": selectors.public_calls(track, today)}
        return render(request, "funding/public_calls.html", context)
    person = getattr(request.user, "person", None)
    items = []
    for call in selectors.calls_for_delegate(track, person, today):
        application = Application.objects.filter(call=call, person=person).first() if person else None
        checks = eligibility.evaluate(call, person, application) if person else []
        items.append(
            {
                "call": call,
                "is_open": call.is_open(today),
                "checks": checks,
                "may_apply": bool(person) and call.is_open(today) and eligibility.may_apply(checks),
                "application": application,
            }
        )
    return render(
        request, "funding/calls.html", {"track": track, "items": items, "not_a_member": person is None}
    )


def call_page(request, track, call):
    """A call's public page: who is eligible, what it covers, the dates and how to apply."""
    track = track_by_slug(track)
    call = get_object_or_404(FundingCall, pk=call, track=track)
    categories = format_list(eligibility.CountryCategory(code).label for code in call.country_categories)
    context = {
        "track": track,
        "call": call,
        "categories": categories,
        "is_open": call.is_open(timezone.localdate()),
    }
    return render(request, "funding/call.html", context)


@login_required
def apply(request, track, call):
    track = track_by_slug(track)
    call = get_object_or_404(FundingCall, pk=call, track=track)
    person = _person(request.user)
    checks = eligibility.evaluate(call, person)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_application(
                call=call,
                person=person,
                data=form.cleaned_data,
                language=current_language(),
                actor=request.user,
            )
        except ValidationError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Your application has been submitted."))
            return redirect("funding:calls", track=track.slug)
    context = {"track": track, "call": call, "checks": checks, "may_apply": eligibility.may_apply(checks)}
    return render(request, "funding/apply.html", context | {"form": form})


def _own_application(request, pk) -> Application:
    application = get_object_or_404(Application.objects.select_related("call__track"), pk=pk)
    if not rules.can_answer_offer(request.user, application):
        raise Http404
    return application


@login_required
@require_POST
def accept(request, pk):
    application = _own_application(request, pk)
    try:
        services.accept_offer(application=application, actor=request.user)
    except ValidationError as error:
        show_error(request, error)
    else:
        messages.success(request, _("You have accepted the grant."))
    return redirect("funding:calls", track=application.call.track.slug)


@login_required
def decline(request, pk):
    """Declining a grant cannot be undone: the page asks first, the POST declines."""
    application = _own_application(request, pk)
    if request.method == "POST":
        try:
            services.decline_offer(application=application, actor=request.user)
        except ValidationError as error:
            show_error(request, error)
        else:
            messages.success(request, _("You have declined the grant."))
        return redirect("funding:calls", track=application.call.track.slug)
    return render(request, "funding/decline.html", {"application": application, "call": application.call})


@login_required
def endorsements(request, call):
    """Focal points endorse their parliament's applications; the secretariat endorses every other."""
    call = get_object_or_404(FundingCall, pk=call)
    if not rules.can_see_endorsements(request.user):
        raise Http404
    secretariat = is_secretariat(request.user)
    applications = list(selectors.endorsement_queue(request.user, call))
    if secretariat:
        with_focal_point = {
            application.pk
            for application in applications
            if eligibility.focal_point_users(application.person.parliament_id)
        }
    else:
        with_focal_point = {application.pk for application in applications}
    context = {
        "call": call,
        "applications": applications,
        "with_focal_point": with_focal_point,
        "secretariat": secretariat,
        "form": EndorseForm(),
    }
    return render(request, "funding/endorsements.html", context)


@login_required
@require_POST
def endorse(request, pk):
    application = get_object_or_404(Application.objects.select_related("person"), pk=pk)
    if not rules.can_endorse(request.user, application):
        raise Http404
    form = EndorseForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.endorse(application=application, actor=request.user, letter=form.cleaned_data["letter"])
        except ValidationError as error:
            show_error(request, error)
        else:
            messages.success(request, _("The application is endorsed."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("funding:endorsements", call=application.call_id)


@login_required
def review_list(request, call):
    _require_reviewer(request.user)
    call = get_object_or_404(FundingCall, pk=call)
    applications = selectors.applications_for_reviewer(request.user, call)
    mine = set(call.applications.filter(reviews__reviewer=request.user).values_list("pk", flat=True))
    return render(
        request, "funding/review_list.html", {"call": call, "applications": applications, "mine": mine}
    )


@login_required
def review(request, pk):
    _require_reviewer(request.user)
    application = get_object_or_404(
        Application.objects.select_related("call", "person__parliament__country"), pk=pk
    )
    if not selectors.applications_for_reviewer(request.user, application.call).filter(pk=pk).exists():
        raise Http404
    existing = application.reviews.filter(reviewer=request.user).first()
    initial = {}
    if existing:
        initial = {f"points_{code}": value for code, value in existing.points.items()} | {
            "comment": existing.comment
        }
    form = ReviewForm(request.POST or None, criteria=application.call.criteria.all(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_review(
                application=application,
                reviewer=request.user,
                points=form.points(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("funding:review_list", call=application.call_id)
    return render(request, "funding/review.html", {"application": application, "form": form})


@secretariat_required
def selection_page(request, call):
    call = get_object_or_404(FundingCall.objects.select_related("track"), pk=call)
    candidates = services.candidates(call)
    form = RunForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.run_selection(
                call=call,
                actor=request.user,
                fixed_in=form.cleaned_data["fixed_in"],
                fixed_out=form.cleaned_data["fixed_out"],
            )
        except ValidationError as error:
            show_error(request, error)
        else:
            return redirect("funding:run", pk=run.pk)
    applications = call.applications.select_related("person__parliament__country").order_by("-score", "id")
    context = {
        "call": call,
        "form": form,
        "limits_form": RegionLimitsForm(call=call),
        "applications": applications,
        "candidate_ids": {a.pk for a in candidates},
        "awaiting_endorsement": selectors.awaiting_endorsement(call),
        "runs": call.runs.all()[:20],
        "payment_form": PaymentForm(),
    }
    return render(request, "funding/selection.html", context)


@secretariat_required
@require_POST
def region_limits(request, call):
    call = get_object_or_404(FundingCall, pk=call)
    form = RegionLimitsForm(request.POST, call=call)
    if not form.is_valid():
        messages.error(request, _("Enter each limit as a whole number of people, or leave it empty."))
    else:
        try:
            services.set_region_limits(call=call, limits=form.limits(), actor=request.user)
        except ValidationError as error:
            show_error(request, error)
        else:
            messages.success(request, _("The regional limits are saved."))
    return redirect("funding:selection", call=call.pk)


@secretariat_required
def run_detail(request, pk):
    run = get_object_or_404(SelectionRun.objects.select_related("call__track"), pk=pk)
    comparison = None
    other = parse_id(request.GET.get("compare"))
    if other is not None:
        before = SelectionRun.objects.filter(call=run.call, pk=other).first()
        if before is not None:
            comparison = {"run": before, "diff": selectors.compare_runs(before, run)}
    context = {
        "run": run,
        "call": run.call,
        "rows": selectors.run_table(run),
        "shortfall": selectors.greedy_shortfall_percent(run),
        "conflicting_rules": format_list(services.rule_names(run.rules)),
        "baseline_unmet": format_list(services.rule_names(run.greedy_rules)),
        "comparison": comparison,
        "other_runs": run.call.runs.exclude(pk=run.pk)[:20],
    }
    return render(request, "funding/run.html", context)


@secretariat_required
def send_decisions(request, pk):
    """What sending the run's decisions will do, and the confirmation (and override) it needs."""
    run = get_object_or_404(SelectionRun.objects.select_related("call__track"), pk=pk)
    form = SendDecisionsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_run(run=run, actor=request.user, before_close=form.cleaned_data["before_close"])
        except (ValidationError, ServiceError) as error:
            show_error(request, error)
        else:
            messages.success(request, _("The decisions are being sent."))
            return redirect("funding:run", pk=run.pk)
    context = {
        "run": run,
        "call": run.call,
        "form": form,
        "offers": len(run.grants),
        "left_out": len(run.inputs) - len(run.grants),
        "is_open": run.call.closes_on >= timezone.localdate(),
    }
    return render(request, "funding/send_decisions.html", context)


@secretariat_required
@require_POST
def payment(request, pk):
    application = get_object_or_404(Application, pk=pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.record_payment(
                application=application, amount=form.cleaned_data["amount"], actor=request.user
            )
        except ValidationError as error:
            show_error(request, error)
        else:
            messages.success(request, _("The payment is recorded."))
    else:
        messages.error(request, _("Enter the amount paid, a whole number above zero."))
    return redirect("funding:selection", call=application.call_id)
