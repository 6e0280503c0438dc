import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plenary.core.testing import make_user
from plenary.outcomes import services
from plenary.outcomes.models import Amendment, Comment, Paragraph


def test_a_registered_delegate_comments_and_amends_during_the_period(open_version, delegate):
    first = open_version.paragraphs.get(number=1)
    comment = services.add_comment(
        actor=delegate, paragraph_version=first, stance="oppose", text="نقترح صياغة أخرى.", language="ar"
    )
    amendment = services.propose_amendment(
        actor=delegate, paragraph_version=first, kind="replace", text="البرلمانات اجتمعت.", language="ar"
    )
    assert (comment.stance, comment.text, comment.language) == ("oppose", "نقترح صياغة أخرى.", "ar")
    assert (amendment.kind, amendment.status, amendment.taken_in) == ("replace", "proposed", None)


def test_someone_without_registration_may_not_comment(open_version):
    outsider = make_user("outsider@example.org")
    with pytest.raises(PermissionDenied):
        services.add_comment(
            actor=outsider,
            paragraph_version=open_version.paragraphs.first(),
            stance="support",
            text="",
            language="en",
        )
    assert Comment.objects.count() == 0


def test_no_comment_before_or_after_the_period(open_version, delegate):
    first = open_version.paragraphs.first()
    for moment in (open_version.comments_open_at - dt.timedelta(seconds=1), open_version.comments_close_at):
        with pytest.raises(ValidationError):
            services.add_comment(
                actor=delegate,
                paragraph_version=first,
                stance="neutral",
                text="Late.",
                language="en",
                now=moment,
            )
        with pytest.raises(ValidationError):
            services.propose_amendment(
                actor=delegate, paragraph_version=first, kind="delete", text="", language="en", now=moment
            )
    assert (Comment.objects.count(), Amendment.objects.count()) == (0, 0)


def test_a_version_without_a_period_takes_no_comments(document, secretariat, delegate):
    version = services.publish_version(actor=secretariat, document=document)
    with pytest.raises(ValidationError):
        services.add_comment(
            actor=delegate,
            paragraph_version=version.paragraphs.first(),
            stance="support",
            text="",
            language="en",
        )


def test_only_the_secretariat_decides_amendments(open_version, delegate):
    amendment = services.propose_amendment(
        actor=delegate,
        paragraph_version=open_version.paragraphs.first(),
        kind="delete",
        text="",
        language="en",
    )
    with pytest.raises(PermissionDenied):
        services.accept_amendment(actor=delegate, amendment=amendment)
    with pytest.raises(PermissionDenied):
        services.reject_amendment(actor=delegate, amendment=amendment, reason="No.")
    amendment.refresh_from_db()
    assert amendment.status == "proposed"


def test_rejection_needs_a_reason_and_a_decision_is_final(open_version, delegate, secretariat):
    amendment = services.propose_amendment(
        actor=delegate,
        paragraph_version=open_version.paragraphs.first(),
        kind="delete",
        text="",
        language="en",
    )
    with pytest.raises(ValidationError):
        services.reject_amendment(actor=secretariat, amendment=amendment, reason="  ")
    services.reject_amendment(actor=secretariat, amendment=amendment, reason="The paragraph is needed.")
    with pytest.raises(ValidationError):
        services.accept_amendment(actor=secretariat, amendment=amendment)
    amendment.refresh_from_db()
    assert (amendment.status, amendment.reason, amendment.decided_by) == (
        "rejected",
        "The paragraph is needed.",
        secretariat,
    )


def test_the_next_version_applies_and_records_the_amendments_it_took(
    document, open_version, delegate, secretariat
):
    one, two, three = open_version.paragraphs.order_by("number")
    replace = services.propose_amendment(
        actor=delegate,
        paragraph_version=one,
        kind="replace",
        text="البرلمانات اجتمعت في كيوتو.",
        language="ar",
    )
    insert = services.propose_amendment(
        actor=delegate,
        paragraph_version=two,
        kind="insert_after",
        text="Data must be protected.",
        language="en",
    )
    delete = services.propose_amendment(
        actor=delegate, paragraph_version=three, kind="delete", text="", language="en"
    )
    rejected = services.propose_amendment(
        actor=delegate, paragraph_version=two, kind="replace", text="Something else.", language="en"
    )
    for item in (replace, insert, delete):
        services.accept_amendment(actor=secretariat, amendment=item)
    services.reject_amendment(actor=secretariat, amendment=rejected, reason="Out of scope.")

    second = services.publish_version(actor=secretariat, document=document)
    rows = list(second.paragraphs.order_by("number").values_list("number", "source_language", "text"))
    assert rows == [
        (
            1,
            "ar",
            {
                "ar": "البرلمانات اجتمعت في كيوتو.",
                "en": "Parliaments met in Kyoto.",
                "fr": "Les parlements à Kyoto.",
            },
        ),
        (2, "en", {"en": "The Internet must stay open."}),
        (3, "en", {"en": "Data must be protected."}),
    ]
    assert second.paragraphs.get(number=1).status["en"] == "stale"
    assert sorted(second.amendments_taken.values_list("pk", flat=True)) == sorted(
        [replace.pk, insert.pk, delete.pk]
    )
    assert open_version.amendments_taken.count() == 0


def test_merge_folds_amendments_into_one_text(open_version, delegate, secretariat):
    first = open_version.paragraphs.get(number=1)
    a = services.propose_amendment(
        actor=delegate, paragraph_version=first, kind="replace", text="A.", language="en"
    )
    b = services.propose_amendment(
        actor=delegate, paragraph_version=first, kind="replace", text="B.", language="en"
    )
    services.merge_amendments(actor=secretariat, amendments=[a, b], text="A and B.", language="en")
    assert list(Amendment.objects.order_by("pk").values_list("status", flat=True)) == ["merged", "merged"]
    assert Paragraph.objects.get(pk=first.paragraph_id).texts.get(language="en").text == "A and B."


def test_a_deleted_paragraphs_comments_stay_readable_in_the_old_version(
    document, open_version, delegate, secretariat
):
    third = open_version.paragraphs.get(number=3)
    services.add_comment(
        actor=delegate, paragraph_version=third, stance="oppose", text="Too vague.", language="en"
    )
    amendment = services.propose_amendment(
        actor=delegate, paragraph_version=third, kind="delete", text="", language="en"
    )
    services.accept_amendment(actor=secretariat, amendment=amendment)
    second = services.publish_version(actor=secretariat, document=document)
    assert second.paragraphs.filter(paragraph_id=third.paragraph_id).exists() is False
    old = open_version.paragraphs.get(number=3)
    assert (old.text["en"], [comment.text for comment in old.comments.all()]) == (
        "Parliaments should legislate for AI.",
        ["Too vague."],
    )
