"""Login codes when the mail server is away, and code requests for addresses without an account."""

import re
import socket

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from plenary.core import outbox
from plenary.core.models import OutboxMessage, Role
from plenary.core.testing import make_user, smtp_server
from plenary.directory.models import Parliament

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def focal_point(db):
    japan = Parliament.objects.get(country__iso3="JPN")
    return make_user("focal@diet.example.org", role=Role.FOCAL_POINT, parliament=japan)


def refusing_connections():
    """MAILERS pointing at a localhost port where nothing listens: every connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = {"host": "127.0.0.1", "port": port, "timeout": 10}
    return override_settings(
        MAILERS={"default": {"BACKEND": "plenary.core.mail.SMTPBackend", "OPTIONS": options}}
    )


def request_code(client, email, language="en"):
    with translation.override(language):
        url = reverse("account_request_login_code")
    return client.post(url, {"email": email}, follow=True)


def code_in(body: str) -> str:
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})\r?$", body, re.MULTILINE).group(1)


def test_a_login_code_the_mail_server_refuses_is_queued_said_so_and_delivered_once_it_is_back(
    client, focal_point
):
    with refusing_connections():
        response = request_code(client, "focal@diet.example.org", language="fr")

    assert response.status_code == 200
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Le serveur de messagerie tarde à répondre. Votre message à focal@diet.example.org est en file "
        "d’attente et suivra dans quelques minutes : inutile d’en redemander un."
    ]
    queued = OutboxMessage.objects.get()
    assert (queued.to, queued.language, queued.status) == (["focal@diet.example.org"], "fr", "queued")
    assert queued.reply_to == ['"Ms. Celine Bal" <Celine.Bal@un.org>']

    with smtp_server() as server, server.settings():
        assert outbox.deliver_due() == 1
    assert [received.rcpt_tos for received in server.received] == [("focal@diet.example.org",)]
    OutboxMessage.objects.get(pk=queued.pk, status="sent")
    code = code_in(server.received[0].message.get_body(("plain",)).get_content())
    response = client.post(response.redirect_chain[-1][0], {"code": code})
    assert response["Location"] == "/fr/welcome/"


def test_a_login_code_the_mail_server_takes_is_not_queued(client, focal_point):
    with smtp_server() as server, server.settings():
        response = request_code(client, "focal@diet.example.org")
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "A sign-in code has been sent to focal@diet.example.org."
    ]
    assert [received.rcpt_tos for received in server.received] == [("focal@diet.example.org",)]
    assert OutboxMessage.objects.count() == 0


def test_an_unknown_address_asking_for_a_code_gets_no_mail_and_the_same_answer(client, focal_point):
    unknown = request_code(client, "nobody@example.org")
    assert mail.outbox == []
    client.cookies.clear()
    known = request_code(client, "focal@diet.example.org")
    assert len(mail.outbox) == 1

    def answer(response):
        shown = [str(message) for message in get_messages(response.wsgi_request)]
        return response.status_code, response.redirect_chain, shown

    assert answer(unknown) == (
        200,
        [("/en/accounts/login/code/confirm/", 302)],
        ["A sign-in code has been sent to nobody@example.org."],
    )
    assert answer(known) == (
        200,
        [("/en/accounts/login/code/confirm/", 302)],
        ["A sign-in code has been sent to focal@diet.example.org."],
    )


def test_a_password_reset_the_mail_server_refuses_is_queued_and_said_so(client):
    make_user("staff@ipu.example.org", role=Role.SECRETARIAT, is_staff=True, password="correct horse battery")
    with refusing_connections():
        response = client.post(
            reverse("account_reset_password"), {"email": "staff@ipu.example.org"}, follow=True
        )

    assert response.status_code == 200
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "The mail server is slow to answer. Your e-mail to staff@ipu.example.org is queued and will "
        "follow in a few minutes: no need to ask again."
    ]
    page = response.content.decode()
    assert "We have sent you an email" not in page
    assert (
        "<p>If an account uses this address, an e-mail with a link to choose a new password is on its way to "
        "it. If it has not arrived in a few minutes, check your spam folder.</p>"
    ) in page
    queued = OutboxMessage.objects.get()
    assert (queued.to, queued.status) == (["staff@ipu.example.org"], "queued")
