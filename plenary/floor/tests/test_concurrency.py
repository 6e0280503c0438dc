"""The list under load, on PostgreSQL, with real parallel connections."""

import pytest

from plenary.core.models import AuditEntry
from plenary.core.testing import run_at_once
from plenary.floor import services
from plenary.floor.models import Request
from plenary.floor.services import FloorError
from plenary.floor.tests.builders import members, open_list


@pytest.mark.postgres
def test_300_members_ask_at_once_against_one_place_per_delegation(igf_demo_committed):
    track = igf_demo_committed
    speakers_list = open_list(track, per_delegation=1)
    people = members(track, 300, parliaments=30)

    outcomes = run_at_once(
        [
            (lambda member=member: services.ask(speakers_list=speakers_list, member=member, actor=None))
            for member in people
        ],
        expected=(FloorError,),
    )

    accepted = [outcome for outcome in outcomes if isinstance(outcome, Request)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, FloorError)]
    assert len(accepted) + len(refused) == 300
    assert sorted(request.delegation_id for request in accepted) == sorted({m.delegation_id for m in people})
    assert {error.code for error in refused} == {"limit"}
    assert Request.objects.filter(speakers_list=speakers_list).count() == 30
    assert sorted(Request.objects.values_list("number", flat=True)) == list(range(1, 31))
    assert AuditEntry.objects.filter(action="floor.asked").count() == 30


@pytest.mark.postgres
def test_the_chair_pressing_next_twice_at_once_calls_one_speaker(igf_demo_committed):
    track = igf_demo_committed
    speakers_list = open_list(track)
    for member in members(track, 3):
        services.ask(speakers_list=speakers_list, member=member, actor=None)

    outcomes = run_at_once(
        [
            lambda: services.call_next(speakers_list=speakers_list, actor=None, current_seen=None),
            lambda: services.call_next(speakers_list=speakers_list, actor=None, current_seen=None),
        ],
        expected=(FloorError,),
    )

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["FloorError", "Request"]
    assert list(Request.objects.filter(state="speaking").values_list("number", flat=True)) == [1]
    assert list(
        Request.objects.filter(state="waiting").order_by("number").values_list("number", flat=True)
    ) == [
        2,
        3,
    ]
    assert AuditEntry.objects.filter(action="floor.called").count() == 1
