"""Reads shared by the pages, the exports and the release service."""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.http import Http404

from plenary.events.models import Format, Track
from plenary.programme.models import (
    Release,
    Session,
    SessionDocument,
    SessionPerson,
    SessionSeat,
    Speaker,
    Star,
)

SESSION_FIELDS = (
    "slug",
    "title",
    "description",
    "kind",
    "start",
    "end",
    "time_zone",
    "room",
    "capacity",
    "format",
    "interpretation_languages",
    "stream_url",
    "documents",
    "people",
)


def _instant(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sessions_for_snapshot(track):
    return (
        Session.objects.filter(track=track)
        .select_related("track__forum")
        .prefetch_related(
            Prefetch("documents", queryset=SessionDocument.objects.order_by("order", "id")),
            Prefetch("people", queryset=SessionPerson.objects.order_by("order", "id")),
        )
    )


def speakers_for_snapshot(track):
    return (
        Speaker.objects.filter(track=track)
        .select_related("person__parliament__country", "track")
        .order_by("id")
    )


def programme_snapshot(track) -> dict:
    """The track's current sessions and speakers as plain data: what a release freezes.

    Join links are left out: a release is what the public may see.
    """
    sessions = [
        {
            "id": session.pk,
            "uid": str(session.uid),
            "slug": session.slug,
            "title": session.title.as_dict(),
            "description": session.description.as_dict(),
            "kind": session.kind,
            "start": _instant(session.start),
            "end": _instant(session.end),
            "time_zone": session.venue_time_zone,
            "room": session.room.as_dict(),
            "capacity": session.capacity,
            "format": session.format,
            "interpretation_languages": list(session.interpretation_languages),
            "stream_url": session.stream_url,
            "documents": [
                {"title": document.title.as_dict(), "url": document.url, "language": document.language}
                for document in session.documents.all()
            ],
            "people": [
                {"speaker": person.speaker_id, "role": person.role} for person in session.people.all()
            ],
        }
        for session in sessions_for_snapshot(track)
    ]
    speakers = [
        {
            "id": speaker.pk,
            "name": speaker.display_name,
            "name_arabic": speaker.person.name_arabic if speaker.person_id else "",
            "title": speaker.title.as_dict(),
            "organisation": speaker.organisation.as_dict(),
            "bio": speaker.bio.as_dict(),
            "parliament": speaker.person.parliament.name.as_dict()
            if speaker.person_id and speaker.person.parliament_id
            else None,
            "country": speaker.person.parliament.country.iso3
            if speaker.person_id and speaker.person.parliament_id
            else None,
        }
        for speaker in speakers_for_snapshot(track)
    ]
    return {
        "track": track.slug,
        "time_zone": track.forum.time_zone,
        "sessions": sessions,
        "speakers": speakers,
    }


def latest_release(track) -> Release | None:
    return Release.objects.filter(track=track).order_by("-number").first()


def releases(track):
    """The track's releases, newest first, without their frozen programmes."""
    return Release.objects.filter(track=track).defer("programme").order_by("-number")


# The track and its latest release's key for the programme page's frame. Plain SQL: compiling the
# ORM's form of this query cost ten times running it, and the first visitors after each release pay it.
LATEST_RELEASE_OF_TRACK = """
SELECT "track"."id", "track"."name", "track"."primary_language", "release"."id"
FROM "events_track" AS "track"
JOIN "programme_release" AS "release" ON "release"."track_id" = "track"."id"
WHERE "track"."slug" = %s
ORDER BY "release"."number" DESC
LIMIT 1
"""


def track_and_latest_release_pk(track_slug: str) -> tuple[Track, int]:
    """The track `track_slug` (only its slug, name and primary language, which the name falls back
    to, are loaded) and its latest release's primary key, in one query. 404 for no such track, or
    while the programme is a draft."""
    with connection.cursor() as cursor:
        cursor.execute(LATEST_RELEASE_OF_TRACK, [track_slug])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such track, or its programme has not been published yet.")
    track_pk, name, primary_language, release_pk = row
    name = Track._meta.get_field("name").from_db_value(name, None, connection)
    track = Track.from_db(
        connection.alias,
        ["id", "slug", "name", "primary_language"],
        [track_pk, track_slug, name, primary_language],
    )
    return track, release_pk


def release_with_track(release_pk: int) -> Release:
    """A release with its frozen programme, its track and forum, in one query."""
    return Release.objects.select_related("track__forum").get(pk=release_pk)


def published_release(track) -> Release:
    """The track's latest release; 404 while the programme is still a draft."""
    release = latest_release(track)
    if release is None:
        raise Http404("The programme has not been published yet.")
    return release


def join_links(track, uids) -> dict[str, str]:
    """Session uid → join link, for viewers whom rules.may_see_join_links lets see them."""
    return {
        str(uid): url
        for uid, url in Session.objects.filter(track=track, uid__in=list(uids))
        .exclude(join_url="")
        .values_list("uid", "join_url")
    }


def starred_uids(user, track) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return {
        str(uid)
        for uid in Star.objects.filter(user=user, session__track=track).values_list("session__uid", flat=True)
    }


def track_for_programme(slug: str):
    from plenary.events.models import Track

    track = Track.objects.select_related("forum").filter(slug=slug).first()
    if track is None:
        raise Http404("No such track.")
    return track


def live_session(track, uid: str) -> Session | None:
    """The session behind a release's uid as it is now (None if it was deleted since)."""
    return Session.objects.select_related("track__forum").filter(track=track, uid=uid).first()


def published_session(track, slug: str) -> Session:
    """The live session behind a slug of the latest release (found by its uid; 404 if unpublished)."""
    release = published_release(track)
    uid = next((item["uid"] for item in release.programme.get("sessions", []) if item["slug"] == slug), None)
    session = Session.objects.filter(track=track, uid=uid).first() if uid else None
    if session is None:
        raise Http404("No such session in the published programme.")
    return session


# Session seats ---------------------------------------------------------------------------------

HELD, WAITING = SessionSeat.Status.HELD, SessionSeat.Status.WAITING


def with_seat_counts(sessions):
    """Sessions annotated with `seats_held` and `seats_waiting`."""
    return sessions.annotate(
        seats_held=Count("seats", filter=Q(seats__status=HELD)),
        seats_waiting=Count("seats", filter=Q(seats__status=WAITING)),
    )


def seats_left(session: Session) -> int | None:
    """Free seats at the session (never below 0), or None when its seats are not limited."""
    if not session.seats_are_limited:
        return None
    return max(session.capacity - session.seats.filter(status=HELD).count(), 0)


def waiting_position(seat: SessionSeat) -> int | None:
    """1 for the first on the session's waiting list; None for a seat that is held."""
    if seat.status != WAITING:
        return None
    return SessionSeat.objects.filter(
        session_id=seat.session_id, status=WAITING, queue_number__lte=seat.queue_number
    ).count()


@dataclass
class SeatRow:
    """A session with limited seats as one delegate sees it: seats left, and their seat or place."""

    session: Session
    seats_left: int
    seat: SessionSeat | None
    position: int | None


def seat_row(session: Session, registration) -> SeatRow:
    seat = (
        SessionSeat.objects.filter(session=session, registration=registration).first()
        if registration
        else None
    )
    return SeatRow(
        session=session,
        seats_left=seats_left(session),
        seat=seat,
        position=waiting_position(seat) if seat else None,
    )


def seat_rows_for_registration(registration) -> list[SeatRow]:
    """The published sessions of the registration's track whose seats are limited, in time order."""
    release = latest_release(registration.track)
    if release is None:
        return []
    uids = [item["uid"] for item in release.programme.get("sessions", [])]
    sessions = (
        with_seat_counts(Session.objects.filter(track_id=registration.track_id, uid__in=uids))
        .filter(capacity__isnull=False)
        .exclude(format=Format.ONLINE)
        .select_related("track__forum")
        .order_by("start", "id")
    )
    seats = {seat.session_id: seat for seat in registration.session_seats.all()}
    return [
        SeatRow(
            session=session,
            seats_left=max(session.capacity - session.seats_held, 0),
            seat=seats.get(session.pk),
            position=waiting_position(seats[session.pk]) if session.pk in seats else None,
        )
        for session in sessions
    ]


def seat_counts(track) -> list[Session]:
    """The track's sessions whose seats are limited, with `seats_held` and `seats_waiting`: one query."""
    sessions = Session.objects.filter(track=track, capacity__isnull=False).exclude(format=Format.ONLINE)
    return list(with_seat_counts(sessions).order_by("start", "end", "id"))
