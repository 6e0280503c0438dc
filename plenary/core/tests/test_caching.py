"""Pages and files with personal data say `Cache-Control: no-store, private`; public ones stay public."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from plenary.core.caching import PersonalResponsesNotStoredMiddleware
from plenary.core.testing import make_user
from plenary.programme import exporters
from plenary.programme.tests.conftest import register
from plenary.registration import links

NOT_STORED = "no-store, private"
# allauth's views are never_cache already: the middleware leaves their directives and adds none.
ALLAUTH_NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.fixture
def published_programme(igf_track):
    from plenary.programme import demo

    demo.load()
    return igf_track


@pytest.fixture
def onsite_member(igf_track):
    """A confirmed onsite delegate's delegation member: the personal link opens the badge."""
    return register(make_user("onsite@example.org"), igf_track, status="confirmed", mode="onsite").member


def _cache_control(response) -> str | None:
    return response.headers.get("Cache-Control")


def test_a_public_page_is_stored_for_visitors_not_for_a_signed_in_user(client, igf_track):
    url = reverse("events:track_home", kwargs={"track": igf_track.slug})
    visitor = client.get(url)
    client.force_login(make_user("delegate@example.org"))
    signed_in = client.get(url)
    answers = [(r.status_code, _cache_control(r)) for r in (visitor, signed_in)]
    assert answers == [(200, None), (200, NOT_STORED)]


def test_the_public_programme_and_its_feeds_keep_their_caching(client, published_programme):
    track = published_programme.slug
    page = reverse("programme:programme", kwargs={"track": track})
    feeds = [reverse(f"programme_feeds:{name}", kwargs={"track": track}) for name in ("ics", "json", "xml")]
    responses = [client.get(page), client.get(page), *(client.get(url) for url in feeds)]
    assert [(r.status_code, _cache_control(r)) for r in responses] == [(200, None)] * 5


def test_secretariat_pages_and_files_are_not_stored(client, secretariat, onsite_member):
    track = onsite_member.delegation.track.slug
    client.force_login(secretariat)
    urls = [
        reverse("invitations:track", kwargs={"track": track}),
        reverse("documents:batches", kwargs={"track": track}),
    ]
    responses = [client.get(url) for url in urls]
    assert [(r.status_code, r["Content-Type"], _cache_control(r)) for r in responses] == [
        (200, "text/html; charset=utf-8", NOT_STORED),
        (200, "text/html; charset=utf-8", NOT_STORED),
    ]


def test_personal_links_and_their_files_are_not_stored(client, onsite_member, published_programme):
    track = onsite_member.delegation.track.slug
    token = links.member_token(onsite_member)
    agenda_token = exporters.agenda_token(onsite_member.person.user, published_programme)
    urls = [
        reverse("registration:register", kwargs={"track": track, "token": token}),
        reverse("registration:my_badge", kwargs={"track": track, "token": token}),
        reverse("programme_feeds:agenda_ics", kwargs={"track": track, "token": agenda_token}),
        reverse("registration:delegation_link", kwargs={"track": track, "token": "forged"}),
    ]
    responses = [client.get(url) for url in urls]
    assert [(r.status_code, r["Content-Type"], _cache_control(r)) for r in responses] == [
        (200, "text/html; charset=utf-8", NOT_STORED),
        (200, "application/pdf", NOT_STORED),
        (200, "text/calendar; charset=utf-8", NOT_STORED),
        (404, "text/html; charset=utf-8", NOT_STORED),
    ]


def test_account_pages_and_answers_to_forms_are_not_stored(client, db):
    login = client.get(reverse("account_login"))
    refused = client.post(reverse("account_login"), {"login": "nobody@example.org", "password": "wrong-pass"})
    reset = client.get(reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "x-y"}))
    assert [(r.status_code, _cache_control(r)) for r in (login, refused, reset)] == [
        (200, ALLAUTH_NEVER_CACHE),
        (200, ALLAUTH_NEVER_CACHE),
        (200, NOT_STORED),
    ]


def test_a_response_that_declares_itself_public_is_left_as_it_is(db):
    request = RequestFactory().get("/en/")
    request.user = make_user("delegate@example.org")
    request.resolver_match = None
    public = HttpResponse("the same for everyone")
    public["Cache-Control"] = "public, max-age=300"
    private = HttpResponse("yours")
    middleware = PersonalResponsesNotStoredMiddleware
    answers = [middleware(lambda _request, r=r: r)(request) for r in (public, private)]
    assert [_cache_control(r) for r in answers] == ["public, max-age=300", NOT_STORED]
