"""Rate limits on logins: per client address (behind a trusted proxy too), and per account in a way
that an attacker cannot use to lock its owner out."""

import ipaddress
import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory, override_settings

from plenary.config import env_networks
from plenary.core import ratelimits
from plenary.core.clients import client_address
from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament

PROXY = "10.0.0.5"
BEHIND_PROXY = override_settings(TRUSTED_PROXIES=[ipaddress.ip_network("10.0.0.0/24")])
PASSWORD = "correct horse battery"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOO_MANY_FAILED = "Too many failed login attempts. Try again later."
WRONG_PASSWORD = "The email address and/or password you specified are not correct."


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def focal_point(db):
    japan = Parliament.objects.get(country__iso3="JPN")
    return make_user("focal@diet.example.org", role=Role.FOCAL_POINT, parliament=japan)


@pytest.fixture
def staff_password(secretariat):
    secretariat.set_password(PASSWORD)
    secretariat.save()
    return PASSWORD


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def behind_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def form_errors(response) -> list[str]:
    return [error for errors in response.context["form"].errors.values() for error in errors]


def log_in(client: Client, email: str, password: str, language: str = "en"):
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


def request_code(client: Client, email: str):
    return client.post("/en/accounts/login/code/", {"email": email})


def current_totp() -> str:
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // mfa_settings.TOTP_PERIOD))


def address(remote_addr: str, forwarded_for: str | None = None) -> str:
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_address(RequestFactory().get("/", **headers))


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


@BEHIND_PROXY
@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "client"),
    [
        (PROXY, "198.51.100.1", "198.51.100.1"),
        (PROXY, "192.0.2.66, 198.51.100.1", "198.51.100.1"),
        (PROXY, "192.0.2.66, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (PROXY, "10.0.0.8, 10.0.0.9", "10.0.0.8"),
        (PROXY, "192.0.2.66, not-an-address", PROXY),
        (PROXY, "2001:DB8::1", "2001:db8::1"),
        (PROXY, None, PROXY),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
    ],
)
def test_behind_trusted_proxies_the_client_is_the_right_most_untrusted_address(
    remote_addr, forwarded_for, client
):
    assert address(remote_addr, forwarded_for) == client


def test_trusted_proxies_are_addresses_and_networks(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, fd00::/8")
    assert env_networks("TRUSTED_PROXIES") == [
        ipaddress.ip_network("10.0.0.5/32"),
        ipaddress.ip_network("fd00::/8"),
    ]
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5,proxy.example.org")
    with pytest.raises(ImproperlyConfigured) as error:
        env_networks("TRUSTED_PROXIES")
    assert str(error.value) == "TRUSTED_PROXIES: 'proxy.example.org' is not an IP address or network"


@BEHIND_PROXY
@pytest.mark.django_db
def test_behind_the_proxy_two_clients_are_limited_separately():
    attacker = behind_proxy("198.51.100.66")
    failures = [form_errors(log_in(attacker, f"nobody{n}@example.org", "wrong")) for n in range(21)]
    assert failures[19] == [WRONG_PASSWORD]
    assert failures[20] == [TOO_MANY_FAILED]
    assert form_errors(log_in(behind_proxy("192.0.2.7"), "nobody@example.org", "wrong")) == [WRONG_PASSWORD]


@BEHIND_PROXY
@pytest.mark.django_db
def test_behind_the_proxy_21_code_requests_from_one_address_do_not_block_another(focal_point):
    # A fresh session each time: allauth sends a session with a pending code to that code's page.
    answers = [
        request_code(behind_proxy("198.51.100.66"), f"nobody{n}@example.org").status_code for n in range(21)
    ]
    assert answers == [302] * 20 + [200]
    mail.outbox.clear()
    response = request_code(behind_proxy("192.0.2.7"), "focal@diet.example.org")
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["focal@diet.example.org"]]


@pytest.mark.django_db
@pytest.mark.parametrize("settings_override", [override_settings(), BEHIND_PROXY])
def test_a_forged_forwarded_header_does_not_escape_the_limit(settings_override):
    with settings_override:
        answers = [
            form_errors(
                log_in(
                    Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"),
                    f"nobody{n}@example.org",
                    "wrong",
                )
            )
            for n in range(21)
        ]
    assert answers == [[WRONG_PASSWORD]] * 20 + [[TOO_MANY_FAILED]]


@pytest.mark.django_db
def test_wrong_passwords_from_an_attacker_do_not_stop_the_secretariat_logging_in(staff_password):
    attacker = from_address("203.0.113.66")
    answers = [form_errors(log_in(attacker, "staff@ipu.example.org", f"guess {n}")) for n in range(8)]
    assert answers == [[WRONG_PASSWORD]] * 5 + [[TOO_MANY_FAILED]] * 3

    owner = from_address("198.51.100.7")
    response = log_in(owner, "staff@ipu.example.org", staff_password)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    response = owner.post("/en/accounts/2fa/authenticate/", {"code": current_totp()})
    assert response["Location"] == "/en/welcome/"
    assert owner.get("/en/admin/").status_code == 200


@pytest.mark.django_db
def test_code_requests_from_an_attacker_do_not_stop_the_delegate_asking_for_one(focal_point):
    answers = [request_code(from_address("203.0.113.66"), "focal@diet.example.org") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [302, 302, 302, 200]
    assert form_errors(answers[3]) == [TOO_MANY_FAILED]

    mail.outbox.clear()
    delegate = from_address("198.51.100.7")
    response = request_code(delegate, "focal@diet.example.org")
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)
    response = delegate.post(response["Location"], {"code": code})
    assert response["Location"] == "/en/welcome/"
    assert delegate.session["_auth_user_id"] == str(focal_point.pk)


@pytest.mark.django_db
def test_an_attack_from_many_addresses_delays_the_account_and_never_locks_it(staff_password, monkeypatch):
    clock = [time.time()]
    monkeypatch.setattr(ratelimits, "now", lambda: clock[0])

    def attempt(n: int, password: str) -> list[str]:
        return form_errors(log_in(from_address(f"192.0.2.{n}"), "staff@ipu.example.org", password))

    assert [attempt(n, "guess") for n in range(4)] == [[WRONG_PASSWORD]] * 4
    assert attempt(4, staff_password) == ["Too many attempts for this account. Try again in 5 seconds."]
    clock[0] += 5
    assert attempt(5, "guess") == [WRONG_PASSWORD]
    assert attempt(6, "guess") == ["Too many attempts for this account. Try again in 10 seconds."]
    clock[0] += 4
    assert attempt(6, staff_password) == ["Too many attempts for this account. Try again in 6 seconds."]
    clock[0] += 6

    owner = from_address("198.51.100.7")
    assert (
        log_in(owner, "staff@ipu.example.org", staff_password)["Location"] == "/en/accounts/2fa/authenticate/"
    )


@pytest.mark.django_db
def test_the_delay_is_told_in_the_users_language(staff_password, monkeypatch):
    monkeypatch.setattr(ratelimits, "now", lambda: 1_000_000.0)
    for n in range(4):
        log_in(from_address(f"192.0.2.{n}"), "staff@ipu.example.org", "guess")
    response = log_in(from_address("198.51.100.7"), "staff@ipu.example.org", staff_password, language="ar")
    assert form_errors(response) == ["محاولات كثيرة جدًا لهذا الحساب. حاول مرة أخرى بعد 5 ثوانٍ."]


@pytest.mark.django_db
def test_an_address_sending_too_many_password_resets_gets_a_page_in_its_language(staff_password):
    client = from_address("203.0.113.66")
    answers = [
        client.post("/fr/accounts/password/reset/", {"email": f"nobody{n}@example.org"}).status_code
        for n in range(6)
    ]
    assert answers == [302] * 5 + [429]
    response = client.post("/fr/accounts/password/reset/", {"email": "staff@ipu.example.org"})
    assert response.status_code == 429
    assert "<h1>Trop de requêtes</h1>" in response.content.decode()
