"""Two people acting at the same moment, on real parallel PostgreSQL connections."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plenary.outcomes import services
from plenary.outcomes.models import Amendment, Version


def _at_once(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            outcomes[index] = action()
        except ValidationError as error:
            outcomes[index] = error.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


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
