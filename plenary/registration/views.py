import datetime as dt
import functools
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plenary.core.clients import client_address
from plenary.core.dates import format_clock, format_date
from plenary.core.errors import show_error
from plenary.core.ids import parse_id
from plenary.core.languages import language_name, sort_key
from plenary.core.links import LinkError
from plenary.core.permissions import (
    parliament_ids_for,
    secretariat_required,
)
from plenary.directory.models import Parliament, Person
from plenary.events.models import Track
from plenary.invitations.views import link_error_page
from plenary.registration import documents, exports, hooks, links, rules, selectors, services
from plenary.registration.forms import (
    ARABIC_NAME,
    LATIN_NAME,
    AnswerForm,
    CheckInForm,
    DetailsForm,
    FilterForm,
    MemberForm,
    ModeForm,
    NewLinkForm,
    RegistrationForm,
    RejectForm,
)
from plenary.registration.models import Mode, Registration

REGISTRATIONS_PER_PAGE = 200


def _track(slug: str) -> Track:
    return get_object_or_404(Track.objects.select_related("forum__host_country"), slug=slug)


def _actor(request):
    return request.user if request.user.is_authenticated else None


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Delegation (focal point) ----------------------------------------------------------------------


@login_required
def my_delegations(request, track):
    """A focal point's way in after logging in: their parliament's delegation page."""
    track = _track(track)
    parliaments = list(
        Parliament.objects.filter(pk__in=parliament_ids_for(request.user), tracks_invited_to=track)
        .select_related("country")
        .order_by("country__iso3")
    )
    if len(parliaments) == 1:
        return redirect("registration:delegation", track=track.slug, parliament=parliaments[0].pk)
    return render(request, "registration/my_delegations.html", {"track": track, "parliaments": parliaments})


@login_required
def delegation_for_focal_point(request, track, parliament):
    track = _track(track)
    if not rules.can_manage_delegation(request.user, parliament):
        raise Http404
    parliament = get_object_or_404(Parliament, pk=parliament, tracks_invited_to=track)
    delegation = services.delegation_for(track=track, parliament=parliament)
    here = reverse("registration:delegation", kwargs={"track": track.slug, "parliament": parliament.pk})
    return _delegation_page(request, delegation, here)


def _opened_by_personal_link(view):
    """A link that does not open answers a page saying why, which offers to send a new one."""

    @functools.wraps(view)
    def wrapper(request, track, token):
        try:
            return view(request, track, token)
        except LinkError as error:
            return link_error_page(request, error, _track(track))

    return wrapper


@_opened_by_personal_link
def delegation_by_link(request, track, token):
    delegation = links.delegation_from_token(token, track)
    here = reverse("registration:delegation_link", kwargs={"track": track, "token": token})
    return _delegation_page(request, delegation, here)


@_opened_by_personal_link
def delegation_by_invitation(request, track, token):
    """The delegation page opened from the invitation's personal link (sent with the letter)."""
    from plenary.invitations.services import parliament_for_token

    invitation = parliament_for_token(token)
    if invitation.track.slug != track:
        raise Http404
    delegation = services.delegation_for(track=invitation.track, parliament=invitation.parliament)
    here = reverse("registration:delegation_by_invitation", kwargs={"track": track, "token": token})
    return _delegation_page(request, delegation, here)


def _delegation_page(request, delegation, here):
    member_form = MemberForm(delegation=delegation, language=get_language())
    if request.method == "POST":
        action = request.POST.get("action")
        if action != "add":
            _act_on_delegation(request, delegation, action)
            return redirect(here)
        member_form = MemberForm(request.POST, delegation=delegation, language=get_language())
        if _add_member_from(member_form, delegation, _actor(request)):
            messages.success(request, _("The member is added to the delegation."))
            return redirect(here)
    delegation = selectors.delegation_with_members(delegation)
    return render(
        request,
        "registration/delegation.html",
        {
            "delegation": delegation,
            "track": delegation.track,
            "quota": selectors.delegation_quota(delegation),
            "registered_count": selectors.registered_members_count(delegation),
            "undelivered_links": selectors.link_mail(delegation),
            "waiting_for_limit": selectors.mark_waiting_places(delegation),
            "member_form": member_form,
            "here": here,
        },
    )


def _add_member_from(form, delegation, actor) -> bool:
    """Name the member the form describes; a rule's refusal goes on the form, which keeps what was typed."""
    if not form.is_valid():
        return False
    try:
        _add_member(delegation, form.cleaned_data, actor)
    except services.RegistrationError as error:
        form.add_error(None, error.message)
        return False
    return True


def _act_on_delegation(request, delegation, action):
    handlers = {
        "answer": _answer_invitation,
        "send": _send_link,
        "remove": _remove_member,
        "withdraw": _withdraw_member_link,
        "withdraw_delegation_link": _withdraw_delegation_link,
    }
    handlers |= hooks.delegation_actions()
    if action not in handlers:
        raise Http404
    try:
        handlers[action](request, delegation, _actor(request))
    except services.RegistrationError as error:
        show_error(request, error)


def _answer_invitation(request, delegation, actor):
    form = AnswerForm(request.POST)
    if not form.is_valid():
        raise Http404
    services.answer_invitation(delegation=delegation, accept=form.cleaned_data["accept"], actor=actor)
    messages.success(request, _("Your answer is recorded."))


def _delegation_member(request, delegation):
    return get_object_or_404(
        delegation.members.select_related("person"), pk=parse_id(request.POST.get("member"))
    )


def _send_link(request, delegation, actor):
    member = _delegation_member(request, delegation)
    services.send_registration_link(
        member=member, link=links.member_link(member, settings.SITE_URL), actor=actor
    )
    # Queued, not sent: whether it arrives shows on the delegation page.
    messages.success(
        request, _("The registration link is on its way to %(address)s.") % {"address": member.person.email}
    )


def _withdraw_member_link(request, delegation, actor):
    member = _delegation_member(request, delegation)
    services.withdraw_member_link(member=member, actor=actor)
    messages.success(request, _withdrawn_member_link_message(member))


def _withdrawn_member_link_message(member) -> str:
    return _(
        "The registration link of %(name)s is withdrawn: the link sent so far no longer opens. "
        "Send the link again to give them a new one."
    ) % {"name": member.person.full_name}


def _withdraw_delegation_link(request, delegation, actor):
    """Only someone logged in (focal point, secretariat) may withdraw the page's own link: a visitor
    who came through that link would lock themselves out."""
    if not rules.can_withdraw_delegation_link(request.user):
        raise Http404
    services.withdraw_delegation_link(delegation=delegation, actor=actor)
    messages.success(
        request,
        _("The link to this delegation page is withdrawn: the link sent so far no longer opens."),
    )


def _remove_member(request, delegation, actor):
    services.remove_member(member=_delegation_member(request, delegation), actor=actor)
    messages.success(request, _("The member is removed from the delegation."))


def _add_member(delegation, data, actor):
    if data["person"]:
        return services.add_member(
            delegation=delegation, person=data["person"], kind=data["kind"], role=data["role"], actor=actor
        )
    person_data = {name: data[name] for name in ("given_name", "family_name", "email", "preferred_language")}
    return services.add_new_person(
        delegation=delegation, person_data=person_data, kind=data["kind"], role=data["role"], actor=actor
    )


# Registration (delegate) -----------------------------------------------------------------------


def _passport_names(person) -> dict:
    """The directory's names go where the form accepts them: passport names must be Latin, so
    names written in Arabic script prefill the Arabic-script name instead of failing validation."""
    names = {"given_name": person.given_name, "family_name": person.family_name}
    if all(LATIN_NAME.match(name) for name in names.values()):
        return names | {"name_arabic": person.name_arabic}
    in_arabic = " ".join(name for name in names.values() if name)
    name_arabic = person.name_arabic or (in_arabic if ARABIC_NAME.match(in_arabic) else "")
    return {"given_name": "", "family_name": "", "name_arabic": name_arabic}


def _initial_from_directory(member) -> dict:
    person = member.person
    committees = list(person.committees.all())
    return {
        "language": person.preferred_language,
        "honorific": person.honorific,
        **_passport_names(person),
        "gender": person.gender,
        "email": person.email,
        "nationality": member.delegation.parliament.country_id,
        "chamber": person.chamber_id,
        "functions": ", ".join(str(function) for function in person.functions.all()),
        "committees": ", ".join(str(committee) for committee in committees),
        "digital_committee": any(committee.is_digital_affairs for committee in committees),
        "mode": "onsite",
    }


@_opened_by_personal_link
def register(request, track, token):
    member = links.member_registering(token, track)
    track = member.delegation.track
    here = reverse("registration:register", kwargs={"track": track.slug, "token": token})
    if member.registered:
        registration = Registration.objects.get(track=track, person_id=member.person_id)
        return _registration_status(request, registration, here, token)
    kept_photo = ""
    if request.method == "POST":
        form = RegistrationForm(
            request.POST,
            request.FILES,
            track=track,
            parliament=member.delegation.parliament,
            member_id=member.pk,
        )
        if form.is_valid():
            try:
                services.submit_registration(
                    member=member,
                    delegation=member.delegation,
                    data=form.registration_data(),
                    photo=form.cleaned_data["photo_upload"],
                    actor=_actor(request),
                )
                form.discard_kept_photo()
                messages.success(request, _("Your registration is received."))
            except services.AlreadyRegistered:
                messages.info(request, _("You are already registered: here is your registration."))
            except services.RegistrationError as error:
                show_error(request, error)
            return redirect(here)
        kept_photo = form.keep_photo()
    else:
        form = RegistrationForm(
            initial=_initial_from_directory(member), track=track, parliament=member.delegation.parliament
        )
    return render(
        request,
        "registration/register.html",
        {
            "form": form,
            "member": member,
            "track": track,
            "privacy_notice": selectors.privacy_notice(track),
            "kept_photo": kept_photo,
        },
    )


def _registration_status(request, registration, here, token):
    if request.method == "POST":
        try:
            if request.POST.get("action") == "mode":
                services.change_mode(
                    registration=registration, mode=_chosen_mode(request), actor=_actor(request)
                )
                messages.success(request, _("Your participation is changed."))
            elif request.POST.get("action") == "cancel":
                services.cancel(registration=registration, actor=_actor(request))
                messages.success(request, _("Your registration is cancelled."))
            else:
                messages.info(request, _("You are already registered: here is your registration."))
        except services.RegistrationError as error:
            show_error(request, error)
        return redirect(here)
    return render(
        request,
        "registration/status.html",
        {
            "registration": registration,
            "track": registration.track,
            "other_mode": _other_mode(registration),
            "waiting": selectors.waiting_place(registration),
            "holds_session_seats": selectors.holds_session_seats(registration),
            "badge_allowed": hooks.lets_through("badges", registration.delegation),
            "checked_in": registration.checkins.exists(),
            "token": token,
        },
    )


def _chosen_mode(request) -> str:
    form = ModeForm(request.POST)
    if not form.is_valid():
        raise services.RegistrationError(_("Choose onsite or online."))
    return form.cleaned_data["mode"]


def _other_mode(registration) -> str:
    """The mode a change of participation switches to: the pages offer one button, not a choice."""
    return Mode.ONLINE if registration.mode == Mode.ONSITE else Mode.ONSITE


def _registration_by_token(track, token) -> Registration:
    member = links.member_from_token(token, track)
    registration = (
        Registration.objects.filter(member=member)
        .select_related("track__forum", "delegation__parliament__country", "nationality")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


@_opened_by_personal_link
def my_badge(request, track, token):
    registration = _registration_by_token(track, token)
    if not (registration.holds_onsite_seat and hooks.lets_through("badges", registration.delegation)):
        raise Http404
    return _pdf(
        documents.badges_pdf(registration.track, [registration]), f"badge-{registration.reference}.pdf"
    )


@_opened_by_personal_link
def my_visa_letter(request, track, token):
    registration = _registration_by_token(track, token)
    if not (registration.holds_onsite_seat and registration.visa_letter):
        raise Http404
    return _pdf(documents.visa_letter_pdf(registration), f"visa-letter-{registration.reference}.pdf")


# Secretariat -----------------------------------------------------------------------------------


@secretariat_required
def secretariat_list(request, track):
    track = _track(track)
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    registrations = selectors.registrations_for_secretariat(track, filters)
    export = request.GET.get("export")
    if export == "csv":
        response = HttpResponse(exports.to_csv(registrations), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="registrations-{track.slug}.csv"'
        return response
    if export == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(registrations),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="registrations-{track.slug}.xlsx"'
        return response
    page = Paginator(registrations, REGISTRATIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    all_parliaments = query.copy()
    all_parliaments.pop("parliament", None)
    return render(
        request,
        "registration/secretariat_list.html",
        {
            "track": track,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "parliament": filters.get("parliament")
            and Parliament.objects.filter(pk=filters["parliament"]).first(),
            "all_parliaments_query": all_parliaments.urlencode(),
        },
    )


@secretariat_required
def secretariat_detail(request, track, pk):
    track = _track(track)
    registration = get_object_or_404(
        Registration.objects.select_related("delegation__parliament__country", "nationality", "chamber"),
        track=track,
        pk=pk,
    )
    here = reverse("registration:secretariat_detail", kwargs={"track": track.slug, "pk": pk})
    if request.method == "POST":
        _decide_on_registration(request, registration)
        return redirect(here)
    return render(
        request,
        "registration/secretariat_detail.html",
        {
            "track": track,
            "registration": registration,
            "days": [format_date(dt.date.fromisoformat(day)) for day in registration.days],
            "interpretation": [language_name(code) for code in registration.interpretation],
            "gender": _gender_label(registration.gender),
            "submitted_on": _at_the_venue(registration.created_at, track),
            "reject_form": RejectForm(),
            "other_mode": _other_mode(registration),
            "holds_session_seats": selectors.holds_session_seats(registration),
            "badge_allowed": hooks.lets_through("badges", registration.delegation),
        },
    )


def _gender_label(value: str) -> str:
    return dict(Person.Gender.choices).get(value, value)


def _at_the_venue(moment: dt.datetime, track) -> str:
    """A date and time as the venue's clock shows it, e.g. "8 October 2023, 09:12"."""
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(track.forum.time_zone))
    return _("%(date)s, %(time)s") % {"date": format_date(local.date()), "time": format_clock(local)}


@secretariat_required
def secretariat_details(request, track, pk):
    """The secretariat corrects a registration's names, contact, functions, needs and passport."""
    track = _track(track)
    registration = get_object_or_404(Registration.objects.select_related("track__forum"), track=track, pk=pk)
    form = DetailsForm(request.POST or None, instance=registration)
    if request.method == "POST" and form.is_valid():
        services.update_details(registration=registration, data=form.details(), actor=request.user)
        messages.success(request, _("The registration's details are saved."))
        return redirect("registration:secretariat_detail", track=track.slug, pk=pk)
    return render(
        request,
        "registration/secretariat_details.html",
        {"track": track, "registration": registration, "form": form},
    )


def _decide_on_registration(request, registration):
    """Approve, reject, change the mode or cancel; the message says what happened."""
    handlers = {
        "approve": _approve,
        "reject": _reject,
        "mode": _change_mode,
        "cancel": _cancel,
        "withdraw_link": _withdraw_registration_link,
    }
    action = request.POST.get("action")
    handlers |= hooks.delegation_actions()
    if action not in handlers:
        raise Http404
    try:
        messages.success(request, handlers[action](request, registration))
    except services.RegistrationError as error:
        show_error(request, error)


def _approve(request, registration) -> str:
    registration = services.approve(registration=registration, actor=request.user)
    if registration.status == Registration.Status.CONFIRMED:
        return _("The registration is approved and confirmed.")
    return _("The registration is approved and put on the waiting list.")


def _reject(request, registration) -> str:
    form = RejectForm(request.POST)
    if not form.is_valid():
        raise services.RegistrationError(_("Give the reason for the rejection."))
    services.reject(registration=registration, reason=form.cleaned_data["reason"], actor=request.user)
    return _("The registration is rejected: the delegate is e-mailed the reason.")


def _change_mode(request, registration) -> str:
    registration = services.change_mode(
        registration=registration, mode=_chosen_mode(request), actor=request.user
    )
    return _("The participation is now: %(mode)s (%(status)s).") % {
        "mode": registration.get_mode_display(),
        "status": registration.get_status_display(),
    }


def _cancel(request, registration) -> str:
    services.cancel(registration=registration, actor=request.user)
    return _("The registration is cancelled.")


def _withdraw_registration_link(request, registration) -> str:
    if registration.member_id is None:
        raise services.RegistrationError(_("This registration has no personal link."))
    services.withdraw_member_link(member=registration.member, actor=request.user)
    return _withdrawn_member_link_message(registration.member)


@secretariat_required
def secretariat_photo(request, track, pk):
    track = _track(track)
    registration = get_object_or_404(Registration, track=track, pk=pk)
    if not registration.photo:
        raise Http404
    return FileResponse(registration.photo.open("rb"), content_type="image/jpeg")


def _badge_size(request) -> str:
    size = request.GET.get("size", "a6")
    return size if size in documents.BADGE_SIZES else "a6"


@secretariat_required
def secretariat_badge(request, track, pk):
    track = _track(track)
    registration = get_object_or_404(selectors.badges_to_print(track), pk=pk)
    content = documents.badges_pdf(track, [registration], size=_badge_size(request))
    return _pdf(content, f"badge-{registration.reference}.pdf")


@secretariat_required
def secretariat_visa_letter(request, track, pk):
    track = _track(track)
    registration = get_object_or_404(selectors.confirmed_onsite(track).filter(visa_letter=True), pk=pk)
    return _pdf(documents.visa_letter_pdf(registration), f"visa-letter-{registration.reference}.pdf")


@secretariat_required
def check_in(request, track):
    track = _track(track)
    form = CheckInForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        reference = links.reference_from_scan(form.cleaned_data["code"])
        registration = selectors.registration_by_reference(track, reference) if reference else None
        if registration is None:
            result = {"level": "error", "message": _("No registration has this code.")}
        else:
            try:
                checkin, created = services.check_in(registration=registration, actor=request.user)
                at = format_clock(timezone.localtime(checkin.at, zoneinfo.ZoneInfo(track.forum.time_zone)))
                result = {
                    "registration": registration,
                    "level": "success" if created else "warning",
                    "message": _("Checked in at %(time)s.") % {"time": at}
                    if created
                    else _("Already checked in at %(time)s.") % {"time": at},
                }
            except services.RegistrationError as error:
                result = {"registration": registration, "level": "error", "message": error.message}
        form = CheckInForm()
    return render(request, "registration/check_in.html", {"track": track, "form": form, "result": result})


# Public ----------------------------------------------------------------------------------------


def new_link(request, track):
    """ "Send me a new link": whatever the address typed, the same answer, so that the page tells
    nobody who is registered; a known address receives its links at the address on file."""
    track = _track(track)
    form = NewLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not services.may_ask_for_new_link(email=email, client=client_address(request)):
            messages.error(request, _("Too many requests for a new link. Try again in an hour."))
            return render(request, "registration/new_link.html", {"track": track, "form": form}, status=429)
        services.send_new_links(track=track, email=email, language=get_language())
        messages.success(
            request,
            _(
                "If this address is on file for this track, a new personal link is on its way to it. "
                "Check your mailbox, and your spam folder, in a few minutes."
            ),
        )
        return redirect("registration:new_link", track=track.slug)
    return render(request, "registration/new_link.html", {"track": track, "form": form})


def participants(request, track):
    track = _track(track)
    return render(
        request,
        "registration/participants.html",
        {"track": track, "parliaments": _by_country_name(selectors.participating_parliaments(track))},
    )


def _by_country_name(parliaments) -> list[dict]:
    """Sorted by the country's name in the page's language; the country is named only when the
    parliament's own name does not already say it."""
    rows = []
    for parliament in parliaments:
        name, country = str(parliament.name), str(parliament.country.name)
        rows.append({"name": name, "country": "" if country in name else country, "sort": sort_key(country)})
    return sorted(rows, key=lambda row: row["sort"])
