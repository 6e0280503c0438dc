"""Badge photos live in private storage, under unguessable names, served only to who may see them,
and go with their registration."""

import importlib
import os
import re

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

import plenary.urls
from plenary.core.models import Role
from plenary.core.storage import private_root_outside_media_root
from plenary.core.testing import make_user
from plenary.registration import services
from plenary.registration.models import Registration
from plenary.registration.tests import factories


@pytest.fixture
def registration(igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    photo = ContentFile(b"jpeg bytes", name="p.jpg")
    return services.submit_registration(member=member, data=factories.registration_data(member), photo=photo)


def test_a_photo_is_stored_outside_media_root_under_a_random_name(registration, settings, igf_track):
    path = settings.PRIVATE_MEDIA_ROOT.resolve()
    assert registration.photo.path.startswith(f"{path}/badges/{igf_track.pk}/")
    assert not registration.photo.path.startswith(str(settings.MEDIA_ROOT.resolve()))
    assert re.fullmatch(rf"badges/{igf_track.pk}/[\w-]{{24}}/photo\.jpg", registration.photo.name)


def test_photo_names_are_not_sequential(igf_track, capacity, two_parliaments):
    names = []
    for _ in range(3):
        member = factories.member(igf_track, two_parliaments[0])
        names.append(
            services.submit_registration(
                member=member, data=factories.registration_data(member), photo=ContentFile(b"x", name="p.jpg")
            ).photo.name
        )
    tokens = [name.split("/")[2] for name in names]
    assert len(set(tokens)) == 3
    assert [name.replace(token, "*") for name, token in zip(names, tokens, strict=True)] == [
        f"badges/{igf_track.pk}/*/photo.jpg"
    ] * 3


def test_the_photo_url_is_the_access_checked_view(registration):
    assert registration.photo.url == f"/files/{registration.photo.name}"


@pytest.fixture
def debug_urls(settings):
    """The URLconf as DEBUG builds it, with its media route (and then back)."""
    settings.DEBUG = True
    settings.ROOT_URLCONF = importlib.reload(plenary.urls)
    yield
    settings.DEBUG = False
    importlib.reload(plenary.urls)


def test_debug_serves_public_media_and_no_private_file(client, registration, settings, debug_urls):
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "concept-note.pdf").write_bytes(b"%PDF-public")
    assert client.get("/media/documents/concept-note.pdf").status_code == 200
    assert client.get(f"/media/{registration.photo.name}").status_code == 404


def test_without_debug_no_media_url_answers(client, registration):
    assert client.get(f"/media/{registration.photo.name}").status_code == 404


def test_the_view_serves_the_photo_to_the_secretariat_and_the_focal_point(
    client, registration, secretariat, focal_point
):
    for user in (secretariat, focal_point):
        client.force_login(user)
        response = client.get(registration.photo.url)
        assert (response.status_code, b"".join(response.streaming_content)) == (200, b"jpeg bytes")
        assert (response["Content-Type"], response["Cache-Control"]) == ("image/jpeg", "private, no-store")


def test_the_view_serves_the_photo_to_the_delegate(client, registration):
    delegate = make_user("delegate.self@example.org")
    registration.person.user = delegate
    registration.person.save(update_fields=["user"])
    client.force_login(delegate)
    assert client.get(registration.photo.url).status_code == 200


def test_the_view_answers_404_to_others(client, registration, two_parliaments):
    assert client.get(registration.photo.url).status_code == 404
    client.force_login(make_user("fp.other@example.org", Role.FOCAL_POINT, parliament=two_parliaments[1]))
    assert client.get(registration.photo.url).status_code == 404
    client.force_login(make_user("nobody@example.org"))
    assert client.get(registration.photo.url).status_code == 404


def test_a_name_no_record_holds_is_404_even_for_the_secretariat(client, registration, secretariat):
    client.force_login(secretariat)
    assert client.get(reverse("private_file", kwargs={"name": "badges/pending/1/x.jpg"})).status_code == 404


def test_deleting_a_registration_removes_its_photo_file(registration, django_capture_on_commit_callbacks):
    path = registration.photo.path
    with django_capture_on_commit_callbacks(execute=True):
        registration.delete()
    assert os.path.exists(path) is False


def test_a_rolled_back_deletion_keeps_the_photo_file(registration):
    pk, path = registration.pk, registration.photo.path
    with pytest.raises(RuntimeError), transaction.atomic():
        registration.delete()
        raise RuntimeError
    kept = Registration.objects.get(pk=pk)
    assert (kept.photo.path, kept.photo.read()) == (path, b"jpeg bytes")


def test_a_replaced_photo_file_is_removed(registration, django_capture_on_commit_callbacks):
    old = registration.photo.path
    with django_capture_on_commit_callbacks(execute=True):
        services.update_details(registration=registration, data={}, photo=ContentFile(b"new", name="p.jpg"))
    registration.refresh_from_db()
    assert (os.path.exists(old), registration.photo.read()) == (False, b"new")


@pytest.mark.parametrize("inside", ["", "private"])
def test_a_private_root_inside_media_root_is_a_system_check_error(settings, inside):
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT / inside
    assert [error.id for error in private_root_outside_media_root(None)] == ["plenary.E001"]


def test_the_default_private_root_passes_the_system_check():
    assert private_root_outside_media_root(None) == []
