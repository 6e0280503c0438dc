"""Where a delegate lands after logging in: the travel-funding page only for someone with something to
do there (an open call whose rules they meet, or an application); else their registration page."""

import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from plenary.core import accounts
from plenary.directory.models import Parliament
from plenary.funding.models import Application
from plenary.funding.tests import factories
from plenary.registration import links
from plenary.registration import services as registration_services
from plenary.registration.models import Registration, TrackCapacity
from plenary.registration.tests import factories as registration_factories


@pytest.fixture(autouse=True)
def one_second(monkeypatch):
    """Personal links carry the second they were signed: the test's and the page's are the same."""
    stamp = signing.TimestampSigner().timestamp()
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda signer: stamp)


@pytest.fixture
def capacity(igf_track):
    return TrackCapacity.objects.update_or_create(track=igf_track, defaults={"onsite_seats": 50})[0]


def delegate(client, track, iso3, mode):
    """A member of iso3's delegation with a confirmed registration in `mode`, logged in."""
    member = registration_factories.member(track, Parliament.objects.get(country__iso3=iso3))
    data = registration_factories.registration_data(member, mode=mode)
    registration = registration_services.submit_registration(member=member, data=data)
    assert (registration.status, registration.mode) == (Registration.Status.CONFIRMED, mode)
    client.force_login(accounts.account_for_login(member.person.email))
    return member


def registration_page(member, language="en") -> str:
    return f"/{language}/{member.delegation.track.slug}/register/{links.member_token(member)}/"


def close(call):
    call.opens_on = timezone.localdate() - dt.timedelta(days=20)
    call.closes_on = timezone.localdate() - dt.timedelta(days=1)
    call.save(update_fields=["opens_on", "closes_on"])


@pytest.mark.django_db
def test_an_mp_registered_onsite_who_may_apply_to_an_open_call_lands_on_travel_funding(
    client, igf_track, capacity
):
    factories.call(igf_track)
    delegate(client, igf_track, "MWI", "onsite")
    assert client.get("/en/welcome/")["Location"] == "/en/igf2023-pt/funding/"


@pytest.mark.django_db
def test_an_mp_registered_online_lands_on_their_registration_although_a_call_is_open(
    client, igf_track, capacity
):
    factories.call(igf_track)
    member = delegate(client, igf_track, "MWI", "online")
    assert client.get("/en/welcome/")["Location"] == registration_page(member)


@pytest.mark.django_db
def test_an_mp_from_a_country_the_call_does_not_fund_lands_on_their_registration(client, igf_track, capacity):
    factories.call(igf_track)
    member = delegate(client, igf_track, "JPN", "onsite")
    assert client.get("/en/welcome/")["Location"] == registration_page(member)


@pytest.mark.django_db
def test_an_eligible_mp_lands_on_their_registration_when_no_call_is_open(client, igf_track, capacity):
    close(factories.call(igf_track))
    member = delegate(client, igf_track, "MWI", "onsite")
    assert client.get("/en/welcome/")["Location"] == registration_page(member)


@pytest.mark.django_db
def test_an_applicant_lands_on_travel_funding_after_the_call_closes_and_not_once_withdrawn(
    client, igf_track, capacity
):
    call = factories.call(igf_track)
    member = delegate(client, igf_track, "MWI", "onsite")
    application = factories.applied(call, member.person)
    close(call)
    assert client.get("/en/welcome/")["Location"] == "/en/igf2023-pt/funding/"
    Application.objects.filter(pk=application.pk).update(status=Application.Status.WITHDRAWN)
    assert client.get("/en/welcome/")["Location"] == registration_page(member)


@pytest.mark.django_db
def test_the_funding_page_links_whoever_cannot_apply_to_their_registration(client, igf_track, capacity):
    factories.call(igf_track)
    member = delegate(client, igf_track, "MWI", "online")
    sentences = {}
    for language, cannot_apply in (("en", "You cannot apply to this call."), ("ar", "لا يمكنك التقدم")):
        page = client.get(f"/{language}/igf2023-pt/funding/").content.decode()
        start = page.index(cannot_apply)
        sentences[language] = page[start : page.index("</p>", start)]
    assert sentences == {
        "en": f'You cannot apply to this call. <a href="{registration_page(member)}">Your registration</a>',
        "ar": f'لا يمكنك التقدم بطلب لهذه الدعوة. <a href="{registration_page(member, "ar")}">تسجيلك</a>',
    }


@pytest.mark.django_db
def test_the_funding_page_gives_whoever_may_apply_no_registration_link(client, igf_track, capacity):
    factories.call(igf_track)
    member = delegate(client, igf_track, "MWI", "onsite")
    assert client.get("/en/igf2023-pt/funding/").content.decode().count(registration_page(member)) == 0
