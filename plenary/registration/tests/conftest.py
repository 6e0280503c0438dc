import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.registration.models import TrackCapacity
from plenary.registration.tests import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english():
    """Requests leave their language active in the thread; each test starts in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def capacity(igf_track):
    return TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 50})[0]


@pytest.fixture
def two_parliaments(db):
    return factories.parliaments(2)


@pytest.fixture
def focal_point(two_parliaments):
    return make_user("focal@example.org", Role.FOCAL_POINT, parliament=two_parliaments[0])


@pytest.fixture
def secretariat(db):
    return make_user("secretariat@example.org", Role.SECRETARIAT)


def image_upload(size=(300, 400), fmt="PNG", name="photo.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(out, format=fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def form_data(member, **overrides) -> dict:
    track = member.delegation.track
    data = {
        "language": "en",
        "honorific": "Hon.",
        "given_name": "Amal",
        "family_name": "Haddad",
        "name_arabic": "أمل حداد",
        "gender": "female",
        "email": member.person.email,
        "nationality": member.delegation.parliament.country_id,
        "functions": "Chair",
        "committees": "ICT committee",
        "digital_committee": "on",
        "mode": "onsite",
        "days": [str(track.start_date)],
        "interpretation": ["ar", "en"],
        "accessibility": "",
        "dietary": "vegetarian",
        "arrival": "2023-10-07",
        "departure": "2023-10-10",
        "consent": "on",
    }
    return data | overrides
