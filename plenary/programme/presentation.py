"""A release's frozen programme, shaped for one language: what pages, e-mails and exports show."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plenary.core.dates import format_clock_range, format_date
from plenary.core.languages import current_language
from plenary.core.translation import TranslatedText
from plenary.events.models import Format
from plenary.programme.models import PersonRole, SessionKind


def parse_instant(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def text(values: dict | None, language: str, primary: str) -> TranslatedText:
    return TranslatedText(values or {}, primary=primary)


@dataclass
class SpeakerView:
    id: int
    name: str
    title: TranslatedText
    organisation: TranslatedText
    bio: TranslatedText
    parliament: TranslatedText | None
    country: str | None
    name_arabic: str = ""
    sessions: list = field(default_factory=list)

    @property
    def local_name(self) -> str:
        """The name in Arabic script on Arabic pages when the directory has it."""
        return self.name_arabic if self.name_arabic and current_language() == "ar" else self.name


@dataclass
class PersonView:
    speaker: SpeakerView
    role: str

    @property
    def role_label(self) -> str:
        return PersonRole(self.role).label


@dataclass
class SessionView:
    id: int
    uid: str
    slug: str
    title: TranslatedText
    description: TranslatedText
    kind: str
    start: dt.datetime
    end: dt.datetime
    time_zone: str
    room: TranslatedText
    capacity: int | None
    format: str
    interpretation_languages: list
    stream_url: str
    documents: list
    people: list
    join_url: str = ""
    starred: bool = False

    @property
    def kind_label(self) -> str:
        return SessionKind(self.kind).label

    @property
    def format_label(self) -> str:
        return Format(self.format).label

    @property
    def local_start(self) -> dt.datetime:
        return self.start.astimezone(zoneinfo.ZoneInfo(self.time_zone))

    @property
    def local_end(self) -> dt.datetime:
        return self.end.astimezone(zoneinfo.ZoneInfo(self.time_zone))

    @property
    def venue_day(self) -> dt.date:
        return self.local_start.date()

    @property
    def venue_times(self) -> str:
        return format_clock_range(self.local_start, self.local_end)

    @property
    def utc_offset(self) -> str:
        offset = self.local_start.strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}"

    def people_with(self, role: str) -> list:
        return [person for person in self.people if person.role == role]

    @property
    def moderators(self):
        return self.people_with(PersonRole.MODERATOR)

    @property
    def speakers(self):
        return self.people_with(PersonRole.SPEAKER)

    @property
    def rapporteurs(self):
        return self.people_with(PersonRole.RAPPORTEUR)


@dataclass
class Programme:
    track_slug: str
    time_zone: str
    sessions: list
    speakers: dict

    def days(self, kind: str = "") -> list[tuple[dt.date, list[SessionView]]]:
        """The sessions of one kind (or all), grouped by their day at the venue."""
        grouped: dict[dt.date, list[SessionView]] = {}
        for session in self.sessions:
            if not kind or session.kind == kind:
                grouped.setdefault(session.venue_day, []).append(session)
        return list(grouped.items())

    def session(self, slug: str) -> SessionView | None:
        return next((session for session in self.sessions if session.slug == slug), None)


def programme(data: dict, primary: str) -> Programme:
    """The frozen programme of a release as view objects (fallback through `primary`)."""
    speakers = {
        item["id"]: SpeakerView(
            id=item["id"],
            name=item["name"],
            title=TranslatedText(item["title"], primary=primary),
            organisation=TranslatedText(item["organisation"], primary=primary),
            bio=TranslatedText(item["bio"], primary=primary),
            parliament=TranslatedText(item["parliament"], primary=primary) if item["parliament"] else None,
            country=item["country"],
            name_arabic=item.get("name_arabic", ""),
        )
        for item in data.get("speakers", [])
    }
    sessions = []
    for item in data.get("sessions", []):
        session = SessionView(
            id=item["id"],
            uid=item["uid"],
            slug=item["slug"],
            title=TranslatedText(item["title"], primary=primary),
            description=TranslatedText(item["description"], primary=primary),
            kind=item["kind"],
            start=parse_instant(item["start"]),
            end=parse_instant(item["end"]),
            time_zone=item["time_zone"],
            room=TranslatedText(item["room"], primary=primary),
            capacity=item["capacity"],
            format=item["format"],
            interpretation_languages=item["interpretation_languages"],
            stream_url=item["stream_url"],
            documents=[
                {
                    "title": TranslatedText(doc["title"], primary=primary),
                    "url": doc["url"],
                    "language": doc["language"],
                }
                for doc in item["documents"]
            ],
            people=[
                PersonView(speaker=speakers[person["speaker"]], role=person["role"])
                for person in item["people"]
                if person["speaker"] in speakers
            ],
        )
        sessions.append(session)
        for person in session.people:
            if session not in person.speaker.sessions:
                person.speaker.sessions.append(session)
    sessions.sort(key=lambda session: (session.start, session.end, session.slug))
    return Programme(
        track_slug=data.get("track", ""),
        time_zone=data.get("time_zone", "UTC"),
        sessions=sessions,
        speakers=speakers,
    )


def _when(place: dict | None, language: str) -> str:
    if not place:
        return ""
    zone = zoneinfo.ZoneInfo(place["time_zone"])
    start = parse_instant(place["start"]).astimezone(zone)
    end = parse_instant(place["end"]).astimezone(zone)
    room = TranslatedText(place["room"]).get(language)
    when = _("%(date)s, %(time)s (%(zone)s)") % {
        "date": format_date(start.date(), language),
        "time": format_clock_range(start, end),
        "zone": place["time_zone"],
    }
    return _("%(when)s, %(room)s") % {"when": when, "room": room} if room else when


def changelog_lines(entries: list[dict], language: str) -> list[dict]:
    """Changelog entries worded for people, in `language` (call inside translation.override)."""
    labels = {
        "added": _("New session"),
        "removed": pgettext("programme change", "Cancelled"),
        "changed": _("Changed"),
    }
    return [
        {
            "uid": entry["uid"],
            "slug": entry["slug"],
            "title": TranslatedText(entry["title"]).get(language),
            "change": labels[entry["change"]],
            "change_code": entry["change"],
            "before": _when(entry["before"], language) if entry["change"] != "added" else "",
            "after": _when(entry["after"], language),
            "fields": entry["fields"],
        }
        for entry in entries
    ]
