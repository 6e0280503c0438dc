"""Files stored before private storage existed keep opening: the data migration moves them."""

import re

from django.core.files.base import ContentFile

from plenary.core.storage import move_to_private
from plenary.registration import services
from plenary.registration.models import Registration
from plenary.registration.tests import factories


def test_an_old_photo_in_media_root_moves_to_private_storage_and_still_opens(
    igf_track, capacity, two_parliaments, settings
):
    member = factories.member(igf_track, two_parliaments[0])
    registration = services.submit_registration(member=member, data=factories.registration_data(member))
    old = settings.MEDIA_ROOT / "badges" / str(igf_track.pk) / f"{registration.reference}.jpg"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"old photo")
    Registration.objects.filter(pk=registration.pk).update(photo=f"badges/{igf_track.pk}/{old.name}")

    move_to_private(Registration, "photo")

    photo = Registration.objects.get(pk=registration.pk).photo
    assert re.fullmatch(rf"badges/{igf_track.pk}/[\w-]{{24}}/photo\.jpg", photo.name)
    assert (photo.read(), old.exists()) == (b"old photo", False)
    move_to_private(Registration, "photo")
    assert Registration.objects.get(pk=registration.pk).photo.name == photo.name


def test_a_photo_already_private_stays_where_it_is(igf_track, capacity, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0])
    registration = services.submit_registration(
        member=member, data=factories.registration_data(member), photo=ContentFile(b"new", name="p.jpg")
    )
    move_to_private(Registration, "photo")
    assert Registration.objects.get(pk=registration.pk).photo.name == registration.photo.name
