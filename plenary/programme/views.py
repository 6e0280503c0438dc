from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from plenary.core import dates
from plenary.core.errors import show_error
from plenary.core.languages import current_language
from plenary.programme import exporters, pagecache, presentation, rules, selectors, services
from plenary.programme.models import SessionKind, SessionSeat
from plenary.registration.links import member_from_token
from plenary.registration.models import Registration

PAGE_TEMPLATE = "programme/programme.html"
CONTENT_SLOT = "<!-- the release's content -->"


def _programme_for(request, track, release):
    """The release's programme, with stars and (only for those allowed) join links filled in."""
    shown = presentation.programme(release.programme, track.primary_language)
    if request.user.is_authenticated:
        starred = selectors.starred_uids(request.user, track)
        links = (
            selectors.join_links(track, [session.uid for session in shown.sessions])
            if rules.may_see_join_links(request.user, track)
            else {}
        )
        for session in shown.sessions:
            session.starred = session.uid in starred
            session.join_url = links.get(session.uid, "")
    return shown


@cache_control(public=True, max_age=86400)
def time_zone_names(request):
    """The time zones' names in the page's language, for the programme's time-zone menu."""
    return JsonResponse(dates.time_zone_names(current_language()), json_dumps_params={"ensure_ascii": False})


def programme(request, track):
    kind = request.GET.get("kind", "")
    if kind not in SessionKind.values:
        kind = ""
    if request.user.is_authenticated:
        return _personal_programme(request, track, kind)
    language = current_language()
    cached = pagecache.get(track, language, kind)
    if cached is not None:
        return HttpResponse(cached)
    if not _same_for_everyone(request, kind):
        return _public_programme(request, track, language, kind, shared=False)
    response = _public_programme(request, track, language, kind, shared=True)
    pagecache.put(track, language, kind, response.content)
    return response


def _personal_programme(request, track, kind):
    track_object = selectors.track_for_programme(track)
    release = selectors.published_release(track_object)
    shown = _programme_for(request, track_object, release)
    return render(
        request,
        "programme/programme.html",
        {
            "track": track_object,
            "forum": track_object.forum,
            "release": release,
            "days": shown.days(kind),
            "kinds": SessionKind.choices,
            "kind": kind,
            "time_zone": shown.time_zone,
        },
    )


def _same_for_everyone(request, kind) -> bool:
    """Whether this anonymous visitor gets the page every visitor gets, which may be kept for them all:
    asked for at the page's own address (the language switcher links to the address asked for), with
    no message waiting for this visitor alone."""
    address = f"{request.path}?kind={kind}" if kind else request.path
    return request.get_full_path() == address and not get_messages(request)


def _public_programme(request, track_slug, language, kind, *, shared):
    """The page anonymous visitors see: the release's content, rendered once per language and kind
    (on publication, by a task), in the site's frame. The frame of a `shared` page shows no release
    and nothing personal: it is kept per address, track name and language, across releases."""
    track, release_pk = selectors.track_and_latest_release_pk(track_slug)
    frame_key = pagecache.frame_key(request.get_full_path(), str(track.name), language)
    content, frame = pagecache.get_content_and_frame(release_pk, language, kind, frame_key)
    if content is None:
        content = _render_content(release_pk, language, kind)
    if not shared:
        context = {"track": track, "content": mark_safe(content)}  # noqa: S308 - our own render
        return render(request, PAGE_TEMPLATE, context)
    if frame is None:
        frame = _render_frame(request, track)
        pagecache.put_frame(frame_key, frame)
    before, after = frame
    return HttpResponse(before + content + after)


def _render_content(release_pk, language, kind) -> str:
    release = selectors.release_with_track(release_pk)
    shown = presentation.programme(release.programme, release.track.primary_language)
    content = services.public_content(
        track=release.track, release=release, shown=shown, language=language, kind=kind
    )
    pagecache.put_contents(release.pk, {(language, kind): content})
    return content


def _render_frame(request, track) -> tuple[str, str]:
    """The page around its content: what comes before it and what comes after."""
    context = {"track": track, "content": mark_safe(CONTENT_SLOT)}  # noqa: S308 - a constant
    page = render_to_string(PAGE_TEMPLATE, context, request)
    before, after = page.split(CONTENT_SLOT)
    return before, after


def _release_and_programme(request, track):
    track_object = selectors.track_for_programme(track)
    release = selectors.published_release(track_object)
    return track_object, release, _programme_for(request, track_object, release)


def session_detail(request, track, slug):
    track_object, release, shown = _release_and_programme(request, track)
    session = shown.session(slug)
    if session is None:
        raise Http404("No such session in the published programme.")
    return render(
        request,
        "programme/session.html",
        {
            "track": track_object,
            "forum": track_object.forum,
            "release": release,
            "session": session,
            "seats": _seats_on_session_page(request, track_object, session.uid),
        },
    )


def _seats_on_session_page(request, track, uid):
    """Seats left for everyone; the viewer's own seat or place, if they are a confirmed onsite delegate."""
    live = selectors.live_session(track, uid)
    if live is None or not live.seats_are_limited:
        return None
    registration = rules.confirmed_registration(request.user, track)
    if registration is not None and not registration.holds_onsite_seat:
        registration = None
    return {"row": selectors.seat_row(live, registration), "may_reserve": registration is not None}


def speaker_detail(request, track, speaker_id):
    track_object, release, shown = _release_and_programme(request, track)
    speaker = shown.speakers.get(speaker_id)
    if speaker is None or not speaker.sessions:
        raise Http404("No such speaker in the published programme.")
    return render(
        request,
        "programme/speaker.html",
        {"track": track_object, "forum": track_object.forum, "release": release, "speaker": speaker},
    )


def changes(request, track):
    """Every published release with what it changed, newest first."""
    track_object = selectors.track_for_programme(track)
    language = current_language()
    releases = [
        {"release": release, "lines": presentation.changelog_lines(release.changelog, language)}
        for release in selectors.releases(track_object)
    ]
    if not releases:
        raise Http404("The programme has not been published yet.")
    return render(
        request,
        "programme/changes.html",
        {"track": track_object, "forum": track_object.forum, "releases": releases},
    )


@login_required
def agenda(request, track):
    track_object, release, shown = _release_and_programme(request, track)
    sessions = [session for session in shown.sessions if session.starred]
    return render(
        request,
        "programme/agenda.html",
        {
            "track": track_object,
            "forum": track_object.forum,
            "release": release,
            "sessions": sessions,
            "feed_url": request.build_absolute_uri(
                reverse(
                    "programme_feeds:agenda_ics",
                    kwargs={
                        "track": track_object.slug,
                        "token": exporters.agenda_token(request.user, track_object),
                    },
                )
            ),
        },
    )


@login_required
@require_POST
def star(request, track, slug):
    track_object = selectors.track_for_programme(track)
    session = selectors.published_session(track_object, slug)
    if request.POST.get("star") == "0":
        services.unstar_session(user=request.user, session=session)
    else:
        services.star_session(user=request.user, session=session)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("programme:session", kwargs={"track": track, "slug": slug})
    return redirect(target)


@login_required
@require_POST
def seat(request, track, slug):
    """A logged-in confirmed onsite delegate reserves or gives up a seat from the session page."""
    track_object = selectors.track_for_programme(track)
    session = selectors.published_session(track_object, slug)
    registration = rules.confirmed_registration(request.user, track_object)
    if registration is None:
        raise Http404("No confirmed registration for this track.")
    _act_on_seat(request, session, registration)
    return redirect(reverse("programme:session", kwargs={"track": track, "slug": slug}) + "#seats")


@require_POST
def seat_by_link(request, track, slug, token):
    """The same from the registration page: the personal link says whose registration it is."""
    member = member_from_token(token, track)
    registration = Registration.objects.filter(member=member).first()
    if registration is None:
        raise Http404("No registration behind this link.")
    session = selectors.published_session(registration.track, slug)
    _act_on_seat(request, session, registration)
    here = reverse("registration:register", kwargs={"track": track, "token": token})
    return redirect(here + "#session-seats")


def _act_on_seat(request, session, registration) -> None:
    actor = request.user if request.user.is_authenticated else None
    title = str(session.title)
    try:
        if request.POST.get("action") == "give_up":
            services.give_up_seat(session=session, registration=registration, actor=actor)
            messages.success(
                request,
                _("You no longer hold a seat or a place in the queue at “%(session)s”.") % {"session": title},
            )
            return
        seat = services.reserve_seat(session=session, registration=registration, actor=actor)
    except services.SeatError as error:
        show_error(request, error)
        return
    if seat.status == SessionSeat.Status.HELD:
        messages.success(request, _("Your seat at “%(session)s” is reserved.") % {"session": title})
    else:
        messages.info(
            request,
            _("All seats at “%(session)s” are taken: you are number %(position)d on its waiting list.")
            % {"session": title, "position": selectors.waiting_position(seat)},
        )
