import datetime as dt

import pytest

from plenary.programme.models import Release, Session


@pytest.fixture
def staff_client(client, secretariat):
    client.force_login(secretariat)
    return client


def translated(prefix: str, english: str) -> dict:
    return {f"{prefix}_{index}": english if index == 2 else "" for index in range(6)}


@pytest.mark.django_db
def test_the_back_office_enters_times_in_the_venue_time_zone(staff_client, programme_track):
    response = staff_client.get(f"/en/admin/programme/session/add/?track={programme_track.pk}")
    assert "Times are in the venue&#x27;s time zone: Asia/Tokyo" in response.content.decode()
    data = {
        "track": programme_track.pk,
        "slug": "admin-made",
        "kind": "panel",
        "start_0": "2023-10-09",
        "start_1": "15:15",
        "end_0": "2023-10-09",
        "end_1": "16:45",
        "time_zone": "",
        "format": "hybrid",
        "interpretation_languages": "[]",
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        **translated("title", "Made in the back office"),
        **translated("description", ""),
        **translated("room", ""),
    }
    response = staff_client.post("/en/admin/programme/session/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = Session.objects.get(slug="admin-made")
    assert session.start == dt.datetime(2023, 10, 9, 6, 15, tzinfo=dt.UTC)
    edit = staff_client.get(f"/en/admin/programme/session/{session.pk}/change/").content.decode()
    assert 'name="start_1" value="15:15:00"' in edit


@pytest.mark.django_db
def test_adding_a_release_in_the_back_office_publishes_it(staff_client, programme_track):
    response = staff_client.post(
        "/en/admin/programme/release/add/", {"track": programme_track.pk, "name": "v2 – room change"}
    )
    assert response.status_code == 302
    release = Release.objects.get(track=programme_track, number=2)
    assert (release.name, release.changelog) == ("v2 – room change", [])
    duplicate = staff_client.post(
        "/en/admin/programme/release/add/", {"track": programme_track.pk, "name": "v1"}
    )
    assert duplicate.status_code == 200
    assert Release.objects.filter(track=programme_track).count() == 2


@pytest.mark.django_db
def test_the_session_list_shows_venue_times(staff_client, programme_track):
    content = staff_client.get("/en/admin/programme/session/").content.decode()
    assert "2023-10-09 15:15–16:45 Asia/Tokyo" in content
    assert "2023-09-19 11:00–12:30 Africa/Lagos" in content


@pytest.mark.django_db
def test_a_malformed_session_or_track_id_is_no_session(staff_client, programme_track):
    changed = [staff_client.get(f"/en/admin/programme/session/{value}/change/") for value in ("abc", "²")]
    assert [response.status_code for response in changed] == [302, 302]
    added = staff_client.get("/en/admin/programme/session/add/", {"track": "abc"})
    assert added.status_code == 200
