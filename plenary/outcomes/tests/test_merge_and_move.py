"""Merging amendments into one text and moving paragraphs: what the next version holds, and what is
refused with nothing changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plenary.core.models import AuditEntry
from plenary.outcomes import services
from plenary.outcomes.models import Amendment, Paragraph

KYOTO = "Parliaments met in Kyoto."


def published(document, secretariat) -> list[tuple[int, int, str]]:
    """The next version's paragraphs: number, section, English text."""
    version = services.publish_version(actor=secretariat, document=document)
    return list(version.paragraphs.order_by("number").values_list("number", "section_id", "text__en"))


def paragraph(document, text: str) -> Paragraph:
    return document.paragraphs.get(texts__language="en", texts__text=text)


def sections(document):
    return list(document.sections.order_by("order"))


def amend(delegate, version, number: int, text: str, kind: str = "replace") -> Amendment:
    paragraph_version = version.paragraphs.get(number=number)
    return services.propose_amendment(
        actor=delegate, paragraph_version=paragraph_version, kind=kind, text=text, language="en"
    )


# Moving ----------------------------------------------------------------------------------------


def test_a_paragraph_moved_after_another_in_another_section_is_numbered_there(document, secretariat):
    intro, messages = sections(document)
    services.move_paragraph(
        actor=secretariat,
        paragraph=paragraph(document, "Parliaments should legislate for AI."),
        after=paragraph(document, "Parliaments met in Kyoto."),
    )
    assert published(document, secretariat) == [
        (1, intro.pk, "Parliaments met in Kyoto."),
        (2, intro.pk, "Parliaments should legislate for AI."),
        (3, messages.pk, "The Internet must stay open."),
    ]
    assert AuditEntry.objects.filter(action="outcomes.paragraph.move").count() == 1


def test_a_paragraph_moved_within_its_section_pushes_the_rest_down(document, secretariat):
    _intro, messages = sections(document)
    services.add_paragraph(actor=secretariat, section=messages, text="Data must be protected.")
    services.move_paragraph(
        actor=secretariat,
        paragraph=paragraph(document, "Data must be protected."),
        after=paragraph(document, "The Internet must stay open."),
    )
    assert [text for _number, _section, text in published(document, secretariat)] == [
        "Parliaments met in Kyoto.",
        "The Internet must stay open.",
        "Data must be protected.",
        "Parliaments should legislate for AI.",
    ]


def test_a_paragraph_moved_to_the_start_of_a_section_comes_first_there(document, secretariat):
    intro, messages = sections(document)
    services.move_paragraph(
        actor=secretariat, paragraph=paragraph(document, "Parliaments met in Kyoto."), section=messages
    )
    assert published(document, secretariat) == [
        (1, messages.pk, "Parliaments met in Kyoto."),
        (2, messages.pk, "The Internet must stay open."),
        (3, messages.pk, "Parliaments should legislate for AI."),
    ]
    assert intro.paragraph_set.count() == 0


def test_only_the_secretariat_moves_paragraphs(document, secretariat, delegate):
    with pytest.raises(PermissionDenied, match="Only the secretariat may do this."):
        services.move_paragraph(
            actor=delegate, paragraph=paragraph(document, KYOTO), section=sections(document)[1]
        )
    assert [text for _number, _section, text in published(document, secretariat)] == [
        "Parliaments met in Kyoto.",
        "The Internet must stay open.",
        "Parliaments should legislate for AI.",
    ]


# Merging ---------------------------------------------------------------------------------------


def test_merged_amendments_become_the_new_source_and_the_translation_goes_stale(
    document, open_version, delegate, secretariat
):
    first, second = amend(delegate, open_version, 1, "A."), amend(delegate, open_version, 1, "B.")
    amend(delegate, open_version, 2, "C.")
    merged = services.merge_amendments(
        actor=secretariat, amendments=[first, second], text="  A and B. ", language="en"
    )
    assert [item.pk for item in merged] == [first.pk, second.pk]
    assert list(Amendment.objects.order_by("pk").values_list("status", flat=True)) == [
        "merged",
        "merged",
        "proposed",
    ]
    version = services.publish_version(actor=secretariat, document=document)
    assert list(version.paragraphs.order_by("number").values_list("text", "status__en", "status__fr")) == [
        ({"en": "A and B.", "fr": "Les parlements à Kyoto."}, "verified", "stale"),
        ({"en": "The Internet must stay open."}, "verified", "missing"),
        ({"en": "Parliaments should legislate for AI."}, "verified", "missing"),
    ]
    assert sorted(version.amendments_taken.values_list("pk", flat=True)) == [first.pk, second.pk]


@pytest.mark.parametrize(
    "case, message",
    [
        ("none", "Choose the amendments to merge."),
        ("two paragraphs", "Only amendments to the same paragraph can be merged."),
        ("insertion", "An insertion cannot be merged; accept it on its own."),
        ("decided", "This amendment has already been decided."),
        ("deleted paragraph", "The paragraph has been deleted since."),
    ],
)
def test_a_merge_that_cannot_be_made_is_refused_and_changes_nothing(
    document, open_version, delegate, secretariat, case, message
):
    first = amend(delegate, open_version, 1, "A.")
    others = {
        "none": [],
        "two paragraphs": [first, amend(delegate, open_version, 2, "B.")],
        "insertion": [first, amend(delegate, open_version, 1, "B.", kind="insert_after")],
        "decided": [first],
        "deleted paragraph": [first],
    }[case]
    if case == "decided":
        services.reject_amendment(actor=secretariat, amendment=first, reason="No.")
    if case == "deleted paragraph":
        services.delete_paragraph(actor=secretariat, paragraph=paragraph(document, KYOTO))
    statuses = list(Amendment.objects.order_by("pk").values_list("status", flat=True))

    with pytest.raises(ValidationError) as refused:
        services.merge_amendments(actor=secretariat, amendments=others, text="Merged.", language="en")

    assert refused.value.messages == [message]
    assert list(Amendment.objects.order_by("pk").values_list("status", flat=True)) == statuses
    assert document.paragraphs.filter(texts__text="Merged.").count() == 0
