import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
IN_CI = os.environ.get("CI") == "true"


def load_igf_demo():
    from plenary.events import demo

    call_command("load_reference_data", stdout=io.StringIO())
    return demo.load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data and the IGF 2023 track, loaded once; tests roll back their own changes.

    pytest-django runs transactional tests (which flush the database) after the others; those
    load what they need with the `igf_demo_committed` fixture.
    """
    with django_db_blocker.unblock():
        load_igf_demo()


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    """Personal files a test writes go to its own folder, never to var/private."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def client():
    """force_login gives the session its second factor too (see SecondFactorClient)."""
    from plenary.core.testing import SecondFactorClient

    return SecondFactorClient()


@pytest.fixture
def igf_track(db):
    from plenary.events.models import Track

    return Track.objects.get(slug="igf2023-pt")


@pytest.fixture
def secretariat(db):
    """A secretariat member with back-office rights and an authenticator app set up."""
    from allauth.mfa.totp.internal.auth import TOTP

    from plenary.core.models import Role
    from plenary.core.testing import make_user

    user = make_user("staff@ipu.example.org", role=Role.SECRETARIAT, is_staff=True, is_superuser=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def igf_demo_committed(transactional_db):
    return load_igf_demo()


@pytest.fixture
def artifacts_dir():
    path = ARTIFACTS
    path.mkdir(parents=True, exist_ok=True)
    return path


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    for item in items:
        # In CI a PostgreSQL test is never skipped: it runs, and fails if the database is not there.
        if item.get_closest_marker("postgres") and not on_postgres and not IN_CI:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://..."))


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a page or count another test kept (and a key SQLite
    reused after a rollback) is never served to it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a request through LocaleMiddleware leaves its language active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
