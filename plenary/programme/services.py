"""Every write of the programme: sessions, releases (with their e-mails) and personal agendas."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from plenary.core.audit import record, snapshot
from plenary.core.languages import normalise
from plenary.core.outbox import queue_email
from plenary.events.models import Track
from plenary.programme import access, pagecache, selectors
from plenary.programme.models import Release, Session, SessionPerson, Speaker, Star
from plenary.programme.presentation import changelog_lines

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
    if previous is not None:
        _email_affected_delegates(release, entries, actor)
    transaction.on_commit(lambda: pagecache.invalidate(track.slug))
    return release


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
        if access.is_registered_delegate(user, track)
    }


def _user_language(user, track) -> str:
    """The language of the delegate's registration, else of their directory entry, else the track's."""
    registration = access.confirmed_registration(user, track)
    if registration is not None:
        return normalise(registration.language)
    person = getattr(user, "person", None)
    return normalise(person.preferred_language) if person else track.primary_language


def _email_affected_delegates(release: Release, entries: list[dict], actor) -> None:
    track = release.track
    for user, user_entries in affected_delegates(track, entries).items():
        language = _user_language(user, track)
        with translation.override(language):
            context = {
                "track": track,
                "release": release,
                "lines": changelog_lines(user_entries, language),
                "user": user,
                "programme_url": settings.SITE_URL
                + reverse("programme:programme", kwargs={"track": track.slug}),
            }
            subject = render_to_string("programme/email/release_subject.txt", context).strip()
            body = render_to_string("programme/email/release_body.txt", context)
        queue_email(
            to=[user.email],
            subject=subject,
            body=body,
            language=language,
            dedupe_key=f"programme-release:{release.pk}:{user.pk}",
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
