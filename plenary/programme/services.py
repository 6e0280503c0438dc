"""Every write of the programme: sessions, releases (with their e-mails) and personal agendas."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plenary.core.audit import record, snapshot
from plenary.core.dates import format_date
from plenary.core.errors import ServiceError
from plenary.core.languages import LANGUAGE_CODES, normalise
from plenary.core.links import page_url
from plenary.core.outbox import greeting, queue_templated_email
from plenary.events.models import Track
from plenary.programme import pagecache, presentation, rules, selectors, webhook_events
from plenary.programme.models import (
    Release,
    Session,
    SessionKind,
    SessionPerson,
    SessionSeat,
    Speaker,
    Star,
)
from plenary.programme.presentation import changelog_lines
from plenary.registration.links import member_link
from plenary.registration.models import Mode, Registration

LOCATION_FIELDS = ("start", "end", "time_zone", "room")


def venue_datetime(value: dt.datetime | str, time_zone: str) -> dt.datetime:
    """A wall-clock time at the venue (naive, or 'YYYY-MM-DD HH:MM') as an aware UTC instant."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))
    return value.astimezone(dt.UTC)


@transaction.atomic
def create_session(*, track, actor=None, start, end, time_zone="", people=(), **fields) -> Session:
    """A session whose start and end are given in the venue's time zone (or as aware instants).

    `people` is a sequence of (speaker, role) pairs, in order.
    """
    zone = time_zone or track.forum.time_zone
    session = Session(
        track=track,
        start=venue_datetime(start, zone),
        end=venue_datetime(end, zone),
        time_zone=time_zone,
        **fields,
    )
    session.full_clean()
    session.save()
    for order, (speaker, role) in enumerate(people):
        SessionPerson.objects.create(session=session, speaker=speaker, role=role, order=order)
    record(actor=actor, action="programme.session_created", target=session, changes=snapshot(session))
    return session


@transaction.atomic
def move_session(*, session: Session, actor=None, start=None, end=None, room=None) -> Session:
    """Change when or where a session takes place (times in the venue's time zone)."""
    before = snapshot(session, ["start", "end", "room"])
    if start is not None:
        session.start = venue_datetime(start, session.venue_time_zone)
    if end is not None:
        session.end = venue_datetime(end, session.venue_time_zone)
    if room is not None:
        session.room = room
    session.full_clean()
    session.save()
    after = snapshot(session, ["start", "end", "room"])
    record(
        actor=actor,
        action="programme.session_moved",
        target=session,
        changes={name: [before[name], after[name]] for name in after if before[name] != after[name]},
    )
    return session


@transaction.atomic
def create_speaker(*, track, actor=None, **fields) -> Speaker:
    speaker = Speaker(track=track, **fields)
    speaker.full_clean()
    speaker.save()
    record(actor=actor, action="programme.speaker_created", target=speaker, changes=snapshot(speaker))
    return speaker


def changelog(before: dict | None, after: dict) -> list[dict]:
    """The sessions added, removed or changed between two programme snapshots, in time order."""
    old = {item["uid"]: item for item in (before or {}).get("sessions", [])}
    new = {item["uid"]: item for item in after["sessions"]}
    entries = []
    for uid, item in new.items():
        if uid not in old:
            entries.append(_entry(uid, "added", None, item, []))
            continue
        fields = [name for name in selectors.SESSION_FIELDS if old[uid].get(name) != item.get(name)]
        if fields:
            entries.append(_entry(uid, "changed", old[uid], item, fields))
    entries += [_entry(uid, "removed", item, None, []) for uid, item in old.items() if uid not in new]
    return sorted(entries, key=lambda entry: (entry["start"], entry["uid"]))


def _entry(uid, change, before, after, fields) -> dict:
    current = after or before
    return {
        "uid": uid,
        "slug": current["slug"],
        "title": current["title"],
        "change": change,
        "fields": fields,
        "start": current["start"],
        "before": {name: before[name] for name in LOCATION_FIELDS} if before else None,
        "after": {name: after[name] for name in LOCATION_FIELDS} if after else None,
        "speakers": sorted(
            {person["speaker"] for item in (before, after) if item for person in item["people"]}
        ),
    }


@transaction.atomic
def publish_release(*, track, name: str = "", actor=None) -> Release:
    """Freeze the track's sessions as its next release, and tell the delegates whose sessions changed.

    Each affected delegate gets one e-mail for the release, in their language, through the outbox
    (sent once the transaction commits). The cached public pages are dropped on commit.
    """
    # One publication per track at a time: the next number and the changelog see the last release.
    Track.objects.select_for_update().filter(pk=track.pk).first()
    previous = Release.objects.filter(track=track).order_by("-number").first()
    number = previous.number + 1 if previous else 1
    name = (name or "").strip() or f"v{number}"
    if Release.objects.filter(track=track, name=name).exists():
        raise ValidationError(_("A release of this track is already called “%(name)s”.") % {"name": name})
    programme = selectors.programme_snapshot(track)
    entries = changelog(previous.programme if previous else None, programme)
    try:
        with transaction.atomic():
            release = Release.objects.create(
                track=track,
                number=number,
                name=name,
                published_by=actor,
                programme=programme,
                changelog=entries,
            )
    except IntegrityError as error:
        raise ValidationError(_("Another release was published at the same moment; try again.")) from error
    record(
        actor=actor,
        action="programme.release_published",
        target=release,
        changes={"changed_sessions": [entry["uid"] for entry in entries]},
    )
    webhook_events.release_published(release)
    if previous is not None:
        _email_affected_delegates(release, entries, actor)
    transaction.on_commit(lambda: pagecache.invalidate(track.slug))
    transaction.on_commit(lambda: _render_contents_later(release.pk))
    return release


def _render_contents_later(release_pk: int) -> None:
    from plenary.programme.tasks import render_release_contents

    render_release_contents.enqueue(release_pk)


def public_content(*, track, release, shown, language: str, kind: str) -> str:
    """The programme page's content (all but the site's frame) as anonymous visitors see it, in
    `language`, showing the sessions of `kind` (all when empty); `shown` is the release's
    programme (presentation.programme)."""
    with translation.override(language):
        return render_to_string(
            "programme/_programme_content.html",
            {
                "track": track,
                "release": release,
                "days": shown.days(kind),
                "kinds": SessionKind.choices,
                "kind": kind,
                "time_zone": shown.time_zone,
                "current_language": language,
            },
        )


def render_release_contents(release_pk: int) -> int:
    """Render and cache a release's public content in every language and for every filter, so that
    the first visitors after its publication find it ready; returns how many were rendered."""
    release = Release.objects.select_related("track__forum").get(pk=release_pk)
    track = release.track
    shown = presentation.programme(release.programme, track.primary_language)
    contents = {
        (language, kind): public_content(
            track=track, release=release, shown=shown, language=language, kind=kind
        )
        for language in LANGUAGE_CODES
        for kind in pagecache.KINDS
    }
    pagecache.put_contents(release.pk, contents)
    return len(contents)


def affected_delegates(track, entries: list[dict]) -> dict:
    """User → the changelog entries that concern them: sessions they starred or take part in."""
    by_uid = {entry["uid"]: entry for entry in entries}
    concerned: dict[int, list[str]] = {}
    for user_id, uid in Star.objects.filter(session__uid__in=list(by_uid)).values_list(
        "user_id", "session__uid"
    ):
        concerned.setdefault(user_id, []).append(str(uid))
    speaker_users = dict(
        Speaker.objects.filter(
            pk__in={pk for entry in entries for pk in entry["speakers"]}, person__user__isnull=False
        ).values_list("pk", "person__user_id")
    )
    for entry in entries:
        for speaker_id in entry["speakers"]:
            if speaker_id in speaker_users:
                concerned.setdefault(speaker_users[speaker_id], []).append(entry["uid"])
    users = get_user_model().objects.filter(pk__in=concerned).select_related("person").order_by("pk")
    return {
        user: [by_uid[uid] for uid in dict.fromkeys(concerned[user.pk])]
        for user in users
        if rules.is_registered_delegate(user, track)
    }


def _user_language(user, track) -> str:
    """The language of the delegate's registration, else of their directory entry, else the track's."""
    registration = rules.confirmed_registration(user, track)
    if registration is not None:
        return normalise(registration.language)
    person = getattr(user, "person", None)
    return normalise(person.preferred_language) if person else track.primary_language


def speakers_without_account(track, entries: list[dict]) -> dict:
    """Speaker → the changelog entries of their sessions, for speakers who have no user account:
    they cannot star or log in, so the address on file is the only way to tell them."""
    by_uid = {entry["uid"]: entry for entry in entries}
    speakers = (
        Speaker.objects.filter(pk__in={pk for entry in entries for pk in entry["speakers"]}, track=track)
        .filter(Q(person__isnull=True) | Q(person__user__isnull=True))
        .select_related("person")
        .order_by("pk")
    )
    return {
        speaker: [by_uid[entry["uid"]] for entry in entries if speaker.pk in entry["speakers"]]
        for speaker in speakers
    }


def speaker_address(speaker: Speaker) -> str:
    return speaker.email or (speaker.person.email if speaker.person_id else "")


def speaker_language(speaker: Speaker, track) -> str:
    """The speaker's own language, else their directory entry's, else the track's."""
    if speaker.language:
        return normalise(speaker.language)
    return normalise(speaker.person.preferred_language) if speaker.person_id else track.primary_language


def _email_affected_delegates(release: Release, entries: list[dict], actor) -> None:
    track = release.track
    told = set()
    for user, user_entries in affected_delegates(track, entries).items():
        _queue_release_email(
            release, user.email, _user_language(user, track), user_entries, f"{user.pk}", actor
        )
        told.add(user.email.lower())
    for speaker, speaker_entries in speakers_without_account(track, entries).items():
        address = speaker_address(speaker)
        if not address or address.lower() in told:
            continue
        language = speaker_language(speaker, track)
        _queue_release_email(release, address, language, speaker_entries, f"speaker-{speaker.pk}", actor)
        told.add(address.lower())


def _queue_release_email(release: Release, address: str, language: str, entries, recipient_key, actor):
    track = release.track
    with translation.override(language):
        context = {
            "track": track,
            "release": release,
            "lines": changelog_lines(entries, language),
            "programme_url": settings.SITE_URL + reverse("programme:programme", kwargs={"track": track.slug}),
        }
    queue_templated_email(
        template="programme/email/release",
        context=context,
        to=[address],
        language=language,
        track=track,
        dedupe_key=f"programme-release:{release.pk}:{recipient_key}",
        related=release,
        actor=actor,
    )


@transaction.atomic
def star_session(*, user, session: Session) -> Star:
    star, created = Star.objects.get_or_create(user=user, session=session)
    if created:
        record(actor=user, action="programme.session_starred", target=session)
    return star


@transaction.atomic
def unstar_session(*, user, session: Session) -> None:
    deleted, _count = Star.objects.filter(user=user, session=session).delete()
    if deleted:
        record(actor=user, action="programme.session_unstarred", target=session)


# Session seats ---------------------------------------------------------------------------------
#
# A session with a capacity (onsite or hybrid) is a scarce resource: its row is what every seat
# decision locks (SELECT … FOR UPDATE; SQLite serialises writers). A reservation first locks the
# delegate's registration (so that a cancellation cannot slip between the check and the insert),
# then the session; registration's services lock the track's capacity, then the registration, then
# (through `signals.onsite_seat_released`) the sessions: always in that order, so no deadlock.

Held, Waiting = SessionSeat.Status.HELD, SessionSeat.Status.WAITING


class SeatError(ServiceError):
    """A rule refused the change; `message` is translated and safe to show."""


def _locked_sessions():
    return Session.objects.select_for_update(of=("self",)).select_related("track__forum")


def _locked_session(session_id) -> Session:
    return _locked_sessions().get(pk=session_id)


def reserve_seat(*, session: Session, registration, actor) -> SessionSeat:
    """A seat at the session for a confirmed onsite delegate, or the next place in its queue.

    Asking again returns the seat or place already held.
    """
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.track_id != session.track_id or not registration.holds_onsite_seat:
            raise SeatError(
                _("Only delegates with a confirmed onsite registration can reserve a seat at a session.")
            )
        session = _locked_session(session.pk)
        if not session.seats_are_limited:
            raise SeatError(_("This session needs no reservation: every delegate may attend."))
        existing = SessionSeat.objects.filter(session=session, registration=registration).first()
        if existing is not None:
            return existing
        free = _seats_free(session)
        seat = SessionSeat.objects.create(
            session=session,
            registration=registration,
            status=Held if free is None or free > 0 else Waiting,
            queue_number=(session.seats.aggregate(last=Max("queue_number"))["last"] or 0) + 1,
        )
        record(
            actor=actor,
            action="programme.seat_reserved" if seat.status == Held else "programme.seat_waitlisted",
            target=seat,
            changes={"status": seat.status, "queue_number": seat.queue_number},
        )
    return seat


def give_up_seat(*, session: Session, registration, actor) -> list[SessionSeat]:
    """The delegate gives up their seat (or their place in the queue); returns who was promoted."""
    with transaction.atomic():
        session = _locked_session(session.pk)
        seat = SessionSeat.objects.filter(session=session, registration_id=registration.pk).first()
        if seat is None:
            raise SeatError(_("You have no seat at this session and are not on its waiting list."))
        _delete_seat(seat, actor=actor, action="programme.seat_given_up")
        return _promote_seats(session, actor=actor)


def release_seats_of(*, registration, actor) -> list[SessionSeat]:
    """Free every session seat and queue place of a registration that lost its onsite track seat.

    Runs inside registration's transaction (`signals.onsite_seat_released`); returns who was promoted.
    """
    session_ids = list(
        SessionSeat.objects.filter(registration=registration).values_list("session_id", flat=True)
    )
    promoted = []
    with transaction.atomic():
        for session in _locked_sessions().filter(pk__in=session_ids).order_by("pk"):
            seat = SessionSeat.objects.filter(session=session, registration=registration).first()
            if seat is not None:
                _delete_seat(seat, actor=actor, action="programme.seat_released")
                promoted += _promote_seats(session, actor=actor)
    return promoted


def set_session_capacity(*, session: Session, capacity: int | None, actor) -> list[SessionSeat]:
    """Change a session's seats (None: no limit). Held seats stay; new room goes to the queue."""
    with transaction.atomic():
        locked = _locked_session(session.pk)
        before = locked.capacity
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        record(
            actor=actor,
            action="programme.session_capacity_set",
            target=locked,
            changes={"capacity": [before, capacity]},
        )
        promoted = _promote_seats(locked, actor=actor)
    session.capacity = capacity
    return promoted


def _seats_free(session: Session) -> int | None:
    """Seats left at the session (negative after the capacity was lowered); None: no limit."""
    if session.capacity is None:
        return None
    return session.capacity - session.seats.filter(status=Held).count()


def _delete_seat(seat: SessionSeat, *, actor, action: str) -> None:
    record(actor=actor, action=action, target=seat, changes={"status": seat.status})
    seat.delete()


def _promote_seats(session: Session, *, actor) -> list[SessionSeat]:
    """Give the free seats to the waiting list in queue order (the session row locked by the caller).

    Only a seat still waiting is promoted, under the lock: nobody is promoted twice.
    """
    free = _seats_free(session)
    waiting = (
        session.seats.filter(
            status=Waiting, registration__status=Registration.Status.CONFIRMED, registration__mode=Mode.ONSITE
        )
        .select_related("registration__member__person", "registration__member__delegation__track")
        .order_by("queue_number")
    )
    promoted = list(waiting if free is None else waiting[: max(free, 0)])
    for seat in promoted:
        seat.status, seat.promoted_at = Held, timezone.now()
        seat.save(update_fields=["status", "promoted_at"])
        record(
            actor=actor, action="programme.seat_promoted", target=seat, changes={"status": [Waiting, Held]}
        )
        _email_seat_promoted(seat, actor)
    return promoted


def _email_seat_promoted(seat: SessionSeat, actor) -> None:
    registration, session = seat.registration, seat.session
    language = normalise(registration.language)
    session_url = page_url("programme:session", language, track=session.track.slug, slug=session.slug)
    queue_templated_email(
        template="programme/email/seat_promoted",
        context={
            "registration": registration,
            "session": session,
            "date": format_date(session.venue_day, language),
            "times": session.venue_times,
            "session_url": session_url,
            "registration_url": _registration_link(registration),
            "greeting": greeting(
                name=registration.full_name,
                language=language,
                gender=registration.gender,
                name_arabic=registration.name_arabic,
            ),
        },
        to=[registration.email],
        language=language,
        track=session.track,
        dedupe_key=f"programme-seat-promoted:{seat.pk}",
        related=seat,
        actor=actor,
    )


def _registration_link(registration) -> str:
    """The delegate's personal registration page, where the seat can be given up ("" without one)."""
    if registration.member_id is None:
        return ""
    return member_link(registration.member, settings.SITE_URL, registration.language)
