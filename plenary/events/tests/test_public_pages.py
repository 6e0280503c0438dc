import re

import lxml.html
import pytest

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


def html_tag(content: bytes) -> str:
    return re.search(r"<html[^>]*>", content.decode()).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_track_home_answers_in_every_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    direction = "rtl" if language == "ar" else "ltr"
    assert html_tag(response.content) == f'<html lang="{language}" dir="{direction}">'
    assert response.context["track"].slug == "igf2023-pt"


@pytest.mark.django_db
def test_the_arabic_home_shows_the_seed_theme_and_un_dates(client):
    content = client.get("/ar/igf2023-pt/").content.decode()
    assert "تشكيل الثقة الرقمية للإنترنت الذي نريده" in content
    assert "من 8 إلى 9 تشرين الأول/أكتوبر 2023" in content
    assert "مارتن تشونغونغ" in content


@pytest.mark.django_db
def test_the_english_home_shows_what_the_letter_announces(client):
    content = client.get("/en/igf2023-pt/").content.decode()
    for text in [
        "IGF 2023 Parliamentary Track",
        "Shaping Digital Trust for the Internet We Want",
        "8–9 October 2023",
        "Kyoto International Conference Center, Kyoto, Japan",
        "Hybrid (onsite and online)",
        "Ms. Celine Bal",
        "Celine.Bal@un.org",
        "Martin Chungong",
        "Under-Secretary-General for Economic and Social Affairs",
    ]:
        assert text in content, text


@pytest.mark.django_db
def test_a_missing_translation_falls_back_and_says_its_language(client, igf_track):
    igf_track.theme = {code: text for code, text in igf_track.theme.values.items() if code != "ru"}
    igf_track.save(update_fields=["theme"])
    content = client.get("/ru/igf2023-pt/").content.decode()
    assert (
        '<p class="hero__theme" lang="en"><q>Shaping Digital Trust for the Internet We Want</q></p>'
        in content
    )


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_page(client):
    response = client.get("/fr/igf2023-pt/")
    links = {link["code"]: link["url"] for link in response.context["language_links"]}
    assert links == {
        "ar": "/ar/igf2023-pt/",
        "zh-hans": "/zh-hans/igf2023-pt/",
        "en": "/en/igf2023-pt/",
        "fr": "/fr/igf2023-pt/",
        "ru": "/ru/igf2023-pt/",
        "es": "/es/igf2023-pt/",
    }


@pytest.mark.django_db
def test_an_unknown_track_is_404(client):
    assert client.get("/en/no-such-track/").status_code == 404


@pytest.mark.django_db
def test_pages_carry_a_csp_without_inline_script(client):
    response = client.get("/en/")
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
    page = response.content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert re.findall(r"<script[^>]*>", page) == [
        '<script src="/static/core/confirm.js" defer>',
        '<script src="/static/core/errors.js" defer>',
        '<script src="/static/core/tables.js" defer>',
    ]


def facts(content: str) -> dict[str, str]:
    page = lxml.html.fromstring(content)
    return {
        term.text_content(): term.getnext().text_content() for term in page.xpath("//dl[@class='facts']/dt")
    }


@pytest.mark.django_db
def test_the_place_and_the_forum_are_punctuated_in_the_pages_language(client):
    arabic = facts(client.get("/ar/igf2023-pt/").content.decode())
    chinese = facts(client.get("/zh-hans/igf2023-pt/").content.decode())
    assert (arabic["المكان"], arabic["المنتدى"]) == (
        "مركز كيوتو الدولي للمؤتمرات، كيوتو، اليابان",
        "منتدى الأمم المتحدة الـ18 لحوكمة الإنترنت، من 8 إلى 12 تشرين الأول/أكتوبر 2023"
        " – الإنترنت الذي نريده- تمكين جميع الناس",
    )
    assert (chinese["地点"], chinese["论坛"]) == (
        "京都国际会议中心、京都、日本",
        "第十八届互联网治理论坛（IGF 2023），2023年10月8日至12日 – 我们想要的互联网——赋能所有人",
    )


@pytest.mark.django_db
def test_the_time_zone_is_named_in_the_pages_language_with_its_iana_name(client):
    arabic = facts(client.get("/ar/igf2023-pt/").content.decode())
    english = facts(client.get("/en/igf2023-pt/").content.decode())
    assert (arabic["المنطقة الزمنية"], english["Time zone"]) == (
        "توقيت اليابان (Asia/Tokyo)",
        "Japan Time (Asia/Tokyo)",
    )
