"""Mail a person can read as written: on the console, in the raw message, in every language."""

import email
import email.policy
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from plenary.core import outbox
from plenary.core.models import OutboxMessage, Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament

pytestmark = pytest.mark.django_db

CONSOLE = override_settings(
    MAILERS={"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
)


def test_a_login_code_printed_on_the_console_shows_the_code_and_its_page_as_plain_text(client, capsys):
    make_user("focal@shura.example.org", role=Role.FOCAL_POINT, parliament=Parliament.objects.first())
    with translation.override("ar"):
        request_url = reverse("account_request_login_code")
        confirm_url = "http://127.0.0.1:8000" + reverse("account_confirm_login_code")
    with CONSOLE:
        client.post(request_url, {"email": "focal@shura.example.org"})

    printed = capsys.readouterr().out
    lines = printed.splitlines()
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", printed, re.MULTILINE).group(1)
    after_code = lines[lines.index(code) + 1 :]
    assert after_code[:3] == [
        "",
        "إذا أغلقت تلك النافذة، فافتح هذا العنوان في المتصفح نفسه:",
        confirm_url,
    ]
    assert "Content-Transfer-Encoding: 8bit" in lines
    assert 'Reply-To: "Ms. Celine Bal" <Celine.Bal@un.org>' in lines


def test_greetings_agree_with_the_gender_and_use_the_arabic_name_in_arabic():
    def greet(language, gender="", name_arabic=""):
        name = "Fatima Hassan"
        return outbox.greeting(name=name, language=language, gender=gender, name_arabic=name_arabic)

    assert [
        greet("ar", "female", "فاطمة حسن"),
        greet("ar", "male"),
        greet("ar", "undisclosed"),
        greet("fr", "female", "فاطمة حسن"),
        greet("es", "male"),
        greet("en", "female"),
    ] == [
        "عزيزتي فاطمة حسن،",
        "عزيزي Fatima Hassan،",
        "Fatima Hassan المحترم/المحترمة،",
        "Chère Fatima Hassan,",
        "Estimado Fatima Hassan:",
        "Dear Fatima Hassan,",
    ]
    assert outbox.greeting(name="", language="ar") == "مرحبًا،"


def queue(body: str) -> OutboxMessage:
    return outbox.queue_email(to="a@example.org", subject="س", body=body, language="ar")


def sent_bytes(message: OutboxMessage) -> bytes:
    return outbox.build_email(message).message(policy=email.policy.SMTP).as_bytes()


def test_text_goes_as_written_and_a_line_too_long_for_mail_as_quoted_printable():
    link = "http://127.0.0.1:8000/ar/igf2023-pt/register/" + "x" * 150 + "/"
    arabic = "تأكد تسجيلك في المسار البرلماني لمنتدى حوكمة الإنترنت 2023."
    readable = queue(f"{arabic}\n\n{link}\n")
    too_long = queue("ب" * 600 + "\n")

    raw = sent_bytes(readable)
    assert raw.endswith(f"\r\n\r\n{arabic}\r\n\r\n{link}\r\n".encode())
    assert email.message_from_bytes(raw, policy=email.policy.default)["Content-Transfer-Encoding"] == "8bit"
    parsed = email.message_from_bytes(sent_bytes(too_long), policy=email.policy.default)
    assert parsed["Content-Transfer-Encoding"] == "quoted-printable"
    assert parsed.get_content() == "ب" * 600 + "\r\n"
    assert max(len(line) for line in sent_bytes(too_long).splitlines()) <= 78
