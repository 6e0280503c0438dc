"""A draft superseded by a newer version stops taking comments; the secretariat closes a period after
confirming it."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from plenary.outcomes import services
from plenary.outcomes.models import Amendment, Comment, Version


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def superseded(open_version, secretariat):
    """Version 1's period still runs when version 2 (with a period of its own) is published."""
    now = timezone.now()
    services.publish_version(
        actor=secretariat,
        document=open_version.document,
        comments_open_at=now - dt.timedelta(hours=1),
        comments_close_at=now + dt.timedelta(days=2),
    )
    return open_version


def test_publishing_a_new_version_ends_the_running_period_of_the_earlier_one(superseded):
    before = superseded.comments_close_at
    superseded.refresh_from_db()
    assert superseded.comments_close_at < before
    assert superseded.comments_close_at == Version.objects.get(number=2).published_at
    assert services.takes_comments(superseded, timezone.now()) is False
    assert services.takes_comments(Version.objects.get(number=2), timezone.now()) is True


def test_a_scheduled_period_of_a_superseded_version_is_withdrawn(document, secretariat):
    now = timezone.now()
    first = services.publish_version(
        actor=secretariat,
        document=document,
        comments_open_at=now + dt.timedelta(days=1),
        comments_close_at=now + dt.timedelta(days=3),
    )
    services.publish_version(actor=secretariat, document=document)
    first.refresh_from_db()
    assert (first.comments_open_at, first.comments_close_at) == (None, None)


def test_a_superseded_version_takes_no_comment_or_amendment(superseded, delegate):
    first = superseded.paragraphs.get(number=1)
    with translation.override("en"):
        with pytest.raises(ValidationError) as comment:
            services.add_comment(
                actor=delegate, paragraph_version=first, stance="support", text="", language="en"
            )
        with pytest.raises(ValidationError) as amendment:
            services.propose_amendment(
                actor=delegate, paragraph_version=first, kind="delete", text="", language="en"
            )
    refusal = "Version 1 has been superseded by version 2, which takes the comments now."
    assert (comment.value.messages, amendment.value.messages) == ([refusal], [refusal])
    assert (Comment.objects.count(), Amendment.objects.count()) == (0, 0)


def test_a_superseded_version_cannot_be_given_a_new_period(superseded, secretariat, delegate):
    now = timezone.now()
    with translation.override("fr"), pytest.raises(ValidationError) as refusal:
        services.set_comment_period(
            actor=secretariat, version=superseded, opens_at=now, closes_at=now + dt.timedelta(days=1)
        )
    assert refusal.value.messages == [
        "La version 1 a été remplacée par la version 2, qui reçoit désormais les commentaires."
    ]


def test_a_superseded_version_whose_period_still_runs_in_the_data_takes_no_comment(open_version, delegate):
    """Even a version left open by hand (say, before this rule) refuses once a newer one exists."""
    Version.objects.create(document=open_version.document, number=2, published_at=timezone.now())
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.add_comment(
            actor=delegate,
            paragraph_version=open_version.paragraphs.first(),
            stance="support",
            text="",
            language="en",
        )
    assert refusal.value.messages == [
        "Version 1 has been superseded by version 2, which takes the comments now."
    ]


def test_the_superseded_version_page_says_so_and_offers_no_form(client, superseded, delegate):
    client.force_login(delegate)
    track = superseded.document.track.slug
    page = client.get(f"/ar/{track}/outcome/v1/").content.decode()
    assert (
        f'<p class="card notice" id="superseded">حلّت الصيغة 2 محل هذه الصيغة؛ فلم تعد تقبل '
        f'تعليقات ولا تعديلات. <a href="/ar/{track}/outcome/v2/">اقرأ الصيغة 2</a></p>'
    ) in page
    assert 'name="stance"' not in page
    assert 'name="stance"' in client.get(f"/ar/{track}/outcome/v2/").content.decode()


def test_the_drafts_page_shows_only_the_latest_version_open(client, superseded, delegate):
    client.force_login(delegate)
    page = client.get(f"/en/{superseded.document.track.slug}/outcome/drafts/").content.decode()
    assert page.count("open for comments") == 1


def test_closing_a_period_asks_for_confirmation_first(client, open_version, delegate, secretariat):
    services.add_comment(
        actor=delegate,
        paragraph_version=open_version.paragraphs.first(),
        stance="oppose",
        text="Non.",
        language="fr",
    )
    client.force_login(secretariat)
    track = open_version.document.track.slug
    page = client.post(f"/fr/{track}/outcome/v1/period/", {"close": "1"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Clore les commentaires sur la version 1 ?</h1>" in html
    assert (
        '<p class="confirm-summary">Commentaires reçus : 1. Amendements : 0, dont en attente '
        "d'une décision : 0.</p>"
    ) in html
    assert '<input type="hidden" name="confirm" value="yes">' in html
    open_version.refresh_from_db()
    assert services.takes_comments(open_version, timezone.now()) is True

    done = client.post(f"/fr/{track}/outcome/v1/period/", {"close": "1", "confirm": "yes"})
    assert (done.status_code, done["Location"]) == (302, f"/fr/{track}/outcome/drafts/")
    assert _messages(done) == ["Les commentaires sont clos."]
    open_version.refresh_from_db()
    assert services.takes_comments(open_version, timezone.now()) is False


def test_closing_a_period_that_is_not_open_is_explained(client, superseded, secretariat):
    client.force_login(secretariat)
    track = superseded.document.track.slug
    response = client.post(f"/en/{track}/outcome/v1/period/", {"close": "1"})
    assert (response.status_code, response["Location"]) == (302, f"/en/{track}/outcome/drafts/")
    assert _messages(response) == ["The comment period is not open."]
