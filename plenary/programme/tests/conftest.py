import pytest

from plenary.core.models import Role
from plenary.core.testing import make_user


@pytest.fixture
def programme_track(igf_track):
    """The IGF 2023 track with its demo programme published as v1."""
    from plenary.programme import demo

    demo.load()
    igf_track.refresh_from_db()
    return igf_track


@pytest.fixture
def secretariat_user(db):
    return make_user("secretariat.programme@example.org", Role.SECRETARIAT)


@pytest.fixture
def delegate_user(db):
    """A logged-in delegate with no confirmed registration."""
    return make_user("unconfirmed.delegate@example.org")


@pytest.fixture(autouse=True)
def empty_page_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
