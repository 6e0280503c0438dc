"""The published programme as iCalendar (RFC 5545), JSON and frab-compatible XML."""

import datetime as dt
import json
import xml.etree.ElementTree as ET
import zoneinfo

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar, Event

from plenary.core.dates import format_clock
from plenary.programme.presentation import SessionView
from plenary.programme.time_zones import vtimezone

JSON_SCHEMA = "plenary-programme/1"
AGENDA_SALT = "plenary.programme.agenda"
UID_DOMAIN = "plenary"


def agenda_token(user, track) -> str:
    """A stable secret for a delegate's agenda feed, so calendar apps can fetch it without a login."""
    return signing.Signer(salt=AGENDA_SALT).sign_object({"u": user.pk, "t": track.pk}, compress=True)


def agenda_owner(token: str, track):
    """The user an agenda token belongs to, or None if it is forged or for another track."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.Signer(salt=AGENDA_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if data.get("t") != track.pk:
        return None
    return get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()


def session_url(track_slug: str, session_slug: str, language: str) -> str:
    with translation.override(language):
        path = reverse("programme:session", kwargs={"track": track_slug, "slug": session_slug})
    return f"{settings.SITE_URL}{path}"


def calendar_uid(session_uid: str) -> str:
    return f"{session_uid}@{UID_DOMAIN}"


def ics(*, name: str, release, sessions: list[SessionView], track_slug: str, language: str) -> bytes:
    """A calendar whose events keep their UID across releases, so calendar apps update them in place."""
    calendar = Calendar()
    calendar.add("prodid", "-//plenary//programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        zone = zoneinfo.ZoneInfo(session.time_zone)
        event = Event()
        event.add("uid", calendar_uid(session.uid))
        event.add("dtstamp", release.published_at.astimezone(dt.UTC))
        event.add("sequence", release.number)
        event.add("dtstart", session.start.astimezone(zone))
        event.add("dtend", session.end.astimezone(zone))
        event.add("summary", session.title.get(language))
        room = session.room.get(language)
        if room:
            event.add("location", room)
        url = session_url(track_slug, session.slug, language)
        event.add("url", url)
        lines = [session.description.get(language), url]
        if session.stream_url:
            lines.append(session.stream_url)
        if session.join_url:
            lines.append(session.join_url)
        event.add("description", "\n\n".join(line for line in lines if line))
        event.add("categories", [session.kind])
        calendar.add_component(event)
    _add_time_zones(calendar)
    return calendar.to_ical()


def _add_time_zones(calendar: Calendar) -> None:
    """A VTIMEZONE for every TZID the events use, covering the years they fall in, before the events."""
    years: dict[str, set[int]] = {}
    for event in calendar.walk("VEVENT"):
        for field in ("dtstart", "dtend"):
            tzid = event[field].params.get("TZID")
            if tzid:
                years.setdefault(tzid, set()).add(event.decoded(field).year)
    for position, (tzid, used) in enumerate(sorted(years.items())):
        calendar.subcomponents.insert(position, vtimezone(tzid, min(used), max(used)))


def programme_json(*, track, release, data: dict) -> bytes:
    """The release in the documented JSON schema (docs/programme.md): all languages, no join links."""
    sessions = []
    for item in data["sessions"]:
        zone = zoneinfo.ZoneInfo(item["time_zone"])
        start = dt.datetime.fromisoformat(item["start"].replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(item["end"].replace("Z", "+00:00"))
        sessions.append(
            {
                "uid": item["uid"],
                "calendar_uid": calendar_uid(item["uid"]),
                "slug": item["slug"],
                "url": session_url(track.slug, item["slug"], track.primary_language),
                "kind": item["kind"],
                "title": item["title"],
                "description": item["description"],
                "start": item["start"],
                "end": item["end"],
                "time_zone": item["time_zone"],
                "venue_start": start.astimezone(zone).isoformat(),
                "venue_end": end.astimezone(zone).isoformat(),
                "room": item["room"],
                "capacity": item["capacity"],
                "format": item["format"],
                "interpretation_languages": item["interpretation_languages"],
                "stream_url": item["stream_url"],
                "documents": item["documents"],
                "people": item["people"],
            }
        )
    document = {
        "schema": JSON_SCHEMA,
        "track": {"slug": track.slug, "name": track.name.as_dict(), "time_zone": data["time_zone"]},
        "release": {
            "number": release.number,
            "name": release.name,
            "published_at": release.published_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
        "sessions": sessions,
        "speakers": data["speakers"],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def _duration(session: SessionView) -> str:
    minutes = int((session.end - session.start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def frab_xml(*, track, release, sessions: list[SessionView], language: str) -> bytes:
    """The schedule in the frab XML format that pretalx, frab and the apps reading them share."""
    root = ET.Element("schedule")
    ET.SubElement(root, "version").text = release.name
    conference = ET.SubElement(root, "conference")
    ET.SubElement(conference, "acronym").text = track.slug
    ET.SubElement(conference, "title").text = track.name.get(language)
    days: dict[dt.date, list[SessionView]] = {}
    for session in sessions:
        days.setdefault(session.venue_day, []).append(session)
    if days:
        ET.SubElement(conference, "start").text = min(days).isoformat()
        ET.SubElement(conference, "end").text = max(days).isoformat()
    ET.SubElement(conference, "days").text = str(len(days))
    ET.SubElement(conference, "timeslot_duration").text = "00:15"
    ET.SubElement(conference, "time_zone_name").text = track.forum.time_zone
    for index, (day, day_sessions) in enumerate(sorted(days.items()), start=1):
        day_element = ET.SubElement(
            root,
            "day",
            index=str(index),
            date=day.isoformat(),
            start=min(session.local_start for session in day_sessions).isoformat(),
            end=max(session.local_end for session in day_sessions).isoformat(),
        )
        rooms: dict[str, list[SessionView]] = {}
        for session in day_sessions:
            rooms.setdefault(session.room.get(language), []).append(session)
        for room_name, room_sessions in rooms.items():
            room = ET.SubElement(day_element, "room", name=room_name)
            for session in room_sessions:
                event = ET.SubElement(room, "event", guid=session.uid, id=str(session.id))
                ET.SubElement(event, "date").text = session.local_start.isoformat()
                ET.SubElement(event, "start").text = format_clock(session.local_start)
                ET.SubElement(event, "duration").text = _duration(session)
                ET.SubElement(event, "room").text = room_name
                ET.SubElement(event, "slug").text = f"{track.slug}-{session.slug}"
                ET.SubElement(event, "url").text = session_url(track.slug, session.slug, language)
                ET.SubElement(event, "title").text = session.title.get(language)
                ET.SubElement(event, "subtitle").text = ""
                ET.SubElement(event, "track").text = str(session.kind_label)
                ET.SubElement(event, "type").text = session.kind
                ET.SubElement(event, "language").text = session.title.language_served(language) or language
                ET.SubElement(event, "abstract").text = ""
                ET.SubElement(event, "description").text = session.description.get(language)
                persons = ET.SubElement(event, "persons")
                for person in session.people:
                    ET.SubElement(
                        persons, "person", id=str(person.speaker.id)
                    ).text = person.speaker.local_name
                links = ET.SubElement(event, "links")
                if session.stream_url:
                    ET.SubElement(links, "link", href=session.stream_url).text = "Stream"
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")
