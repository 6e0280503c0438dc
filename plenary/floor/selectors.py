"""Reads shared by the floor's pages, its exports, the verify command and the outcomes app."""

import json

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404

from plenary.core.languages import current_language, sort_key
from plenary.directory.models import Country
from plenary.floor.models import Draw, Request, SeatingPlan, SpeakersList, Turn
from plenary.floor.services import waiting_in_calling_order
from plenary.programme.models import Session

NEXT_SHOWN = 3
LIVE_CACHE_SECONDS = 300


def list_or_none(track_slug: str, session_slug: str) -> SpeakersList | None:
    return (
        SpeakersList.objects.select_related("session__track__forum")
        .filter(session__track__slug=track_slug, session__slug=session_slug)
        .first()
    )


def session(track_slug: str, session_slug: str) -> Session:
    sessions = Session.objects.select_related("track")
    return get_object_or_404(sessions, track__slug=track_slug, slug=session_slug)


def speakers_list(track_slug: str, session_slug: str) -> SpeakersList:
    found = list_or_none(track_slug, session_slug)
    if found is None:
        raise Http404("No speakers' list for this session.")
    return found


def list_of_session(session) -> SpeakersList | None:
    return SpeakersList.objects.filter(session=session).first()


def is_chair(user, speakers_list: SpeakersList) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return speakers_list.chairs.filter(pk=user.pk).exists()


def open_request_of(speakers_list: SpeakersList, registration) -> Request | None:
    if registration is None:
        return None
    return Request.objects.filter(
        speakers_list=speakers_list,
        registration=registration,
        state__in=[Request.State.WAITING, Request.State.SPEAKING],
    ).first()


def current_speaker(speakers_list: SpeakersList) -> Request | None:
    return (
        Request.objects.filter(speakers_list=speakers_list, state=Request.State.SPEAKING)
        .select_related("registration", "delegation__parliament__country", "turn")
        .first()
    )


def draw_of(speakers_list: SpeakersList) -> Draw | None:
    return Draw.objects.filter(speakers_list=speakers_list).first()


def delegation_waiting(speakers_list: SpeakersList, delegation_ids) -> list[Request]:
    return list(
        Request.objects.filter(
            speakers_list=speakers_list, delegation_id__in=delegation_ids, state=Request.State.WAITING
        )
        .select_related("registration", "delegation__parliament__country")
        .order_by("position")
    )


def _row(request: Request) -> dict:
    return {
        "id": request.pk,
        "number": request.number,
        "name": request.registration.full_name,
        "delegation": str(request.delegation.parliament.country.name),
        "mode": request.mode,
        "mode_label": str(request.get_mode_display()),
        "point_of_order": request.point_of_order,
    }


def _state(speakers_list: SpeakersList) -> dict:
    speaking = current_speaker(speakers_list)
    queue = [_row(request) for request in waiting_in_calling_order(speakers_list)]
    current = None
    if speaking is not None:
        ends_at = speaking.turn.called_at.timestamp() + speakers_list.seconds_per_speaker
        current = _row(speaking) | {"ends_at": round(ends_at * 1000)}
    return {
        "version": speakers_list.version,
        "seconds_per_speaker": speakers_list.seconds_per_speaker,
        "current": current,
        "next": queue[:NEXT_SHOWN],
        "queue": queue,
    }


def live_json(speakers_list: SpeakersList) -> str:
    """The list as the pages show it, as JSON text; computed and encoded once per version of the list
    and language, so that hundreds of phones polling every second cost one small query each."""
    key = f"floor:{speakers_list.pk}:{speakers_list.version}:{current_language()}"
    text = cache.get(key)
    if text is None:
        text = json.dumps(_state(speakers_list), ensure_ascii=False, separators=(",", ":"))
        cache.set(key, text, LIVE_CACHE_SECONDS)
    return text


def live_state(speakers_list: SpeakersList) -> dict:
    return json.loads(live_json(speakers_list))


def list_version(track_slug: str, session_slug: str) -> SpeakersList:
    """Only what the live answer needs to find its cached state: one row, three columns."""
    found = (
        SpeakersList.objects.filter(session__track__slug=track_slug, session__slug=session_slug)
        .only("pk", "version", "seconds_per_speaker", "alternate_women_and_men")
        .first()
    )
    if found is None:
        raise Http404("No speakers' list for this session.")
    return found


def speakers_in_order(session) -> list[dict]:
    """Who spoke, in order, with the time each used: the summary record and the main points page."""
    turns = (
        Turn.objects.filter(request__speakers_list__session=session)
        .select_related("request__registration", "request__delegation__parliament__country")
        .order_by("called_at", "id")
    )
    return [
        {
            "order": place,
            "name": turn.request.registration.full_name,
            "delegation": str(turn.request.delegation.parliament.country.name),
            "mode": str(turn.request.get_mode_display()),
            "called_at": turn.called_at,
            "seconds_used": turn.seconds_used,
        }
        for place, turn in enumerate(turns, start=1)
    ]


def seconds_by_delegation(session) -> list[tuple[str, int]]:
    totals = {}
    for row in speakers_in_order(session):
        totals[row["delegation"]] = totals.get(row["delegation"], 0) + (row["seconds_used"] or 0)
    return sorted(totals.items(), key=lambda item: sort_key(item[0]))


def seating_plan(session) -> SeatingPlan | None:
    return SeatingPlan.objects.select_related("first_country").filter(session=session).first()


def seats(plan: SeatingPlan) -> list[Country]:
    """The plan's countries in alphabetical order in its language, from the country drawn by lot."""
    countries = list(Country.objects.filter(iso3__in=plan.countries))
    countries.sort(key=lambda country: sort_key(country.name.get(plan.language), plan.language))
    start = next(index for index, country in enumerate(countries) if country.pk == plan.first_country_id)
    return countries[start:] + countries[:start]
