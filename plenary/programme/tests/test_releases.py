import re

import pytest
from django.core.exceptions import ValidationError

from plenary.core.models import Role
from plenary.core.outbox import messages_for
from plenary.core.testing import make_user
from plenary.directory.models import Person
from plenary.programme import services
from plenary.programme.models import Release, Session, Speaker
from plenary.programme.tests.conftest import register


def session(track, slug) -> Session:
    return Session.objects.get(track=track, slug=slug)


def edit_the_programme(track):
    """Moves the roundtable to another room, renames the closing, cancels one session, adds one."""
    services.move_session(
        session=session(track, "roundtable"), room={"en": "Room C (demo)", "fr": "Salle C (démo)"}
    )
    closing = session(track, "closing")
    closing.title = closing.title.as_dict() | {"en": "Closing and adoption of the main points (demo)"}
    closing.save()
    session(track, "regional-europe").delete()
    services.create_session(
        track=track,
        slug="late-workshop",
        title={"en": "A late demo workshop"},
        kind="workshop",
        start="2023-10-09 18:00",
        end="2023-10-09 19:00",
    )


@pytest.mark.django_db
def test_the_first_release_lists_every_session_as_added(programme_track):
    release = Release.objects.get(track=programme_track)
    assert (release.number, release.name) == (1, "v1")
    assert [entry["change"] for entry in release.changelog] == ["added"] * 9
    assert list(messages_for(release)) == []


@pytest.mark.django_db
def test_the_changelog_lists_exactly_the_sessions_that_changed(programme_track):
    europe_uid = str(session(programme_track, "regional-europe").uid)
    edit_the_programme(programme_track)
    release = services.publish_release(track=programme_track, name="v2 – room change")
    assert (release.number, release.name) == (2, "v2 – room change")
    assert [(entry["slug"], entry["change"], entry["fields"]) for entry in release.changelog] == [
        ("regional-europe", "removed", []),
        ("roundtable", "changed", ["room"]),
        ("closing", "changed", ["title"]),
        ("late-workshop", "added", []),
    ]
    assert release.changelog[0]["uid"] == europe_uid
    moved = release.changelog[1]
    assert moved["before"]["room"]["en"] == "Room A (demo)"
    assert moved["after"]["room"]["en"] == "Room C (demo)"
    assert moved["before"]["start"] == moved["after"]["start"] == "2023-10-09T06:15:00Z"


@pytest.mark.django_db
def test_publishing_without_changes_gives_an_empty_changelog(programme_track):
    release = services.publish_release(track=programme_track)
    assert (release.name, release.changelog) == ("v2", [])


@pytest.mark.django_db
def test_a_release_name_is_used_once(programme_track):
    with pytest.raises(ValidationError) as error:
        services.publish_release(track=programme_track, name="v1")
    assert error.value.messages == ["A release of this track is already called “v1”."]
    assert Release.objects.filter(track=programme_track).count() == 1


@pytest.mark.django_db
def test_only_affected_delegates_get_one_email_each_in_their_language(programme_track):
    french = make_user("french.delegate@example.org")
    register(french, programme_track, status="confirmed", mode="online", language="fr")
    untouched = make_user("untouched.delegate@example.org")
    register(untouched, programme_track, status="confirmed", mode="onsite")
    unconfirmed = make_user("unconfirmed@example.org")
    register(unconfirmed, programme_track, status="submitted", mode="online")
    speaking = make_user("speaking.secretariat@example.org", Role.SECRETARIAT)
    speaker_person = Person.objects.create(given_name="Sam", family_name="Speaker", user=speaking)
    speaker = Speaker.objects.create(track=programme_track, person=speaker_person)
    session(programme_track, "closing").people.create(speaker=speaker, role="speaker")
    services.publish_release(track=programme_track, name="v2 – a new speaker")

    for slug in ("roundtable", "closing"):
        services.star_session(user=french, session=session(programme_track, slug))
    services.star_session(user=untouched, session=session(programme_track, "opening"))
    services.star_session(user=unconfirmed, session=session(programme_track, "roundtable"))
    edit_the_programme(programme_track)
    release = services.publish_release(track=programme_track, name="v3 – room change")

    sent = sorted(messages_for(release), key=lambda message: message.to)
    assert [(message.to, message.language) for message in sent] == [
        (["french.delegate@example.org"], "fr"),
        (["president-ipu-group.bra@example.org"], "en"),
        (["president-ipu-group.jpn@example.org"], "en"),
        (["president-ipu-group.ken@example.org"], "en"),
        (["speaker.ken@example.org"], "en"),
        (["speaking.secretariat@example.org"], "en"),
    ]
    assert "Salle C (démo)" in sent[0].body
    assert "Closing and adoption of the main points (demo)" in sent[5].body
    assert "Room C" not in sent[5].body
    again = services.publish_release(track=programme_track, name="v4")
    assert list(messages_for(again)) == []


@pytest.mark.django_db
def test_the_public_changes_page_lists_each_release_and_what_moved(client, programme_track):
    edit_the_programme(programme_track)
    services.publish_release(track=programme_track, name="v2 – room change")
    content = client.get("/en/igf2023-pt/programme/changes/").content.decode()
    assert re.findall(r'<section class="card release" id="release-(\d+)">', content) == ["2", "1"]
    v2 = content[content.index('id="release-2"') : content.index('id="release-1"')]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", v2))
    assert text.count("Changed:") == 2
    assert text.count("Cancelled:") == 1
    assert text.count("New session:") == 1
    assert (
        "Before: 9 October 2023, 15:15–16:45 (Asia/Tokyo), Room A (demo) "
        "Now: 9 October 2023, 15:15–16:45 (Asia/Tokyo), Room C (demo)"
    ) in text
    arabic = client.get("/ar/igf2023-pt/programme/changes/").content.decode()
    assert "9 تشرين الأول/أكتوبر 2023، 15:15–16:45 (Asia/Tokyo)، القاعة A (تجريبية)" in arabic


@pytest.mark.django_db
def test_speakers_without_an_account_are_told_in_their_language_when_their_session_moves(programme_track):
    mp = Person.objects.create(
        given_name="Amal", family_name="Haddad", email="amal.haddad@example.org", preferred_language="ar"
    )
    in_directory = Speaker.objects.create(track=programme_track, person=mp)
    external = Speaker.objects.create(
        track=programme_track, name="Claire Martin", email="Claire.Martin@example.org", language="fr"
    )
    unreachable = Speaker.objects.create(track=programme_track, name="No Address")
    roundtable = session(programme_track, "roundtable")
    roundtable.people.all().delete()
    for speaker in (in_directory, external, unreachable):
        roundtable.people.create(speaker=speaker, role="speaker")
    session(programme_track, "closing").people.create(speaker=external, role="moderator")
    delegate = make_user("claire.martin@example.org")
    register(delegate, programme_track, status="confirmed", mode="online", language="es")
    services.publish_release(track=programme_track, name="v2 – speakers")

    services.move_session(session=roundtable, start="2023-10-09 16:15", end="2023-10-09 17:45")
    services.star_session(user=delegate, session=roundtable)
    release = services.publish_release(track=programme_track, name="v3 – time change")

    sent = sorted(messages_for(release), key=lambda message: message.to)
    assert [(message.to, message.language, message.subject) for message in sent] == [
        (
            ["amal.haddad@example.org"],
            "ar",
            "المسار البرلماني لمنتدى حوكمة الإنترنت 2023: الإصدار v3 – time change من البرنامج يغيّر جلساتك",
        ),
        (
            ["claire.martin@example.org"],
            "es",
            "Vía parlamentaria del IGF 2023: el programa v3 – time change modifica sus sesiones",
        ),
    ]
    assert "http://127.0.0.1:8000/ar/igf2023-pt/programme/" in sent[0].body


@pytest.mark.django_db
def test_an_external_speaker_uses_their_own_address_and_language(programme_track):
    external = Speaker.objects.create(
        track=programme_track, name="Claire Martin", email="claire@example.org", language="fr"
    )
    closing = session(programme_track, "closing")
    closing.people.all().delete()
    closing.people.create(speaker=external, role="moderator")
    services.publish_release(track=programme_track, name="v2 – a moderator")
    services.move_session(session=session(programme_track, "closing"), room={"en": "Room Z (demo)"})
    release = services.publish_release(track=programme_track, name="v3 – room change")

    [message] = messages_for(release)
    assert (message.to, message.language, message.subject) == (
        ["claire@example.org"],
        "fr",
        "Volet parlementaire du FGI 2023 : le programme v3 – room change modifie vos séances",
    )
    assert message.body.startswith("Le programme du Volet parlementaire du FGI 2023 a été mis à jour")
