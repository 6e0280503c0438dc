"""A version's page shows each paragraph's comment counts and latest comments; every comment is on
the paragraph's own comments page, a page at a time; both make the same queries at any size."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plenary.core.testing import make_user
from plenary.outcomes.models import Comment
from plenary.outcomes.tests.factories import large_document

COMMENT_TEXT = re.compile(r'<li class="comment comment--(\w+)">.*?<p lang="\w+" dir="\w+">(.*?)</p>', re.S)


def add_comments(row, author, count: int, *, stances=("support", "oppose", "neutral")) -> None:
    start = row.version.comments_open_at
    Comment.objects.bulk_create(
        Comment(
            paragraph_version=row,
            author=author,
            stance=stances[index % len(stances)],
            text=f"Comment {index + 1}",
            language="en",
            created_at=start + dt.timedelta(minutes=index),
        )
        for index in range(count)
    )


def shown_comments(html: str) -> list[tuple[str, str]]:
    return COMMENT_TEXT.findall(html)


def paragraph_block(html: str, number: int) -> str:
    start = html.index(f'id="p{number}"')
    end = html.find('<div class="paragraph" id="p', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_the_version_page_shows_counts_and_the_latest_three_comments_with_a_link_to_all(
    client, open_version, delegate
):
    first, second, _third = open_version.paragraphs.order_by("number")
    add_comments(first, delegate, 5)
    add_comments(second, delegate, 2)
    client.force_login(delegate)
    html = client.get(f"/en/{open_version.document.track.slug}/outcome/v1/").content.decode()
    one, two, three = (paragraph_block(html, number) for number in (1, 2, 3))
    all_url = f"/en/{open_version.document.track.slug}/outcome/v1/p{first.pk}/comments/"
    assert shown_comments(one) == [
        ("neutral", "Comment 3"),
        ("support", "Comment 4"),
        ("oppose", "Comment 5"),
    ]
    assert "Comments: 2 support, 2 oppose, 1 neutral" in one
    assert f'<a href="{all_url}">All the comments on paragraph 1 (5)</a>' in one
    assert shown_comments(two) == [("support", "Comment 1"), ("oppose", "Comment 2")]
    assert ("Comments: 1 support, 1 oppose, 0 neutral" in two, "All the comments" in two) == (True, False)
    assert (shown_comments(three), "Comments: 0 support, 0 oppose, 0 neutral" in three) == ([], True)
    assert '<details class="feedback">' in three


def test_the_comments_page_shows_every_comment_fifty_at_a_time_in_order(client, open_version, delegate):
    first = open_version.paragraphs.get(number=1)
    add_comments(first, delegate, 120)
    client.force_login(delegate)
    url = f"/en/{open_version.document.track.slug}/outcome/v1/p{first.pk}/comments/"
    pages = [client.get(url, {"page": number}).content.decode() for number in (1, 2, 3)]
    assert [[text for _stance, text in shown_comments(page)] for page in pages] == [
        [f"Comment {index}" for index in range(1, 51)],
        [f"Comment {index}" for index in range(51, 101)],
        [f"Comment {index}" for index in range(101, 121)],
    ]
    assert ('rel="prev"' in pages[0], 'rel="next"' in pages[0], "Page 1 of 3" in pages[0]) == (
        False,
        True,
        True,
    )
    assert ('href="?page=1"' in pages[1], 'href="?page=3"' in pages[1]) == (True, True)
    assert (
        'rel="next"' in pages[2],
        'Comments on paragraph 1 <span class="muted">(120)</span>' in pages[2],
    ) == (
        False,
        True,
    )
    assert f'href="/en/{open_version.document.track.slug}/outcome/v1/#p1">Back to version 1</a>' in pages[0]
    assert shown_comments(client.get(url, {"page": "x"}).content.decode()) == shown_comments(pages[0])


def test_the_comments_page_speaks_arabic_right_to_left(client, open_version, delegate):
    first = open_version.paragraphs.get(number=1)
    add_comments(first, delegate, 60)
    client.force_login(delegate)
    html = client.get(
        f"/ar/{open_version.document.track.slug}/outcome/v1/p{first.pk}/comments/"
    ).content.decode()
    assert (
        'dir="rtl"' in html,
        "التعليقات على الفقرة 1" in html,
        "الصفحة 1 من 2" in html,
        "التالي" in html,
    ) == (
        True,
        True,
        True,
        True,
    )
    version_page = client.get(f"/ar/{open_version.document.track.slug}/outcome/v1/").content.decode()
    assert "كل التعليقات على الفقرة 1 (60)" in version_page


def test_a_paragraph_without_comments_says_so(client, open_version, delegate):
    first = open_version.paragraphs.get(number=1)
    client.force_login(delegate)
    html = client.get(
        f"/fr/{open_version.document.track.slug}/outcome/v1/p{first.pk}/comments/"
    ).content.decode()
    assert (shown_comments(html), "Aucun commentaire pour l'instant." in html) == ([], True)


def test_the_comments_page_is_for_those_who_read_drafts_only(open_version, delegate):
    first = open_version.paragraphs.get(number=1)
    url = f"/en/{open_version.document.track.slug}/outcome/v1/p{first.pk}/comments/"
    anonymous = Client().get(url)
    outsider = Client()
    outsider.force_login(make_user("outsider@example.org"))
    assert (anonymous.status_code, anonymous.url.startswith("/en/accounts/login/")) == (302, True)
    assert outsider.get(url).status_code == 404


def test_a_paragraph_of_another_version_or_track_is_not_found(client, open_version, delegate):
    first = open_version.paragraphs.get(number=1)
    client.force_login(delegate)
    slug = open_version.document.track.slug
    assert client.get(f"/en/{slug}/outcome/v2/p{first.pk}/comments/").status_code == 404
    assert client.get(f"/en/{slug}/outcome/v1/p999999/comments/").status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_pages_make_the_same_queries_for_10_and_1000_comments(client, igf_track, secretariat, language):
    from plenary.outcomes.tests.test_queries import _remove

    counts = []
    client.force_login(secretariat)
    for comments in (10, 1000):
        document, version = large_document(
            track=igf_track, actor=secretariat, paragraphs=20, comments=comments
        )
        first = version.paragraphs.get(number=1)
        base = f"/{language}/{igf_track.slug}/outcome/v{version.number}/"
        counts.append((_queries(client, base), _queries(client, f"{base}p{first.pk}/comments/")))
        _remove(document)
    assert counts[0] == counts[1]


def test_the_merge_form_is_under_paragraphs_with_amendments_that_can_be_merged_only(
    client, open_version, delegate, secretariat
):
    from plenary.outcomes import services

    first, second, _third = open_version.paragraphs.order_by("number")
    replace = services.propose_amendment(
        actor=delegate, paragraph_version=first, kind="replace", text="Parliaments met.", language="en"
    )
    services.propose_amendment(
        actor=delegate, paragraph_version=second, kind="insert_after", text="A new one.", language="en"
    )
    client.force_login(secretariat)
    html = client.get(f"/en/{open_version.document.track.slug}/outcome/v1/").content.decode()
    blocks = [paragraph_block(html, number) for number in (1, 2, 3)]
    assert ["Merge amendments into one text" in block for block in blocks] == [True, False, False]
    assert (
        f'<input type="checkbox" name="amendments" value="{replace.pk}"> #{replace.pk}</label>' in blocks[0]
    )
    assert '<option value="en" selected>English</option>' in blocks[0]


DESCRIBED_BUTTON = re.compile(
    r'<button type="submit" class="button" aria-describedby="([\w-]+)">([^<]+)</button>'
)


@pytest.mark.parametrize("language, name", [("en", "Paragraph {}"), ("ar", "الفقرة {}")])
def test_each_paragraphs_buttons_name_their_paragraph_to_screen_readers(
    client, open_version, delegate, language, name
):
    client.force_login(delegate)
    html = client.get(f"/{language}/{open_version.document.track.slug}/outcome/v1/").content.decode()
    for number in (1, 2, 3):
        block = paragraph_block(html, number)
        described = {target for target, _label in DESCRIBED_BUTTON.findall(block)}
        assert (len(DESCRIBED_BUTTON.findall(block)), described) == (2, {f"p{number}-name"})
        hidden_name = re.search(rf'<span class="visually-hidden" id="p{number}-name">([^<]+)</span>', block)
        assert hidden_name.group(1) == name.format(number)
