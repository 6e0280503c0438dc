"""Delegates and members log in by e-mailed code with the address on file; nobody else learns whether
an address is known."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.cache import cache
from django.urls import resolve, reverse

from plenary.core.models import Role, RoleAssignment
from plenary.funding.tests import factories as funding_factories
from plenary.registration import links, services
from plenary.registration.models import Registration
from plenary.registration.tests import factories

ADDRESS_ON_FILE = "Amal.Haddad@Parliament.Example.org"
CONFIRM_PAGE = "/en/accounts/login/code/confirm/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture(autouse=True)
def one_second(monkeypatch):
    """Personal links carry the second they were signed: the test's and the page's are the same."""
    stamp = signing.TimestampSigner().timestamp()
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda signer: stamp)


@pytest.fixture
def member(igf_track, two_parliaments):
    member = factories.member(igf_track, two_parliaments[0], given="Amal", family="Haddad")
    member.person.email = ADDRESS_ON_FILE
    member.person.save()
    return member


@pytest.fixture
def confirmed_delegate(member, capacity):
    data = factories.registration_data(member, email=ADDRESS_ON_FILE)
    registration = services.submit_registration(member=member, data=data)
    assert registration.status == Registration.Status.CONFIRMED
    mail.outbox.clear()
    return registration


def request_code(client, email):
    return client.post(reverse("account_request_login_code"), {"email": email})


def code_in(message) -> str:
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)


def page_text(response, email: str) -> str:
    """The page as the visitor reads it, without the address they typed and the form's CSRF token."""
    content = response.content.decode().replace(email.lower(), "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)


@pytest.mark.django_db
def test_a_confirmed_delegate_without_an_account_logs_in_by_code_and_lands_on_their_registration(
    client, confirmed_delegate, igf_track
):
    response = request_code(client, "amal.haddad@PARLIAMENT.example.ORG")
    assert (response.status_code, response["Location"]) == (302, CONFIRM_PAGE)
    assert [message.to for message in mail.outbox] == [["amal.haddad@parliament.example.org"]]
    response = client.post(CONFIRM_PAGE, {"code": code_in(mail.outbox[0])})
    assert response["Location"] == "/en/welcome/"
    token = links.member_token(confirmed_delegate.member)
    assert client.get("/en/welcome/")["Location"] == f"/en/{igf_track.slug}/register/{token}/"

    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    confirmed_delegate.person.refresh_from_db()
    assert confirmed_delegate.person.user == user
    assert (user.username, user.email, user.has_usable_password()) == (
        "amal.haddad@parliament.example.org",
        "amal.haddad@parliament.example.org",
        False,
    )
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("amal.haddad@parliament.example.org", True, True)
    ]
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", "parliament")) == [
        (Role.DELEGATE, confirmed_delegate.delegation.parliament_id)
    ]


@pytest.mark.django_db
def test_a_second_request_uses_the_same_account(client, confirmed_delegate):
    request_code(client, ADDRESS_ON_FILE)
    client.cookies.clear()
    request_code(client, ADDRESS_ON_FILE.upper())
    assert len(mail.outbox) == 2
    assert get_user_model().objects.filter(email__iexact=ADDRESS_ON_FILE).count() == 1


@pytest.mark.django_db
def test_a_named_member_not_yet_registered_lands_on_their_registration_page(client, member, igf_track):
    response = request_code(client, ADDRESS_ON_FILE)
    client.post(response["Location"], {"code": code_in(mail.outbox[0])})
    landing = resolve(client.get("/en/welcome/")["Location"])
    assert (landing.view_name, landing.kwargs["track"]) == ("registration:register", igf_track.slug)
    assert links.member_from_token(landing.kwargs["token"], igf_track.slug) == member
    assert RoleAssignment.objects.filter(user__person=member.person).count() == 0


@pytest.mark.django_db
def test_a_delegate_registered_online_who_cannot_apply_for_funding_lands_on_their_registration(
    client, member, capacity, igf_track
):
    """Funding needs an onsite registration: the open call is nothing this delegate can act on."""
    registration = services.submit_registration(
        member=member, data=factories.registration_data(member, email=ADDRESS_ON_FILE, mode="online")
    )
    assert (registration.status, registration.mode) == (Registration.Status.CONFIRMED, "online")
    funding_factories.call(igf_track)
    mail.outbox.clear()
    response = request_code(client, ADDRESS_ON_FILE)
    client.post(response["Location"], {"code": code_in(mail.outbox[0])})
    token = links.member_token(member)
    assert client.get("/en/welcome/")["Location"] == f"/en/{igf_track.slug}/register/{token}/"
    assert client.get("/ar/welcome/")["Location"] == f"/ar/{igf_track.slug}/register/{token}/"


@pytest.mark.django_db
def test_an_unknown_address_gets_no_mail_and_the_same_answer(client, confirmed_delegate):
    known = request_code(client, ADDRESS_ON_FILE)
    known_page = client.get(known["Location"])
    mail.outbox.clear()
    client.cookies.clear()
    unknown = request_code(client, "nobody@parliament.example.org")
    unknown_page = client.get(unknown["Location"])
    assert mail.outbox == []
    assert unknown["Location"] == known["Location"]
    assert page_text(unknown_page, "nobody@parliament.example.org") == page_text(known_page, ADDRESS_ON_FILE)
    assert not get_user_model().objects.filter(email="nobody@parliament.example.org").exists()


@pytest.mark.django_db
def test_a_deactivated_account_gets_no_new_one_and_no_mail(client, confirmed_delegate):
    request_code(client, ADDRESS_ON_FILE)
    get_user_model().objects.update(is_active=False)
    mail.outbox.clear()
    client.cookies.clear()
    request_code(client, ADDRESS_ON_FILE)
    assert mail.outbox == []
    assert get_user_model().objects.filter(email__iexact=ADDRESS_ON_FILE).count() == 1
