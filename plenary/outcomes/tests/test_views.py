import datetime as dt
import re

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from plenary.core.languages import LANGUAGE_CODES, NATIVE_NAMES
from plenary.core.testing import make_user
from plenary.outcomes import services
from plenary.outcomes.models import Amendment, Comment


def _version_url(version, language="en"):
    return f"/{language}/{version.document.track.slug}/outcome/v{version.number}/"


def test_the_public_sees_only_the_adopted_version(client, document, open_version, secretariat):
    track = document.track.slug
    assert client.get(f"/en/{track}/outcome/").status_code == 404
    assert client.get(f"/{track}/outcome.pdf").status_code == 404
    assert client.get(f"/{track}/outcome.pdf?version=1").status_code == 404
    assert client.get(_version_url(open_version)).status_code == 302
    client.force_login(make_user("public@example.org"))
    assert client.get(_version_url(open_version)).status_code == 404
    services.close_comments(actor=secretariat, version=open_version)
    services.adopt_version(actor=secretariat, version=open_version)
    page = client.get(f"/en/{track}/outcome/")
    assert page.status_code == 200
    assert "The Internet must stay open." in page.content.decode()


def test_a_delegate_comments_and_amends_through_the_page(client, open_version, delegate):
    client.force_login(delegate)
    page = client.get(_version_url(open_version, "ar"))
    assert page.status_code == 200
    first = open_version.paragraphs.get(number=1)
    track = open_version.document.track.slug
    response = client.post(
        f"/ar/{track}/outcome/v1/p{first.pk}/comment/",
        {"stance": "support", "text": "نؤيد هذه الفقرة.", "language": "ar"},
    )
    assert response.status_code == 302
    client.post(
        f"/ar/{track}/outcome/v1/p{first.pk}/amend/",
        {"kind": "replace", "text": "البرلمانات اجتمعت في كيوتو.", "language": "ar"},
    )
    assert list(Comment.objects.values_list("stance", "text", "language")) == [
        ("support", "نؤيد هذه الفقرة.", "ar")
    ]
    assert list(Amendment.objects.values_list("kind", "text", "status")) == [
        ("replace", "البرلمانات اجتمعت في كيوتو.", "proposed")
    ]


def test_bad_input_gets_a_message_and_changes_nothing(client, open_version, delegate):
    client.force_login(delegate)
    first = open_version.paragraphs.get(number=1)
    track = open_version.document.track.slug
    response = client.post(
        f"/en/{track}/outcome/v1/p{first.pk}/amend/",
        {"kind": "replace", "text": "  ", "language": "en"},
        follow=True,
    )
    assert [str(message) for message in response.context["messages"]] == ["Enter a text."]
    response = client.post(
        f"/en/{track}/outcome/v1/p{first.pk}/comment/", {"stance": "maybe", "language": "en"}, follow=True
    )
    assert response.status_code == 200
    assert (Comment.objects.count(), Amendment.objects.count()) == (0, 0)


def test_a_delegate_cannot_decide_amendments_through_the_page(client, open_version, delegate):
    amendment = services.propose_amendment(
        actor=delegate,
        paragraph_version=open_version.paragraphs.first(),
        kind="delete",
        text="",
        language="en",
    )
    client.force_login(delegate)
    url = f"/en/{open_version.document.track.slug}/outcome/amendments/{amendment.pk}/decide/"
    assert client.post(url, {"decision": "accept"}).status_code == 404
    amendment.refresh_from_db()
    assert amendment.status == "proposed"


def test_the_secretariat_accepts_publishes_and_sees_the_diff(client, open_version, delegate, secretariat):
    amendment = services.propose_amendment(
        actor=delegate,
        paragraph_version=open_version.paragraphs.get(number=2),
        kind="replace",
        text="The Internet must stay open and free.",
        language="en",
    )
    client.force_login(secretariat)
    track = open_version.document.track.slug
    client.post(f"/en/{track}/outcome/amendments/{amendment.pk}/decide/", {"decision": "accept"})
    response = client.post(f"/en/{track}/outcome/drafts/publish/", {"note": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/en/{track}/outcome/v2/"
    diff = client.get(f"/en/{track}/outcome/diff/1/2/").content.decode()
    assert "The Internet must stay open<ins> and free</ins>." in diff
    assert "0 added, 0 removed, 0 moved, 1 changed." in diff


def test_comments_export_is_for_the_secretariat_only(client, open_version, delegate, secretariat):
    track = open_version.document.track.slug
    client.force_login(delegate)
    assert client.get(f"/{track}/outcome/v1/feedback.csv").status_code == 404
    client.force_login(secretariat)
    assert client.get(f"/{track}/outcome/v1/feedback.csv").status_code == 200


@pytest.mark.parametrize("query", ["lang=xx", "lang=en&lang=en", "lang=ar&lang=en&lang=fr"])
def test_a_bad_language_choice_is_explained(client, open_version, secretariat, query):
    services.close_comments(actor=secretariat, version=open_version)
    services.adopt_version(actor=secretariat, version=open_version)
    response = client.get(f"/{open_version.document.track.slug}/outcome.pdf?{query}")
    assert (response.status_code, response.content.decode()) == (
        400,
        "Give one or two different languages with ?lang=, from: ar, zh-hans, en, fr, ru, es.",
    )


def test_the_outcome_url_is_the_one_design_fixes(igf_track):
    assert reverse("outcomes:outcome", args=[igf_track.slug]) == "/en/igf2023-pt/outcome/"
    assert reverse("outcome_files:pdf", args=[igf_track.slug]) == "/igf2023-pt/outcome.pdf"
    assert reverse("outcome_files:docx", args=[igf_track.slug]) == "/igf2023-pt/outcome.docx"


def test_any_two_versions_can_be_compared(client, document, secretariat):
    for _number in range(3):
        services.publish_version(actor=secretariat, document=document)
    client.force_login(secretariat)
    track = document.track.slug
    response = client.get(f"/en/{track}/outcome/diff/?old=1&new=3")
    assert response["Location"] == f"/en/{track}/outcome/diff/1/3/"
    response = client.get(f"/en/{track}/outcome/diff/?old=2&new=2", follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        "Choose two different versions to compare."
    ]


def test_the_download_form_without_a_second_language_gives_one_language(client, open_version, secretariat):
    services.close_comments(actor=secretariat, version=open_version)
    services.adopt_version(actor=secretariat, version=open_version)
    track = open_version.document.track.slug
    response = client.get(f"/{track}/outcome.docx?lang=ar&lang=")
    assert (response.status_code, response["Content-Disposition"]) == (
        200,
        f'attachment; filename="{track}-outcome-v1-ar.docx"',
    )


def test_the_secretariat_edits_and_verifies_through_the_working_text_page(client, document, secretariat):
    paragraph = document.paragraphs.get(texts__text="Parliaments met in Kyoto.")
    client.force_login(secretariat)
    url = f"/en/{document.track.slug}/outcome/work/{paragraph.pk}/text/"
    client.post(url, {"language": "fr", "verify": "1", "text": ""})
    client.post(url, {"language": "en", "text": "Parliamentarians met in Kyoto."})
    page = client.get(f"/en/{document.track.slug}/outcome/work/").content.decode()
    assert page.count("Stale: the source changed") == 1
    assert list(paragraph.texts.order_by("language").values_list("language", "status", "stale")) == [
        ("en", "verified", False),
        ("fr", "verified", True),
    ]


def test_the_working_text_is_the_secretariats_alone(client, document, delegate):
    client.force_login(delegate)
    assert client.get(f"/en/{document.track.slug}/outcome/work/").status_code == 404


def test_a_rapporteur_records_and_submits_main_points_through_the_page(client, session_with_rapporteur):
    rapporteur = session_with_rapporteur.people.get(role="rapporteur").speaker.person.user
    url = f"/en/{session_with_rapporteur.track.slug}/outcome/main-points/roundtable-ai/"
    client.force_login(make_user("someone@example.org"))
    assert client.get(url).status_code == 404
    client.force_login(rapporteur)
    client.post(url, {"kind": "recommendation", "text": "Legislate for AI."})
    client.post(url, {"submit": "1"})
    assert list(session_with_rapporteur.main_points.values_list("kind", "text", "status")) == [
        ("recommendation", "Legislate for AI.", "submitted")
    ]


def test_the_next_version_page_lists_the_amendments_it_took(
    client, document, open_version, delegate, secretariat
):
    amendment = services.propose_amendment(
        actor=delegate,
        paragraph_version=open_version.paragraphs.get(number=3),
        kind="delete",
        text="",
        language="en",
    )
    services.accept_amendment(actor=secretariat, amendment=amendment)
    services.publish_version(actor=secretariat, document=document)
    client.force_login(delegate)
    response = client.get(f"/en/{document.track.slug}/outcome/v2/")
    assert [item.pk for item in response.context["taken"]] == [amendment.pk]
    assert "This version takes 1 amendment." in response.content.decode()
    assert "¶3 of version 1: Delete the paragraph (Accepted)" in response.content.decode()


def test_malformed_version_numbers_are_not_found(client, document, secretariat):
    services.publish_version(actor=secretariat, document=document)
    paragraph = document.paragraphs.first()
    client.force_login(secretariat)
    track = document.track.slug
    compared = client.get(f"/en/{track}/outcome/diff/", {"old": "²", "new": "1"}, follow=True)
    assert [str(message) for message in compared.context["messages"]] == [
        "Choose two different versions to compare."
    ]
    exported = [
        client.get(f"/{track}/outcome.pdf", {"version": value}).status_code
        for value in ("²", "abc", "99999999999999999999")
    ]
    assert exported == [404, 404, 404]
    cited = client.post(f"/en/{track}/outcome/work/{paragraph.pk}/sources/", {"sources": ["²"]}, follow=True)
    assert [str(message) for message in cited.context["messages"]] == [
        "A paragraph can only cite submitted main points of this track's sessions."
    ]


def test_each_sections_new_paragraph_form_has_its_own_prefix(client, document, secretariat):
    section = document.sections.first()
    client.force_login(secretariat)
    page = client.get(f"/en/{document.track.slug}/outcome/work/").content.decode()
    assert f'name="section-{section.pk}-text"' in page
    assert page.count('name="text"') == page.count('aria-label="Text — ')
    assert 'aria-label="Text — Arabic"' in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert sorted(id_ for id_ in set(ids) if ids.count(id_) > 1) == []
    response = client.post(
        f"/en/{document.track.slug}/outcome/work/sections/{section.pk}/add/",
        {f"section-{section.pk}-text": "Parliaments will meet again."},
    )
    assert response["Location"] == f"/en/{document.track.slug}/outcome/work/#s{section.pk}"
    assert section.paragraph_set.filter(texts__text="Parliaments will meet again.").count() == 1


@pytest.mark.parametrize(
    "language, label", [("en", "New paragraph — English"), ("ar", "فقرة جديدة — الإنجليزيّة")]
)
def test_the_new_paragraph_form_names_the_source_language_and_its_section(
    client, document, secretariat, language, label
):
    section = document.sections.first()
    client.force_login(secretariat)
    page = client.get(f"/{language}/{document.track.slug}/outcome/work/").content.decode()
    field = f"section-{section.pk}-text"
    with translation.override(language):
        add = translation.gettext("Add the paragraph")
    assert re.search(rf'<label for="id_{field}">([^<]+)</label>', page).group(1) == f"{label}:"
    assert re.search(rf'<textarea name="{field}"[^>]*>', page).group(0) == (
        f'<textarea name="{field}" cols="40" rows="3" maxlength="10000" lang="en" dir="ltr" required '
        f'id="id_{field}">'
    )
    title = re.search(rf'<h2 id="s{section.pk}-title">([^<]+)</h2>', page).group(1)
    described = re.findall(rf'<button [^>]*aria-describedby="s{section.pk}-title">([^<]+)</button>', page)
    assert (title, described) == ("Introduction", [add])


WORKING_TEXT_BUTTON = re.compile(r'<button type="submit"[^>]* aria-describedby="([^"]+)">([^<]+)</button>')


@pytest.mark.parametrize("language, name", [("en", "Paragraph 1"), ("ar", "الفقرة 1")])
def test_each_working_text_button_names_its_paragraph_and_language_to_screen_readers(
    client, document, secretariat, language, name
):
    first = document.paragraphs.get(texts__text="Parliaments met in Kyoto.")
    client.force_login(secretariat)
    page = client.get(f"/{language}/{document.track.slug}/outcome/work/").content.decode()
    start = page.index(f'<div class="paragraph" id="w{first.pk}">')
    block = page[start : page.index("</div>", start)]
    with translation.override(language):
        save, verify, save_sources = (
            translation.gettext(label) for label in ("Save", "Mark verified", "Save the sources")
        )
    expected = []
    for code in LANGUAGE_CODES:
        expected.append((f"w{first.pk}-name w{first.pk}-{code}", save))
        if code == "fr":
            expected.append((f"w{first.pk}-name w{first.pk}-fr", verify))
    assert WORKING_TEXT_BUTTON.findall(block) == [*expected, (f"w{first.pk}-name", save_sources)]
    assert (
        re.search(rf'<span class="visually-hidden" id="w{first.pk}-name">([^<]+)</span>', block).group(1)
        == name
    )
    languages = re.findall(rf'<span lang="([\w-]+)" id="w{first.pk}-([\w-]+)">([^<]+)</span>', block)
    assert languages == [(code, code, NATIVE_NAMES[code]) for code in LANGUAGE_CODES]


def test_each_paragraphs_comment_and_amendment_forms_have_ids_of_their_own(client, open_version, delegate):
    client.force_login(delegate)
    page = client.get(_version_url(open_version)).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert sorted(id_ for id_ in set(ids) if ids.count(id_) > 1) == []
    assert 'id="p1-comment-text"' in page
    assert 'aria-describedby="p1-amendment-text_helptext"' in page
    assert 'id="p1-amendment-text_helptext"' in page


def test_the_comment_period_is_written_as_the_pages_dates(client, document, secretariat):
    version = services.publish_version(
        actor=secretariat,
        document=document,
        comments_open_at=dt.datetime(2023, 10, 9, 17, 30, tzinfo=dt.UTC),
        comments_close_at=dt.datetime(2023, 10, 20, 12, 0, tzinfo=dt.UTC),
    )
    client.force_login(secretariat)
    page = lxml.html.fromstring(
        client.get(f"/ar/{version.document.track.slug}/outcome/drafts/").content.decode()
    )
    assert [cell.text_content() for cell in page.xpath("//tbody/tr/td[3]")] == [
        "9 تشرين الأول/أكتوبر 2023 17:30 – 20 تشرين الأول/أكتوبر 2023 12:00 UTC"
    ]
