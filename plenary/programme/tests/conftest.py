import pytest
from django.utils import timezone

from plenary.core.testing import make_user


@pytest.fixture
def programme_track(igf_track):
    """The IGF 2023 track with its demo programme published as v1."""
    from plenary.programme import demo

    demo.load()
    igf_track.refresh_from_db()
    return igf_track


def register(user, track, *, status: str, mode: str, language: str = "en"):
    """A registration of `user` (through a directory person) for `track`, in a given state."""
    from plenary.registration.models import Registration
    from plenary.registration.tests import factories

    parliament = factories.parliaments(1)[0]
    member = factories.member(track, parliament, given=user.email.split("@")[0])
    member.person.user = user
    member.person.save(update_fields=["user"])
    return Registration.objects.create(
        track=track,
        person=member.person,
        delegation=member.delegation,
        member=member,
        kind=member.kind,
        status=status,
        mode=mode,
        consent_at=timezone.now(),
        consent_language=language,
        **factories.registration_data(member, language=language),
    )


@pytest.fixture
def delegate_user(igf_track):
    """A logged-in delegate whose online registration is submitted, not yet confirmed."""
    user = make_user("unconfirmed.delegate@example.org")
    register(user, igf_track, status="submitted", mode="online")
    return user


@pytest.fixture
def online_delegate(igf_track):
    user = make_user("online.delegate@example.org")
    register(user, igf_track, status="confirmed", mode="online")
    return user


@pytest.fixture
def onsite_delegate(igf_track):
    user = make_user("onsite.delegate@example.org")
    register(user, igf_track, status="confirmed", mode="onsite")
    return user


@pytest.fixture(autouse=True)
def empty_page_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
