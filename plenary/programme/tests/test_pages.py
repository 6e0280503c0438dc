import re

import lxml.html
import pytest
from django.core.cache import cache

from plenary.programme import services
from plenary.programme.models import Session

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
ROUNDTABLE = {
    "en": "The Role of Parliamentarians in Shaping a Trusted Internet Empowering All People",
    "ar": "دور البرلمانيين في تشكيل إنترنت موثوق يمكّن جميع الناس",
    "zh-hans": "议员在塑造赋能所有人的可信互联网中的作用",
}


def session_slugs(content: bytes) -> list[str]:
    return re.findall(r'<li class="session session--\w+" id="session-([\w-]+)">', content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_programme_answers_in_every_language(client, programme_track, language):
    response = client.get(f"/{language}/igf2023-pt/programme/")
    assert response.status_code == 200
    direction = "rtl" if language == "ar" else "ltr"
    assert re.search(r"<html[^>]*>", response.content.decode()).group(0) == (
        f'<html lang="{language}" dir="{direction}">'
    )
    assert len(session_slugs(response.content)) == 9


@pytest.mark.django_db
def test_the_arabic_programme_has_the_arabic_title_un_dates_and_western_digits(client, programme_track):
    content = client.get("/ar/igf2023-pt/programme/").content.decode()
    assert ROUNDTABLE["ar"] in content
    assert "9 تشرين الأول/أكتوبر 2023" in content
    assert '<time class="venue-time" dir="ltr" datetime="2023-10-09T06:15:00Z">15:15–16:45</time>' in content
    assert re.search("[\u0660-\u0669]", content) is None


@pytest.mark.django_db
def test_the_chinese_programme_shows_the_chinese_title(client, programme_track):
    content = client.get("/zh-hans/igf2023-pt/programme/").content.decode()
    assert ROUNDTABLE["zh-hans"] in content
    assert "2023年10月9日" in content


@pytest.mark.django_db
def test_sessions_are_grouped_by_venue_day_in_time_order(client, programme_track):
    content = client.get("/en/igf2023-pt/programme/").content
    assert session_slugs(content) == [
        "regional-europe",
        "intersessional-webinar",
        "regional-asia-pacific",
        "regional-africa",
        "opening",
        "demo-panel-digital-trust",
        "demo-workshop-model-law",
        "roundtable",
        "closing",
    ]
    headings = re.findall(r"<h2>([^<]+)</h2>", content.decode())
    assert headings == [
        "20 June 2023",
        "6 July 2023",
        "29 August 2023",
        "19 September 2023",
        "8 October 2023",
        "9 October 2023",
    ]


@pytest.mark.django_db
def test_the_kind_filter_shows_only_that_kind(client, programme_track):
    content = client.get("/en/igf2023-pt/programme/?kind=regional").content
    assert session_slugs(content) == ["regional-europe", "regional-asia-pacific", "regional-africa"]
    assert session_slugs(client.get("/en/igf2023-pt/programme/?kind=nonsense").content)[:1] == [
        "regional-europe"
    ]


@pytest.mark.django_db
def test_a_regional_session_shows_its_own_zone(client, programme_track):
    content = client.get("/en/igf2023-pt/programme/?kind=regional").content.decode()
    assert (
        '<time class="venue-time" dir="ltr" datetime="2023-09-19T10:00:00Z">11:00–12:30</time> '
        '<span class="muted"><bdi>Nigeria Time</bdi></span>'
    ) in content


@pytest.mark.django_db
def test_the_session_page_lists_people_by_role(client, programme_track):
    content = client.get("/en/igf2023-pt/programme/sessions/roundtable/").content.decode()
    assert ROUNDTABLE["en"] in content
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content))
    assert "Time 15:15–16:45 Japan Time (UTC+09:00)" in text
    assert "Moderators Hon. Demo President BRA , Parliament of Brazil" in text
    assert "Rapporteurs Hon. Sample Speaker KEN , Parliament of Kenya" in text


@pytest.mark.django_db
def test_the_speaker_page_lists_their_sessions(client, programme_track):
    session = Session.objects.get(track=programme_track, slug="roundtable")
    rapporteur = session.people.get(role="rapporteur").speaker
    content = client.get(f"/fr/igf2023-pt/programme/speakers/{rapporteur.pk}/").content.decode()
    assert "Hon. Sample Speaker KEN" in content
    assert "Parlement du Kenya" in content
    assert "Intervenant fictif créé pour la démonstration." in content
    assert len(re.findall(r'sessions/([\w-]+)/"', content)) == 9
    assert re.findall(r'sessions/([\w-]+)/"', content)[-2:] == ["roundtable", "closing"]


@pytest.mark.django_db
def test_drafts_are_invisible_until_published(client, programme_track):
    roundtable = Session.objects.get(track=programme_track, slug="roundtable")
    roundtable.title = {"en": "A draft title nobody may see yet"}
    roundtable.save()
    services.create_session(
        track=programme_track,
        slug="draft-session",
        title={"en": "Draft session"},
        kind="panel",
        start="2023-10-09 18:00",
        end="2023-10-09 19:00",
    )
    content = client.get("/en/igf2023-pt/programme/").content.decode()
    assert "nobody may see" not in content
    assert "Draft session" not in content
    assert ROUNDTABLE["en"] in content
    assert client.get("/en/igf2023-pt/programme/sessions/draft-session/").status_code == 404
    assert b"Draft session" not in client.get("/igf2023-pt/programme.json").content


@pytest.mark.django_db
def test_the_public_page_is_cached_per_language_and_dropped_on_publish(
    client, programme_track, django_assert_num_queries, django_capture_on_commit_callbacks
):
    first = client.get("/en/igf2023-pt/programme/").content
    with django_assert_num_queries(0):
        assert client.get("/en/igf2023-pt/programme/").content == first
    assert ROUNDTABLE["ar"] in client.get("/ar/igf2023-pt/programme/").content.decode()
    services.create_session(
        track=programme_track,
        slug="late-addition",
        title={"en": "A late addition"},
        kind="workshop",
        start="2023-10-09 18:00",
        end="2023-10-09 19:00",
    )
    assert b"A late addition" not in client.get("/en/igf2023-pt/programme/").content
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_release(track=programme_track, name="v2 – late addition")
    assert b"A late addition" in client.get("/en/igf2023-pt/programme/").content
    assert cache.get("programme:page:igf2023-pt:ar:all") is None


@pytest.mark.django_db
def test_publishing_renders_the_content_of_every_language_for_the_first_visitors_after_it(
    client, programme_track, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from plenary.programme import pagecache, tasks

    with django_capture_on_commit_callbacks(execute=True):
        release = services.publish_release(track=programme_track, name="v2")
    assert list(
        DBTaskResult.objects.filter(task_path=tasks.render_release_contents.module_path).values_list(
            "args_kwargs", flat=True
        )
    ) == [{"args": [release.pk], "kwargs": {}}]
    pages = ["/en/igf2023-pt/programme/", "/ar/igf2023-pt/programme/?kind=panel"]
    rendered_in_the_request = [client.get(url).content for url in pages]
    cache.clear()

    assert tasks.render_release_contents.call(release.pk) == 6 * len(pagecache.KINDS)
    for url, rendered in zip(pages, rendered_in_the_request, strict=True):
        # The page is not cached yet, its content is: the release and its track, no render.
        with django_assert_num_queries(1):
            assert client.get(url).content == rendered
    assert b"Version: v2" in rendered_in_the_request[0]
    assert session_slugs(rendered_in_the_request[1]) == ["demo-panel-digital-trust"]


@pytest.mark.django_db
def test_a_missing_track_or_session_is_404(client, programme_track):
    assert client.get("/en/no-such-track/programme/").status_code == 404
    assert client.get("/en/igf2023-pt/programme/sessions/no-such-session/").status_code == 404
    assert client.get("/en/igf2023-pt/programme/speakers/999999/").status_code == 404


def test_a_per_process_cache_keeps_pages_one_minute_a_shared_one_a_day(settings):
    from plenary.programme import pagecache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert pagecache.timeout() == 60
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379",
        }
    }
    assert pagecache.timeout() == 24 * 60 * 60


@pytest.mark.django_db
def test_arabic_pages_use_the_directory_name_in_arabic_script(client, igf_track):
    from plenary.directory.models import Person
    from plenary.programme import demo

    Person.objects.filter(email="president-ipu-group.jpn@example.org").update(name_arabic="العضوة التجريبية")
    demo.load()
    services.publish_release(track=igf_track, name="v2 – names")
    arabic = client.get("/ar/igf2023-pt/programme/sessions/roundtable/").content.decode()
    english = client.get("/en/igf2023-pt/programme/sessions/roundtable/").content.decode()
    assert ("العضوة التجريبية" in arabic, "Hon. Demo President JPN" in arabic) == (True, False)
    assert ("العضوة التجريبية" in english, "Hon. Demo President JPN" in english) == (False, True)


def switcher_links(content: bytes) -> list[str]:
    return re.findall(r'<a href="([^"]*)" lang="[^"]*" hreflang', content.decode())


def with_waiting_message(client, text: str) -> None:
    """A message for this visitor alone, waiting in their cookie as the page before left it."""
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse
    from django.test import RequestFactory

    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value


@pytest.mark.django_db
def test_a_message_waiting_for_one_visitor_is_shown_to_them_and_kept_from_the_others(client, programme_track):
    from django.test import Client

    cache.clear()
    personal = "Amal Haddad, your registration is confirmed."
    with_waiting_message(client, personal)
    assert client.get("/en/igf2023-pt/programme/").content.decode().count(personal) == 1
    for visitor in (Client(), client):
        assert visitor.get("/en/igf2023-pt/programme/").content.decode().count(personal) == 0


@pytest.mark.django_db
def test_the_page_kept_for_everyone_links_to_its_own_address_whatever_the_first_visitor_added(
    client, programme_track
):
    cache.clear()
    odd = client.get("/en/igf2023-pt/programme/?kind=panel&from=newsletter").content
    assert switcher_links(odd) == [
        f"/{code}/igf2023-pt/programme/?kind=panel&amp;from=newsletter" for code in LANGUAGES
    ]
    for _visit in range(2):
        page = client.get("/en/igf2023-pt/programme/?kind=panel").content
        assert switcher_links(page) == [f"/{code}/igf2023-pt/programme/?kind=panel" for code in LANGUAGES]
        assert session_slugs(page) == session_slugs(odd) == ["demo-panel-digital-trust"]


def page_title(content: bytes) -> str:
    return re.search(r"<title>(.*)</title>", content.decode()).group(1)


@pytest.mark.django_db
def test_after_a_release_the_kept_frame_and_content_make_the_same_page_without_rendering(
    client, programme_track, django_assert_num_queries
):
    from plenary.programme import pagecache

    cache.clear()
    pages = ["/en/igf2023-pt/programme/", "/ar/igf2023-pt/programme/?kind=panel"]
    first = [client.get(url).content for url in pages]
    pagecache.invalidate("igf2023-pt")
    for url, rendered in zip(pages, first, strict=True):
        with django_assert_num_queries(1):
            response = client.get(url)
        assert response.templates == []
        assert response.content == rendered
        # A kept page or frame must carry no CSP nonce: the next response's header has another.
        assert re.findall(r"\bnonce=", rendered.decode()) == []
    assert page_title(first[0]) == "Programme – IGF 2023 Parliamentary Track"


@pytest.mark.django_db
def test_a_renamed_track_is_framed_with_its_new_name(client, programme_track):
    from plenary.programme import pagecache

    cache.clear()
    assert page_title(client.get("/en/igf2023-pt/programme/").content) == (
        "Programme – IGF 2023 Parliamentary Track"
    )
    programme_track.name = {"en": "Parliamentary Track at IGF 2023"}
    programme_track.save(update_fields=["name"])
    pagecache.invalidate("igf2023-pt")
    assert page_title(client.get("/en/igf2023-pt/programme/").content) == (
        "Programme – Parliamentary Track at IGF 2023"
    )


@pytest.mark.django_db
def test_a_sessions_people_are_a_list_in_the_pages_language(client, programme_track):
    def people(language):
        content = client.get(f"/{language}/igf2023-pt/programme/").content.decode()
        people = "//li[@id='session-roundtable']//p[@class='session__people']"
        (line,) = lxml.html.fromstring(content).xpath(people)
        return line.text_content()

    assert people("ar") == (
        "Hon. Demo President BRA (مدير الجلسة) وHon. Demo President JPN (متحدث)"
        " وHon. Demo President KEN (متحدث) وDr. Alex Example (متحدث) وHon. Sample Speaker KEN (مقرر)"
    )
    assert people("zh-hans") == (
        "Hon. Demo President BRA (主持人)、Hon. Demo President JPN (发言人)、"
        "Hon. Demo President KEN (发言人)、Dr. Alex Example (发言人)和Hon. Sample Speaker KEN (报告员)"
    )
    assert people("en") == (
        "Hon. Demo President BRA (Moderator), Hon. Demo President JPN (Speaker),"
        " Hon. Demo President KEN (Speaker), Dr. Alex Example (Speaker)"
        " and Hon. Sample Speaker KEN (Rapporteur)"
    )


@pytest.mark.django_db
def test_the_time_zone_menu_reads_the_names_in_the_pages_language(client):
    response = client.get("/ar/programme/time-zones.json")
    names = response.json()
    assert (response["Cache-Control"], names["Asia/Tokyo"], names["Europe/Helsinki"], "UTC" in names) == (
        "public, max-age=86400",
        "توقيت اليابان",
        "توقيت فنلندا",
        False,
    )
    assert client.get("/zh-hans/programme/time-zones.json").json()["Asia/Tokyo"] == "日本时间"


@pytest.mark.django_db
def test_a_persons_name_title_and_organisation_take_the_pages_comma(client, programme_track):
    session = Session.objects.get(track=programme_track, slug="roundtable")
    rapporteur = session.people.get(role="rapporteur").speaker
    content = client.get("/ar/igf2023-pt/programme/sessions/roundtable/").content.decode()
    people = [item.text_content() for item in lxml.html.fromstring(content).xpath("//main//ul/li")]
    assert people == [
        "Hon. Demo President BRA، برلمان البرازيل",
        "Hon. Demo President JPN، برلمان اليابان",
        "Hon. Demo President KEN، برلمان كينيا",
        "Dr. Alex Example، مدير، معهد مثال للسياسات الرقمية (وهمي)",
        "Hon. Sample Speaker KEN، برلمان كينيا",
    ]
    content = client.get(f"/zh-hans/igf2023-pt/programme/speakers/{rapporteur.pk}/").content.decode()
    (first,) = lxml.html.fromstring(content).xpath("//main//ul/li[1]")
    when, _title = first.text_content().split("\n")
    assert when == "2023年6月20日，14:00–15:30 芬兰时间"
