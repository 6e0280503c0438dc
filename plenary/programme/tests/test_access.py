import json
import time

import pytest

from plenary.core.testing import make_user
from plenary.programme import exporters, rules, services
from plenary.programme.models import Session
from plenary.programme.tests.conftest import register

JOIN = "https://meet.example.org/igf2023-pt/"


def unfolded(response) -> str:
    """The text of a response, with iCalendar's 75-octet line folding undone."""
    return response.content.decode().replace("\r\n ", "")


def public_outputs(client) -> dict[str, str]:
    return {
        "programme": client.get("/en/igf2023-pt/programme/").content.decode(),
        "session": client.get("/en/igf2023-pt/programme/sessions/roundtable/").content.decode(),
        "ics": unfolded(client.get("/igf2023-pt/programme.ics")),
        "session ics": unfolded(client.get("/igf2023-pt/programme/roundtable.ics")),
        "json": client.get("/igf2023-pt/programme.json").content.decode(),
        "xml": client.get("/igf2023-pt/programme.xml").content.decode(),
    }


@pytest.mark.django_db
def test_the_public_never_sees_a_join_link(client, programme_track):
    outputs = public_outputs(client)
    assert {name: JOIN in content for name, content in outputs.items()} == dict.fromkeys(outputs, False)
    assert "https://stream.example.org/igf2023-pt/roundtable" in outputs["session"]
    assert "join_url" not in json.loads(outputs["json"])["sessions"][0]


@pytest.mark.django_db
def test_an_unconfirmed_delegate_never_sees_a_join_link(client, programme_track, delegate_user):
    client.force_login(delegate_user)
    roundtable = Session.objects.get(track=programme_track, slug="roundtable")
    services.star_session(user=delegate_user, session=roundtable)
    outputs = public_outputs(client)
    outputs["agenda"] = client.get("/en/igf2023-pt/programme/agenda/").content.decode()
    token = exporters.agenda_token(delegate_user, programme_track)
    outputs["agenda ics"] = unfolded(client.get(f"/igf2023-pt/agenda/{token}.ics"))
    assert "BEGIN:VEVENT" in outputs["agenda ics"]
    assert {name: JOIN in content for name, content in outputs.items()} == dict.fromkeys(outputs, False)
    assert rules.may_see_join_links(delegate_user, programme_track) is False


@pytest.mark.django_db
def test_a_confirmed_online_delegate_sees_join_links_but_not_in_public_exports(
    client, programme_track, online_delegate
):
    client.force_login(online_delegate)
    services.star_session(user=online_delegate, session=Session.objects.get(slug="roundtable"))
    assert f"{JOIN}roundtable" in client.get("/en/igf2023-pt/programme/sessions/roundtable/").content.decode()
    token = exporters.agenda_token(online_delegate, programme_track)
    assert f"{JOIN}roundtable" in unfolded(client.get(f"/igf2023-pt/agenda/{token}.ics"))
    assert JOIN not in unfolded(client.get("/igf2023-pt/programme.ics"))
    assert JOIN not in client.get("/igf2023-pt/programme.json").content.decode()
    client.logout()
    assert JOIN not in client.get("/en/igf2023-pt/programme/sessions/roundtable/").content.decode()


@pytest.mark.django_db
def test_who_sees_join_links(programme_track, secretariat, delegate_user, online_delegate, onsite_delegate):
    from django.contrib.auth.models import AnonymousUser

    users = (AnonymousUser(), delegate_user, onsite_delegate, online_delegate, secretariat)
    assert [rules.may_see_join_links(user, programme_track) for user in users] == [
        False,
        False,
        False,
        True,
        True,
    ]
    assert [rules.is_registered_delegate(user, programme_track) for user in users] == [
        False,
        False,
        True,
        True,
        True,
    ]
    cancelled = make_user("cancelled.delegate@example.org")
    register(cancelled, programme_track, status="cancelled", mode="online")
    assert rules.may_see_join_links(cancelled, programme_track) is False


@pytest.mark.django_db
def test_the_secretariat_sees_join_links_on_pages_and_in_its_agenda_feed(
    client, programme_track, secretariat
):
    client.force_login(secretariat)
    roundtable = Session.objects.get(track=programme_track, slug="roundtable")
    services.star_session(user=secretariat, session=roundtable)
    assert f"{JOIN}roundtable" in client.get("/en/igf2023-pt/programme/sessions/roundtable/").content.decode()
    assert f"{JOIN}roundtable" in client.get("/en/igf2023-pt/programme/").content.decode()
    token = exporters.agenda_token(secretariat, programme_track)
    assert f"{JOIN}roundtable" in unfolded(client.get(f"/igf2023-pt/agenda/{token}.ics"))
    # The public exports stay public even when fetched by the secretariat.
    assert JOIN not in unfolded(client.get("/igf2023-pt/programme.ics"))
    assert JOIN not in client.get("/igf2023-pt/programme.json").content.decode()


@pytest.mark.django_db
def test_a_forged_or_foreign_agenda_token_is_404(client, programme_track, delegate_user):
    token = exporters.agenda_token(delegate_user, programme_track)
    assert client.get(f"/igf2023-pt/agenda/{token}x.ics").status_code == 404
    assert client.get("/igf2023-pt/agenda/not-a-token.ics").status_code == 404


@pytest.mark.django_db
def test_starring_builds_a_personal_agenda_and_its_calendar(client, programme_track, delegate_user):
    assert client.post("/en/igf2023-pt/programme/sessions/roundtable/star/").status_code == 302
    assert Session.objects.get(slug="roundtable").stars.count() == 0
    client.force_login(delegate_user)
    response = client.post(
        "/en/igf2023-pt/programme/sessions/roundtable/star/",
        {"star": "1", "next": "/en/igf2023-pt/programme/agenda/"},
    )
    assert response.url == "/en/igf2023-pt/programme/agenda/"
    client.post(
        "/en/igf2023-pt/programme/sessions/closing/star/", {"star": "1", "next": "https://evil.example/"}
    )
    agenda = client.get("/en/igf2023-pt/programme/agenda/").content.decode()
    assert agenda.count('<li class="session') == 2
    token = exporters.agenda_token(delegate_user, programme_track)
    assert f"http://testserver/igf2023-pt/agenda/{token}.ics" in agenda
    ics = unfolded(client.get(f"/igf2023-pt/agenda/{token}.ics"))
    assert ics.count("BEGIN:VEVENT") == 2
    client.post("/en/igf2023-pt/programme/sessions/closing/star/", {"star": "0"})
    assert unfolded(client.get(f"/igf2023-pt/agenda/{token}.ics")).count("BEGIN:VEVENT") == 1
    assert client.get("/en/igf2023-pt/programme/sessions/roundtable/star/").status_code == 405


@pytest.mark.django_db
def test_a_session_renamed_in_a_draft_can_still_be_starred_by_its_published_address(
    client, programme_track, delegate_user
):
    roundtable = Session.objects.get(track=programme_track, slug="roundtable")
    roundtable.slug = "roundtable-renamed"
    roundtable.save()
    client.force_login(delegate_user)
    assert client.post("/en/igf2023-pt/programme/sessions/roundtable/star/").status_code == 302
    assert list(roundtable.stars.values_list("user__email", flat=True)) == [
        "unconfirmed.delegate@example.org"
    ]
    assert client.post("/en/igf2023-pt/programme/sessions/roundtable-renamed/star/").status_code == 404


def test_the_agenda_feed_address_stays_the_same(delegate_user, programme_track):
    first = exporters.agenda_token(delegate_user, programme_track)
    time.sleep(1.1)
    assert exporters.agenda_token(delegate_user, programme_track) == first
