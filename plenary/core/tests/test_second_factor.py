"""Whoever may act as secretariat has used an authenticator app in this session, on every page."""

import re
import time
from urllib.parse import quote

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from plenary.core.middleware import SECOND_FACTOR_PAGES
from plenary.core.models import Role
from plenary.core.permissions import secretariat_required
from plenary.core.testing import make_user

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ACTIVATE = "/en/accounts/2fa/totp/activate/"
REAUTHENTICATE = "/en/accounts/2fa/reauthenticate/"

# A value for each URL parameter, so that every named URL of the project can be built.
PARAMETERS = {"track": "igf2023-pt", "app_label": "registration", "uidb36": "1", "key": "abc", "url": "x"}
CONVERTER_VALUES = {"int": "1", "slug": "some-slug", "str": "some-token", "path": "1"}


def _named_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _arguments(pattern: URLPattern) -> dict:
    if isinstance(pattern.pattern, RoutePattern):
        converters = re.findall(r"<(?:(\w+):)?(\w+)>", str(pattern.pattern))
        return {name: PARAMETERS.get(name, CONVERTER_VALUES[kind or "str"]) for kind, name in converters}
    return {name: PARAMETERS[name] for name in pattern.pattern.regex.groupindex}


def every_url() -> list[tuple[str, str]]:
    """(name, path) for every named URL of the project, admin's and allauth's included."""
    urls = {}
    for name, pattern in _named_patterns(get_resolver().url_patterns):
        urls.setdefault(name, reverse(name, kwargs=_arguments(pattern)))
    return sorted(urls.items())


def _second_factor_redirect(page: str, path: str) -> tuple[int, str]:
    return 302, f"{page}?next={quote(path, safe='/')}"


def _walk(client) -> dict[str, tuple[int, str]]:
    answers = {}
    for name, path in every_url():
        if name in SECOND_FACTOR_PAGES:
            continue
        response = client.get(path)
        answers[name] = (response.status_code, response.get("Location", ""))
    return answers


def _expected(page: str) -> dict[str, tuple[int, str]]:
    return {
        name: _second_factor_redirect(page, path)
        for name, path in every_url()
        if name not in SECOND_FACTOR_PAGES
    }


@pytest.mark.django_db
def test_the_walk_covers_every_app():
    names = {name for name, _ in every_url()}
    namespaces = {name.split(":")[0] for name in names if ":" in name}
    assert namespaces == {
        "admin",
        "api",
        "api_tokens",
        "core",
        "credentials",
        "directory",
        "documents",
        "events",
        "floor",
        "funding",
        "invitations",
        "outcome_files",
        "outcomes",
        "overview",
        "privacy",
        "programme",
        "programme_feeds",
        "queries",
        "registration",
        "webhooks",
    }


@pytest.mark.django_db
def test_staff_with_a_password_only_open_no_page_but_setting_up_the_app(igf_track):
    staff = make_user("staff@ipu.example.org", Role.SECRETARIAT, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    assert _walk(client) == _expected(ACTIVATE)


@pytest.mark.django_db
def test_secretariat_with_an_app_are_asked_for_its_code_on_every_page(igf_track):
    staff = make_user("staff@ipu.example.org", Role.SECRETARIAT, is_staff=True)
    TOTP.activate(staff, TOTP_SECRET)
    client = Client()
    client.force_login(staff)
    assert _walk(client) == _expected(REAUTHENTICATE)


@pytest.mark.django_db
def test_a_secretariat_role_given_to_a_code_login_is_not_enough(igf_track):
    make_user("colleague@ipu.example.org", Role.SECRETARIAT)
    client = Client()
    response = client.post(reverse("account_request_login_code"), {"email": "colleague@ipu.example.org"})
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.MULTILINE).group(1)
    client.post(response["Location"], {"code": code})
    assert client.session["_auth_user_id"]
    assert _walk(client) == _expected(ACTIVATE)


@pytest.mark.django_db
def test_a_reviewer_also_gives_the_second_factor(igf_track):
    client = Client()
    client.force_login(make_user("reviewer@ipu.example.org", Role.REVIEWER))
    path = reverse("funding:review_list", kwargs={"call": 1})
    response = client.get(path)
    assert (response.status_code, response["Location"]) == _second_factor_redirect(ACTIVATE, path)


@pytest.mark.django_db
def test_a_focal_point_is_not_asked_for_a_second_factor(igf_track):
    from plenary.directory.models import Parliament

    japan = Parliament.objects.get(country__iso3="JPN")
    client = Client()
    client.force_login(make_user("focal@diet.example.org", Role.FOCAL_POINT, parliament=japan))
    response = client.get(reverse("registration:my_delegations", kwargs={"track": "igf2023-pt"}))
    assert (response.status_code, response["Location"]) == (302, f"/en/igf2023-pt/delegations/{japan.pk}/")
    assert client.get(response["Location"]).status_code == 200


def _code() -> str:
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // mfa_settings.TOTP_PERIOD))


@pytest.mark.django_db
def test_the_code_opens_the_page_asked_for(igf_track):
    staff = make_user("staff@ipu.example.org", Role.SECRETARIAT, is_staff=True)
    TOTP.activate(staff, TOTP_SECRET)
    client = Client()
    client.force_login(staff)
    page = reverse("registration:secretariat_list", kwargs={"track": "igf2023-pt"})
    asked = client.get(page)["Location"]
    response = client.post(asked, {"code": _code()})
    assert (response.status_code, response["Location"]) == (302, page)
    assert client.get(page).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_setting_up_the_app_is_the_sessions_second_factor():
    """allauth says the app was added once the transaction commits: at once, outside a test's."""
    password = "correct horse battery"
    make_user("staff@ipu.example.org", Role.SECRETARIAT, is_staff=True, password=password)
    client = Client()
    client.post(reverse("account_login"), {"login": "staff@ipu.example.org", "password": password})
    assert client.get("/en/admin/")["Location"] == f"{ACTIVATE}?next=/en/admin/"
    client.post(reverse("account_reauthenticate"), {"password": password})
    assert client.get(ACTIVATE).status_code == 200
    session = client.session
    session[SECRET_SESSION_KEY] = TOTP_SECRET
    session.save()
    client.post(ACTIVATE, {"code": _code()})
    assert client.get("/en/admin/").status_code == 200


def _page(request):
    return HttpResponse("secretariat data")


def _request(user, *, second_factor: bool):
    request = RequestFactory().get("/en/somewhere/")
    request.user = user
    request.session = SessionStore()
    if second_factor:
        from allauth.account.internal.flows.login import record_authentication

        record_authentication(request, user, "mfa", type="totp")
    return request


@pytest.mark.django_db
def test_the_decorator_demands_the_second_factor_without_the_middleware():
    view = secretariat_required(_page)
    secretariat = make_user("secretariat@ipu.example.org", Role.SECRETARIAT)
    response = view(_request(secretariat, second_factor=False))
    assert (response.status_code, response["Location"]) == _second_factor_redirect(ACTIVATE, "/en/somewhere/")
    assert view(_request(secretariat, second_factor=True)).content == b"secretariat data"
    anonymous = view(_request(AnonymousUser(), second_factor=False))
    assert (anonymous.status_code, anonymous["Location"]) == (302, "/en/accounts/login/?next=/en/somewhere/")


@pytest.mark.django_db
def test_the_page_says_why_it_asks_for_the_code_in_the_users_language(igf_track):
    staff = make_user("staff@ipu.example.org", Role.SECRETARIAT, is_staff=True)
    TOTP.activate(staff, TOTP_SECRET)
    client = Client()
    client.force_login(staff)
    response = client.get("/ar/igf2023-pt/secretariat/registrations/", follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        "يُفتح عملك للأمانة بالرمز الذي يعرضه تطبيق المصادقة لديك."
    ]
