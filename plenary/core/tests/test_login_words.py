"""The login pages speak plenary's words, not Django admin's or allauth's: "Log in" and one word for
the e-mailed code in each language (Arabic: رمز)."""

import re

import lxml.html
import pytest
from django.core import mail
from django.core.cache import cache

from plenary.core.testing import make_user


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def texts(response, xpath: str) -> list[str]:
    page = lxml.html.fromstring(response.content.decode())
    return [" ".join(element.text_content().split()) for element in page.xpath(xpath)]


def code_in(message) -> str:
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)


@pytest.mark.django_db
def test_the_arabic_login_page_says_log_in_in_plenarys_words(client):
    response = client.get("/ar/accounts/login/")
    assert texts(response, "//nav[@class='account-links']/a") == ["تسجيل الدخول"]
    assert texts(response, "//main//h1") == ["تسجيل الدخول"]
    assert texts(response, "//main//form[@class='account-form']//button") == ["تسجيل الدخول"]


@pytest.mark.django_db
def test_the_arabic_code_pages_and_mail_call_the_code_ramz(client):
    make_user("focal@diet.example.org")
    request_page = client.get("/ar/accounts/login/code/")
    assert texts(request_page, "//main//h1") == ["أرسلوا إليّ رمز الدخول"]
    assert texts(request_page, "//main//form//button") == ["اطلب الرمز"]
    response = client.post("/ar/accounts/login/code/", {"email": "focal@diet.example.org"})
    confirm_page = client.get(response["Location"])
    sent = "أُرسل رمز الدخول إلى focal@diet.example.org."
    assert texts(confirm_page, "//main//ul[@class='messages']/li") == [sent]
    assert texts(confirm_page, "//main//h1") == ["أدخل رمز الدخول"]
    assert texts(confirm_page, "//main//label[@for='id_code']") == ["الرمز:"]
    assert texts(confirm_page, "//main//button") == ["تأكيد", "إلغاء"]
    assert mail.outbox[0].subject == "plenary · رمز الدخول"
    body = mail.outbox[0].body.splitlines()
    assert body[2] == "رمز الدخول الخاص بك أدناه. أدخله في نافذة المتصفح المفتوحة."

    client.post(response["Location"], {"code": code_in(mail.outbox[0])})
    reauthenticate = client.get("/ar/accounts/reauthenticate/code/")
    assert texts(reauthenticate, "//main//label") == ["أرسل الرمز إلى"]
    assert texts(reauthenticate, "//main//form//button") == ["اطلب الرمز"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "code_word", "button"),
    [
        ("zh-hans", "验证码:", "获取验证码"),
        ("fr", "Code :", "Recevoir le code"),
        ("ru", "Код:", "Получить код"),
        ("es", "Código:", "Obtener el código"),
        ("en", "Code:", "Request Code"),
    ],
)
def test_every_language_has_one_word_for_the_code(client, language, code_word, button):
    make_user("focal@diet.example.org")
    assert texts(client.get(f"/{language}/accounts/login/code/"), "//main//form//button") == [button]
    response = client.post(f"/{language}/accounts/login/code/", {"email": "focal@diet.example.org"})
    assert texts(client.get(response["Location"]), "//main//label[@for='id_code']") == [code_word]
