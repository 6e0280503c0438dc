import math
import time

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plenary.core.errors import ServiceError, show_error
from plenary.core.ids import parse_id
from plenary.core.languages import text_direction
from plenary.core.pdf import render_pdf
from plenary.core.permissions import is_secretariat, parliament_ids_for, secretariat_required
from plenary.floor import exports, selectors, services
from plenary.floor.forms import AnnouncedValueForm, SeatingForm
from plenary.floor.models import Request
from plenary.registration.selectors import confirmed_registration

POLL_MILLISECONDS = 1000


def _seconds_left(state: dict) -> int | None:
    if state["current"] is None:
        return None
    return max(0, math.ceil((state["current"]["ends_at"] - time.time() * 1000) / 1000))


def _page_context(speakers_list) -> dict:
    state = selectors.live_state(speakers_list)
    session = speakers_list.session
    return {
        "speakers_list": speakers_list,
        "session": session,
        "track": session.track,
        "state": state,
        "seconds_left": _seconds_left(state),
        "poll_milliseconds": POLL_MILLISECONDS,
    }


def _act(request, change, done: str) -> bool:
    try:
        change()
    except ServiceError as error:
        show_error(request, error)
        return False
    messages.success(request, done)
    return True


def session_floor(request, track, slug):
    """The session's list, for everyone; a confirmed member asks to speak or withdraws here."""
    speakers_list = selectors.list_or_none(track, slug)
    if speakers_list is None:
        return render(request, "floor/no_list.html", {"session": selectors.session(track, slug)}, status=404)
    member = confirmed_registration(request.user, speakers_list.session.track)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if member is None:
            messages.error(request, _("Only members of confirmed delegations may ask to speak."))
        else:
            _member_action(request, speakers_list, member)
        return redirect("floor:session", track, slug)
    context = _page_context(speakers_list) | {
        "member": member,
        "own_request": selectors.open_request_of(speakers_list, member),
        "draw": selectors.draw_of(speakers_list),
        "is_chair": selectors.is_chair(request.user, speakers_list),
        "is_focal_point": bool(parliament_ids_for(request.user)),
    }
    return render(request, "floor/session.html", context)


def _member_action(request, speakers_list, member) -> None:
    if request.POST.get("action") == "withdraw":
        own = selectors.open_request_of(speakers_list, member)
        if own is not None:
            _act(
                request,
                lambda: services.withdraw(request=own, actor=request.user),
                _("Your request to speak is withdrawn."),
            )
        return
    _act(
        request,
        lambda: services.ask(
            speakers_list=speakers_list,
            member=member,
            actor=request.user,
            point_of_order=request.POST.get("point_of_order") == "1",
        ),
        _("You are on the speakers' list."),
    )


@require_GET
def live(request, track, slug):
    """The list's state as JSON, polled every second by the session, chair and projector pages."""
    state = selectors.live_json(selectors.list_version(track, slug))
    now = round(time.time() * 1000)
    response = HttpResponse(f'{{"now":{now},{state[1:]}', content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def projector(request, track, slug):
    speakers_list = selectors.speakers_list(track, slug)
    return render(request, "floor/projector.html", _page_context(speakers_list))


def chair(request, track, slug):
    """The chair's page: a chair of this list, or the secretariat (with its second factor)."""
    speakers_list = selectors.speakers_list(track, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if selectors.is_chair(request.user, speakers_list):
        return _chair_page(request, speakers_list)
    return secretariat_required(lambda request: _chair_page(request, speakers_list))(request)


def _chair_page(request, speakers_list):
    if request.method == "POST":
        _chair_action(request, speakers_list)
        return redirect("floor:chair", speakers_list.session.track.slug, speakers_list.session.slug)
    context = _page_context(speakers_list) | {
        "draw": selectors.draw_of(speakers_list),
        "draw_form": AnnouncedValueForm(),
    }
    return render(request, "floor/chair.html", context)


def _chair_action(request, speakers_list) -> None:
    action = request.POST.get("action")
    actor = request.user
    if action == "next":
        seen = parse_id(request.POST.get("current", ""))
        _act(
            request,
            lambda: services.call_next(speakers_list=speakers_list, actor=actor, current_seen=seen),
            _("The next speaker is called."),
        )
    elif action == "end":
        _act(
            request, lambda: services.end_turn(speakers_list=speakers_list, actor=actor), _("The turn ended.")
        )
    elif action == "priority":
        waiting = _waiting_request(speakers_list, request.POST.get("request", ""))
        _act(
            request,
            lambda: services.give_priority(request=waiting, actor=actor),
            _("The point of order comes first."),
        )
    elif action == "commit":
        _act(
            request,
            lambda: services.publish_commitment(speakers_list=speakers_list, actor=actor),
            _("Requests are closed and the commitment is published."),
        )
    elif action == "draw":
        form = AnnouncedValueForm(request.POST)
        value = form.cleaned_data["announced_value"] if form.is_valid() else ""
        _act(
            request,
            lambda: services.run_draw(speakers_list=speakers_list, announced_value=value, actor=actor),
            _("The order is drawn."),
        )


def _waiting_request(speakers_list, text: str) -> Request:
    found = Request.objects.filter(speakers_list=speakers_list, pk=parse_id(text) or 0).first()
    if found is None:
        raise Http404
    return found


def delegation(request, track, slug):
    """A focal point exchanges the places of its delegation's members on the list."""
    speakers_list = selectors.speakers_list(track, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    parliaments = parliament_ids_for(request.user)
    if not parliaments:
        raise Http404
    delegation_ids = list(
        speakers_list.session.track.delegations.filter(parliament_id__in=parliaments).values_list(
            "pk", flat=True
        )
    )
    if request.method == "POST":
        first = _waiting_request(speakers_list, request.POST.get("first", ""))
        second = _waiting_request(speakers_list, request.POST.get("second", ""))
        if first.delegation_id not in delegation_ids:
            raise Http404
        _act(
            request,
            lambda: services.swap(first=first, second=second, actor=request.user),
            _("The two places are exchanged."),
        )
        return redirect("floor:delegation", track, slug)
    context = _page_context(speakers_list) | {
        "own": selectors.delegation_waiting(speakers_list, delegation_ids)
    }
    return render(request, "floor/delegation.html", context)


def seating(request, track, slug):
    """The seating plan by delegation; the secretariat draws its first country by lot."""
    speakers_list = selectors.speakers_list(track, slug)
    session = speakers_list.session
    plan = selectors.seating_plan(session)
    if request.method == "POST":
        return secretariat_required(lambda request: _draw_seating(request, speakers_list))(request)
    context = {
        "session": session,
        "track": session.track,
        "speakers_list": speakers_list,
        "plan": plan,
        "seats": selectors.seats(plan) if plan else [],
        "plan_direction": text_direction(plan.language) if plan else "",
        "form": SeatingForm(),
        "may_draw": is_secretariat(request.user),
    }
    if plan and request.GET.get("format") == "pdf":
        pdf = render_pdf("floor/seating_pdf.html", context, languages=[plan.language])
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="seating-{session.slug}.pdf"'
        return response
    return render(request, "floor/seating.html", context)


def _draw_seating(request, speakers_list):
    form = SeatingForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.draw_seating(
                session=speakers_list.session,
                language=form.cleaned_data["language"],
                announced_value=form.cleaned_data["announced_value"],
                actor=request.user,
            ),
            _("The seating plan is drawn."),
        )
    return redirect("floor:seating", speakers_list.session.track.slug, speakers_list.session.slug)


@secretariat_required
def export(request, track, slug, file_format):
    session = selectors.speakers_list(track, slug).session
    if file_format == "csv":
        response = HttpResponse(exports.speakers_csv(session), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            exports.speakers_xlsx(session),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="speakers-{session.slug}.{file_format}"'
    return response
