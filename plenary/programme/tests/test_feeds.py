import datetime as dt
import json
import xml.etree.ElementTree as ET

import icalendar
import pytest

from plenary.programme import services
from plenary.programme.models import Session

ROUNDTABLE = "The Role of Parliamentarians in Shaping a Trusted Internet Empowering All People"


def events(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.django_db
def test_the_kyoto_roundtable_is_0615z_in_the_track_calendar(client, programme_track):
    response = client.get("/igf2023-pt/programme.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    roundtable = events(response.content)[ROUNDTABLE]
    start, end = roundtable.decoded("dtstart"), roundtable.decoded("dtend")
    assert start.astimezone(dt.UTC) == dt.datetime(2023, 10, 9, 6, 15, tzinfo=dt.UTC)
    assert end.astimezone(dt.UTC) == dt.datetime(2023, 10, 9, 7, 45, tzinfo=dt.UTC)
    assert (start.hour, start.minute, str(start.tzinfo)) == (15, 15, "Asia/Tokyo")
    assert roundtable["dtstart"].params["TZID"] == "Asia/Tokyo"
    session = Session.objects.get(track=programme_track, slug="roundtable")
    assert str(roundtable["uid"]) == f"{session.uid}@plenary"


@pytest.mark.django_db
def test_the_calendar_carries_a_vtimezone_for_every_zone_it_uses(client, programme_track):
    calendar = icalendar.Calendar.from_ical(client.get("/igf2023-pt/programme.ics").content)
    zones = sorted(str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE"))
    # The UTC webinar is written as 13:00Z, which needs no VTIMEZONE.
    assert zones == ["Africa/Lagos", "Asia/Tokyo", "Australia/Brisbane", "Europe/Helsinki"]
    assert len(calendar.walk("VEVENT")) == 9


@pytest.mark.django_db
def test_a_regional_session_keeps_its_own_time_zone(client, programme_track):
    calendar = icalendar.Calendar.from_ical(client.get("/igf2023-pt/programme/regional-africa.ics").content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart").astimezone(dt.UTC) == dt.datetime(2023, 9, 19, 10, 0, tzinfo=dt.UTC)
    assert event["dtstart"].params["TZID"] == "Africa/Lagos"


@pytest.mark.django_db
def test_calendar_in_arabic_has_the_arabic_title(client, programme_track):
    content = client.get("/igf2023-pt/programme/roundtable.ics?lang=ar").content
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == "دور البرلمانيين في تشكيل إنترنت موثوق يمكّن جميع الناس"
    assert str(event["url"]) == "http://127.0.0.1:8000/ar/igf2023-pt/programme/sessions/roundtable/"


@pytest.mark.django_db
def test_uids_stay_the_same_across_releases_while_times_move(client, programme_track):
    before = {
        str(event["uid"]): event for event in events(client.get("/igf2023-pt/programme.ics").content).values()
    }
    session = Session.objects.get(track=programme_track, slug="roundtable")
    services.move_session(session=session, start="2023-10-09 16:00", end="2023-10-09 17:30")
    services.publish_release(track=programme_track, name="v2 – time change")
    after = {
        str(event["uid"]): event for event in events(client.get("/igf2023-pt/programme.ics").content).values()
    }
    assert sorted(after) == sorted(before)
    uid = f"{session.uid}@plenary"
    assert after[uid].decoded("dtstart").astimezone(dt.UTC) == dt.datetime(2023, 10, 9, 7, 0, tzinfo=dt.UTC)
    assert (before[uid]["sequence"], after[uid]["sequence"]) == (1, 2)


@pytest.mark.django_db
def test_the_json_export_follows_the_documented_schema(client, programme_track):
    response = client.get("/igf2023-pt/programme.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["schema"] == "plenary-programme/1"
    assert data["track"]["slug"] == "igf2023-pt"
    assert data["release"]["name"] == "v1"
    roundtable = next(item for item in data["sessions"] if item["slug"] == "roundtable")
    assert roundtable["title"]["en"] == ROUNDTABLE
    assert (roundtable["start"], roundtable["end"]) == ("2023-10-09T06:15:00Z", "2023-10-09T07:45:00Z")
    assert roundtable["venue_start"] == "2023-10-09T15:15:00+09:00"
    assert roundtable["time_zone"] == "Asia/Tokyo"
    assert sorted(person["role"] for person in roundtable["people"]) == [
        "moderator",
        "rapporteur",
        "speaker",
        "speaker",
        "speaker",
    ]
    assert [item["slug"] for item in data["sessions"]][:4] == [
        "regional-europe",
        "intersessional-webinar",
        "regional-asia-pacific",
        "regional-africa",
    ]


@pytest.mark.django_db
def test_the_frab_xml_lists_days_rooms_and_events(client, programme_track):
    response = client.get("/igf2023-pt/programme.xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own export, in a test)
    assert root.findtext("version") == "v1"
    assert root.findtext("conference/acronym") == "igf2023-pt"
    assert root.findtext("conference/time_zone_name") == "Asia/Tokyo"
    days = root.findall("day")
    assert [day.get("date") for day in days] == [
        "2023-06-20",
        "2023-07-06",
        "2023-08-29",
        "2023-09-19",
        "2023-10-08",
        "2023-10-09",
    ]
    event = next(event for event in root.iter("event") if event.findtext("title") == ROUNDTABLE)
    assert event.findtext("date") == "2023-10-09T15:15:00+09:00"
    assert (event.findtext("start"), event.findtext("duration")) == ("15:15", "01:30")
    assert event.findtext("room") == "Room A (demo)"
    session = Session.objects.get(track=programme_track, slug="roundtable")
    assert event.get("guid") == str(session.uid)


@pytest.mark.django_db
def test_an_unpublished_programme_has_no_feeds(client, igf_track):
    assert client.get("/igf2023-pt/programme.ics").status_code == 404
    assert client.get("/igf2023-pt/programme.json").status_code == 404
    assert client.get("/en/igf2023-pt/programme/").status_code == 404
