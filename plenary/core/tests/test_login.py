import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament

TOO_MANY = b"Too many failed login attempts. Try again later."


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def focal_point(db):
    japan = Parliament.objects.get(country__iso3="JPN")
    return make_user("focal@diet.example.org", role=Role.FOCAL_POINT, parliament=japan)


@pytest.mark.django_db
def test_a_focal_point_logs_in_with_a_code_sent_by_email(client, focal_point):
    response = client.post(reverse("account_request_login_code"), {"email": "focal@diet.example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["focal@diet.example.org"]
    assert mail.outbox[0].subject == "plenary · Sign-In Code"
    assert mail.outbox[0].body.startswith("Hello,\n\n")
    assert mail.outbox[0].body.endswith("\n-- \nplenary · http://127.0.0.1:8000")
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/en/welcome/"
    assert client.get("/en/welcome/")["Location"] == "/en/igf2023-pt/delegations/"


@pytest.mark.django_db
def test_a_wrong_code_does_not_log_in(client, focal_point):
    response = client.post(reverse("account_request_login_code"), {"email": "focal@diet.example.org"})
    client.post(response["Location"], {"code": "ZZZZZZ"})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_log_in_with_password_then_totp(client):
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    staff = make_user(
        "staff@ipu.example.org", role=Role.SECRETARIAT, is_staff=True, password="correct horse battery"
    )
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    response = client.post(
        reverse("account_login"), {"login": "staff@ipu.example.org", "password": "correct horse battery"}
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    import time

    from allauth.mfa import app_settings

    code = format_hotp_value(
        hotp_value("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", int(time.time()) // app_settings.TOTP_PERIOD)
    )
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert response["Location"] == "/en/welcome/"
    assert client.get("/en/admin/").status_code == 200
    assert Authenticator.objects.filter(user=staff, type="totp").count() == 1


@pytest.mark.django_db
def test_failed_logins_are_throttled(client):
    make_user("staff@ipu.example.org", role=Role.SECRETARIAT, is_staff=True, password="correct horse battery")
    throttled = [
        TOO_MANY
        in client.post(
            reverse("account_login"), {"login": "staff@ipu.example.org", "password": f"wrong {n}"}
        ).content
        for n in range(6)
    ]
    assert throttled == [False, False, False, False, False, True]
    response = client.post(
        reverse("account_login"), {"login": "staff@ipu.example.org", "password": "correct horse battery"}
    )
    assert TOO_MANY in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_admin_login_page_is_allauths(client):
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.django_db
def test_nobody_can_sign_up(client):
    response = client.post(
        reverse("account_signup"), {"email": "x@example.org", "password1": "a" * 20, "password2": "a" * 20}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"Sign Up Closed" in response.content


@pytest.mark.django_db
def test_the_login_page_is_plenarys_in_the_visitors_language(client):
    content = client.get("/ar/accounts/login/").content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert '<a class="button" href="/ar/accounts/login/code/">أرسلوا إليّ رمز الدخول</a>' in content
    assert "/accounts/signup/" not in content


@pytest.mark.django_db
def test_the_second_factor_page_has_the_login_pages_buttons(client):
    from allauth.mfa.totp.internal.auth import TOTP

    staff = make_user(
        "styled@ipu.example.org", role=Role.SECRETARIAT, is_staff=True, password="correct horse battery"
    )
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.post(
        reverse("account_login"), {"login": "styled@ipu.example.org", "password": "correct horse battery"}
    )
    page = client.get("/en/accounts/2fa/authenticate/").content.decode()
    assert '<button type="submit" class="button">Sign In</button>' in page
    assert '<button type="submit" form="logout-from-stage" class="link-button">Cancel</button>' in page
    assert 'action="/en/accounts/2fa/authenticate/" class="account-form" id="second-factor-form">' in page
