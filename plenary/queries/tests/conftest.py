import pytest
from django.core.cache import cache

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.registration.tests import factories


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts queries per address in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def two_parliaments(db):
    return factories.parliaments(2)


@pytest.fixture
def staff(db):
    return make_user("answers@ipu.example.org", Role.SECRETARIAT)


@pytest.fixture
def focal_point(two_parliaments):
    return make_user("focal@example.org", Role.FOCAL_POINT, parliament=two_parliaments[0])


@pytest.fixture
def other_focal_point(two_parliaments):
    return make_user("other-focal@example.org", Role.FOCAL_POINT, parliament=two_parliaments[1])
