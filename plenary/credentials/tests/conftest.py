import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.registration import services as registration_services
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def pdf_upload(name="designation.pdf") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    document = pikepdf.new()
    document.add_blank_page()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


@pytest.fixture
def capacity(igf_track):
    return TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 50})[0]


@pytest.fixture
def parliaments(db):
    return factories.parliaments(2)


@pytest.fixture
def delegation(igf_track, parliaments):
    delegation = registration_services.delegation_for(track=igf_track, parliament=parliaments[0])
    return registration_services.answer_invitation(delegation=delegation, accept=True, actor=None)


@pytest.fixture
def head(igf_track, parliaments, delegation):
    return factories.member(igf_track, parliaments[0], role="head", given="Amal")


@pytest.fixture
def focal_point(parliaments):
    return make_user("focal@example.org", Role.FOCAL_POINT, parliament=parliaments[0])


@pytest.fixture
def other_focal_point(parliaments):
    return make_user("other-focal@example.org", Role.FOCAL_POINT, parliament=parliaments[1])


@pytest.fixture
def staff(db):
    return make_user("credentials-secretariat@ipu.example.org", Role.SECRETARIAT)
