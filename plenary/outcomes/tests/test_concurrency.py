"""Two people acting at the same moment, on real parallel PostgreSQL connections."""

import pytest
from django.core.exceptions import ValidationError

from plenary.core.testing import run_at_once
from plenary.outcomes import services
from plenary.outcomes.models import Amendment, Version


def _at_once(*actions):
    """What each action returned, or the message of the ValidationError it raised."""
    return [
        outcome.messages[0] if isinstance(outcome, ValidationError) else outcome
        for outcome in run_at_once(actions, expected=(ValidationError,))
    ]


@pytest.mark.postgres
def test_two_publications_at_once_get_consecutive_numbers(igf_demo_committed, document, secretariat):
    _at_once(*[lambda: services.publish_version(actor=secretariat, document=document)] * 2)
    assert sorted(Version.objects.filter(document=document).values_list("number", flat=True)) == [1, 2]


@pytest.mark.postgres
def test_one_amendment_decided_twice_at_once_is_decided_once(
    igf_demo_committed, open_version, delegate, secretariat
):
    amendment = services.propose_amendment(
        actor=delegate,
        paragraph_version=open_version.paragraphs.get(number=2),
        kind="insert_after",
        text="Inserted once.",
        language="en",
    )
    results = _at_once(
        lambda: services.accept_amendment(actor=secretariat, amendment=amendment).status,
        lambda: services.accept_amendment(actor=secretariat, amendment=amendment).status,
    )
    assert sorted(results) == ["This amendment has already been decided.", "accepted"]
    assert Amendment.objects.get(pk=amendment.pk).status == "accepted"
    assert open_version.document.paragraphs.filter(texts__text="Inserted once.").count() == 1
