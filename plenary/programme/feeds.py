"""The exports at /<track>/programme.ics|.json|.xml: public data only, never a join link."""

from django.http import Http404, HttpResponse
from django.utils import translation

from plenary.core.languages import LANGUAGE_CODES
from plenary.programme import exporters, presentation, rules, selectors

ICS_TYPE = "text/calendar; charset=utf-8"


def _language(request, track) -> str:
    language = request.GET.get("lang", "")
    return language if language in LANGUAGE_CODES else track.primary_language


def _load(track):
    track_object = selectors.track_for_programme(track)
    release = selectors.published_release(track_object)
    return track_object, release, presentation.programme(release.programme, track_object.primary_language)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def programme_ics(request, track):
    track_object, release, shown = _load(track)
    language = _language(request, track_object)
    with translation.override(language):
        content = exporters.ics(
            name=track_object.name.get(language),
            release=release,
            sessions=shown.sessions,
            track_slug=track_object.slug,
            language=language,
        )
    return _ics_response(content, f"{track_object.slug}.ics")


def session_ics(request, track, slug):
    track_object, release, shown = _load(track)
    session = shown.session(slug)
    if session is None:
        raise Http404("No such session in the published programme.")
    language = _language(request, track_object)
    with translation.override(language):
        content = exporters.ics(
            name=session.title.get(language),
            release=release,
            sessions=[session],
            track_slug=track_object.slug,
            language=language,
        )
    return _ics_response(content, f"{track_object.slug}-{slug}.ics")


def agenda_ics(request, track, token):
    """A delegate's starred sessions; join links only if the token's owner may see them."""
    track_object, release, shown = _load(track)
    user = exporters.agenda_owner(token, track_object)
    if user is None:
        raise Http404("No such agenda.")
    starred = selectors.starred_uids(user, track_object)
    sessions = [session for session in shown.sessions if session.uid in starred]
    if rules.may_see_join_links(user, track_object):
        links = selectors.join_links(track_object, [session.uid for session in sessions])
        for session in sessions:
            session.join_url = links.get(session.uid, "")
    language = _language(request, track_object)
    with translation.override(language):
        content = exporters.ics(
            name=track_object.name.get(language),
            release=release,
            sessions=sessions,
            track_slug=track_object.slug,
            language=language,
        )
    return _ics_response(content, f"{track_object.slug}-agenda.ics")


def programme_json(request, track):
    track_object, release, _shown = _load(track)
    content = exporters.programme_json(track=track_object, release=release, data=release.programme)
    return HttpResponse(content, content_type="application/json")


def programme_xml(request, track):
    track_object, release, shown = _load(track)
    language = _language(request, track_object)
    with translation.override(language):
        content = exporters.frab_xml(
            track=track_object, release=release, sessions=shown.sessions, language=language
        )
    return HttpResponse(content, content_type="application/xml; charset=utf-8")
