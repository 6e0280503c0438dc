import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plenary.outcomes import services
from plenary.outcomes.models import Paragraph, ParagraphText, Version


def _text(paragraph, language):
    return ParagraphText.objects.get(paragraph=paragraph, language=language)


def test_a_stale_translation_is_flagged_when_its_source_changes_and_cleared_when_reverified(
    document, secretariat
):
    paragraph = document.paragraphs.get(order=0, section__order=0)
    services.verify_translation(actor=secretariat, paragraph=paragraph, language="fr")
    assert (_text(paragraph, "fr").status, _text(paragraph, "fr").stale) == ("verified", False)

    services.edit_text(
        actor=secretariat, paragraph=paragraph, language="en", text="Parliamentarians met in Kyoto."
    )
    assert (_text(paragraph, "fr").status, _text(paragraph, "fr").stale) == ("verified", True)
    assert (_text(paragraph, "en").status, _text(paragraph, "en").stale) == ("verified", False)

    services.edit_text(
        actor=secretariat, paragraph=paragraph, language="fr", text="Les parlementaires à Kyoto."
    )
    assert (_text(paragraph, "fr").status, _text(paragraph, "fr").stale) == ("draft", False)
    services.verify_translation(actor=secretariat, paragraph=paragraph, language="fr")
    assert (_text(paragraph, "fr").status, _text(paragraph, "fr").stale) == ("verified", False)


def test_editing_the_source_with_the_same_text_leaves_translations_fresh(document, secretariat):
    paragraph = document.paragraphs.get(order=0, section__order=0)
    services.edit_text(
        actor=secretariat, paragraph=paragraph, language="en", text="Parliaments met in Kyoto."
    )
    assert _text(paragraph, "fr").stale is False


def test_a_version_freezes_numbers_texts_and_statuses(document, secretariat):
    version = services.publish_version(actor=secretariat, document=document)
    rows = list(version.paragraphs.order_by("number").values_list("number", "text", "status"))
    missing = {"ar": "missing", "zh-hans": "missing", "ru": "missing", "es": "missing"}
    assert rows == [
        (
            1,
            {"en": "Parliaments met in Kyoto.", "fr": "Les parlements à Kyoto."},
            missing | {"en": "verified", "fr": "draft"},
        ),
        (2, {"en": "The Internet must stay open."}, missing | {"en": "verified", "fr": "missing"}),
        (3, {"en": "Parliaments should legislate for AI."}, missing | {"en": "verified", "fr": "missing"}),
    ]
    paragraph = document.paragraphs.get(order=0, section__order=0)
    services.edit_text(actor=secretariat, paragraph=paragraph, language="en", text="Changed.")
    assert version.paragraphs.get(number=1).text["en"] == "Parliaments met in Kyoto."
    second = services.publish_version(actor=secretariat, document=document)
    assert (second.number, second.paragraphs.get(number=1).status["fr"]) == (2, "stale")
    assert second.paragraphs.get(number=1).paragraph_id == version.paragraphs.get(number=1).paragraph_id


def test_deleted_and_inserted_paragraphs_renumber_the_next_version(document, secretariat):
    first, second, third = Paragraph.objects.filter(document=document).order_by("section__order", "order")
    services.delete_paragraph(actor=secretariat, paragraph=second)
    services.add_paragraph(actor=secretariat, section=third.section, text="Inserted.", after=first)
    version = services.publish_version(actor=secretariat, document=document)
    inserted = Paragraph.objects.get(texts__text="Inserted.")
    assert list(version.paragraphs.order_by("number").values_list("paragraph_id", "number")) == [
        (first.pk, 1),
        (inserted.pk, 2),
        (third.pk, 3),
    ]


def test_only_the_secretariat_edits_and_publishes(document, delegate):
    with pytest.raises(PermissionDenied):
        services.publish_version(actor=delegate, document=document)
    with pytest.raises(PermissionDenied):
        services.edit_text(actor=delegate, paragraph=document.paragraphs.first(), language="en", text="x")
    assert Version.objects.filter(document=document).count() == 0


def test_the_latest_closed_version_is_adopted_once(document, secretariat, open_version):
    with pytest.raises(ValidationError):
        services.adopt_version(actor=secretariat, version=open_version)
    services.close_comments(actor=secretariat, version=open_version)
    services.adopt_version(actor=secretariat, version=open_version)
    open_version.refresh_from_db()
    assert open_version.status == "adopted"
    with pytest.raises(ValidationError):
        services.adopt_version(actor=secretariat, version=open_version)


def test_an_older_version_cannot_be_adopted(document, secretariat):
    old = services.publish_version(actor=secretariat, document=document)
    services.publish_version(actor=secretariat, document=document)
    with pytest.raises(ValidationError):
        services.adopt_version(actor=secretariat, version=old)
