"""Invitation letters and letter archives are private: unguessable names outside MEDIA_ROOT,
opened through the access-checked view by the invited parliament and the secretariat only."""

import re

import pytest

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament
from plenary.invitations import services
from plenary.invitations.models import Invitation, LetterArchive


@pytest.fixture
def letters(letter_template, igf_track):
    services.send_invitations(track=igf_track, only=["JPN", "KEN"])
    return {
        invitation.parliament.country.iso3: invitation.letter
        for invitation in Invitation.objects.exclude(letter="")
    }


def test_letters_are_private_and_not_numbered_in_sequence(letters, settings):
    names = [letters["JPN"].name, letters["KEN"].name]
    pattern = r"invitations/letters/([\w-]{24})/IPU-IGF-2023-\d+\.pdf"
    tokens = [re.fullmatch(pattern, name).group(1) for name in names]
    assert len(set(tokens)) == 2
    assert all(
        letter.path.startswith(str(settings.PRIVATE_MEDIA_ROOT.resolve())) for letter in letters.values()
    )
    assert letters["JPN"].url == f"/files/{letters['JPN'].name}"


def test_a_letter_opens_for_its_parliament_and_the_secretariat_only(client, letters):
    japan, kenya = (Parliament.objects.get(country__iso3=code) for code in ("JPN", "KEN"))
    url = letters["JPN"].url
    client.force_login(make_user("fp.jpn@example.org", Role.FOCAL_POINT, japan))
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(make_user("sec@example.org", Role.SECRETARIAT))
    assert client.get(url).status_code == 200
    client.force_login(make_user("fp.ken@example.org", Role.FOCAL_POINT, kenya))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_a_letter_archive_is_private_and_for_the_secretariat_only(
    client, letter_template, igf_track, settings
):
    igf_track.invited_parliaments.set(Parliament.objects.filter(country__iso3__in=["JPN"]))
    archive = services.build_archive(archive_pk=LetterArchive.objects.create(track=igf_track).pk)
    assert re.fullmatch(r"invitations/archives/[\w-]{24}/igf2023-pt-letters-\d+\.zip", archive.file.name)
    assert archive.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT.resolve()))
    client.force_login(
        make_user("fp.jpn@example.org", Role.FOCAL_POINT, Parliament.objects.get(country__iso3="JPN"))
    )
    assert client.get(archive.file.url).status_code == 404
    client.force_login(make_user("sec@example.org", Role.SECRETARIAT))
    assert client.get(archive.file.url).status_code == 200
