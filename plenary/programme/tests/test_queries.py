import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.programme import services
from plenary.programme.models import Session, SessionPerson, Speaker

KYOTO_MORNING = dt.datetime(2023, 10, 8, 0, 0, tzinfo=dt.UTC)


def programme_of(track, count: int) -> None:
    speakers = Speaker.objects.bulk_create(
        Speaker(track=track, name=f"Demo speaker {number}", bio={"en": "Fictional."}) for number in range(5)
    )
    sessions = Session.objects.bulk_create(
        Session(
            track=track,
            slug=f"session-{number}",
            title={"en": f"Demo session {number}", "ar": f"جلسة تجريبية {number}"},
            kind=["panel", "workshop", "roundtable"][number % 3],
            start=KYOTO_MORNING + dt.timedelta(minutes=30 * number),
            end=KYOTO_MORNING + dt.timedelta(minutes=30 * number + 25),
            room={"en": f"Room {number % 4}"},
            join_url=f"https://meet.example.org/{number}",
        )
        for number in range(count)
    )
    SessionPerson.objects.bulk_create(
        SessionPerson(session=session, speaker=speakers[number % 5], role=role)
        for number, session in enumerate(sessions)
        for role in ("moderator", "rapporteur")
    )
    services.publish_release(track=track, name="v1")


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["public", "secretariat"])
def test_queries_per_programme_page_do_not_grow_with_the_sessions(client, igf_track, secretariat, who):
    from django.core.cache import cache

    if who == "secretariat":
        client.force_login(secretariat)
    counts = {}
    for count in (10, 500):
        Session.objects.filter(track=igf_track).delete()
        Speaker.objects.filter(track=igf_track).delete()
        igf_track.releases.all().delete()
        programme_of(igf_track, count)
        cache.clear()
        pages = ("/en/igf2023-pt/programme/", "/ar/igf2023-pt/programme/?kind=panel")
        counts[count] = [queries(client, url) for url in pages]
        assert client.get("/en/igf2023-pt/programme/").content.decode().count('<li class="session') == count
    assert counts[10] == counts[500]
    # The secretariat's pages add one query: the current track for the staff menu. With every cache
    # empty, the public page reads the release with its track, then its programme to render it
    # (the publication's task renders it beforehand: then one query).
    assert counts[10] == {"public": [2, 2], "secretariat": [7, 7]}[who]
