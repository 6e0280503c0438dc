from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from plenary.core.languages import current_language
from plenary.programme import access, exporters, pagecache, presentation, selectors, services
from plenary.programme.models import SessionKind


def _programme_for(request, track, release):
    """The release's programme, with stars and (only for those allowed) join links filled in."""
    shown = presentation.programme(release.programme, track.primary_language)
    if request.user.is_authenticated:
        starred = selectors.starred_uids(request.user, track)
        links = (
            selectors.join_links(track, [session.uid for session in shown.sessions])
            if access.may_see_join_links(request.user, track)
            else {}
        )
        for session in shown.sessions:
            session.starred = session.uid in starred
            session.join_url = links.get(session.uid, "")
    return shown


def programme(request, track):
    kind = request.GET.get("kind", "")
    if kind not in SessionKind.values:
        kind = ""
    language = current_language()
    anonymous = not request.user.is_authenticated
    if anonymous:
        cached = pagecache.get(track, language, kind)
        if cached is not None:
            return HttpResponse(cached)
    track_object = selectors.track_for_programme(track)
    release = selectors.published_release(track_object)
    shown = _programme_for(request, track_object, release)
    response = render(
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
    if anonymous:
        pagecache.put(track, language, kind, response.content)
    return response


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
        {"track": track_object, "forum": track_object.forum, "release": release, "session": session},
    )


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
