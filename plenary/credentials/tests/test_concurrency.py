"""Credentials changed by several people at the same moment, on PostgreSQL, with real parallel
connections: the state machine holds, and every change is audited once."""

import pytest

from plenary.core.models import AuditEntry
from plenary.core.testing import make_user, run_at_once
from plenary.credentials import services
from plenary.credentials.models import Credentials
from plenary.credentials.tests.conftest import pdf_upload
from plenary.registration import services as registration_services
from plenary.registration.tests import factories


@pytest.mark.postgres
def test_simultaneous_first_receipts_and_decisions_keep_the_state_machine(igf_demo_committed):
    track = igf_demo_committed
    staff = make_user("concurrent-secretariat@ipu.example.org")
    delegations = []
    for parliament in factories.parliaments(10):
        delegation = registration_services.delegation_for(track=track, parliament=parliament)
        factories.member(track, parliament, role="head")
        delegations.append(delegation)

    run_at_once(
        [
            (
                lambda delegation=delegation, channel=channel: services.receive(
                    delegation=delegation, channel=channel, document=pdf_upload(), actor=staff
                )
            )
            for delegation in delegations
            for channel in ("upload", "post")
        ]
    )
    assert Credentials.objects.filter(delegation__in=delegations, state="received").count() == 10

    outcomes = run_at_once(
        [
            (
                lambda delegation=delegation, state=state: services.decide(
                    delegation=delegation, state=state, reason="Unsigned", actor=staff
                )
            )
            for delegation in delegations
            for state in ("verified", "not_accepted")
        ],
        expected=(services.CredentialsError,),
    )
    refused = [outcome for outcome in outcomes if isinstance(outcome, services.CredentialsError)]
    assert ([error.code for error in refused], len(outcomes) - len(refused)) == (["transition"] * 10, 10)
    decided = Credentials.objects.filter(delegation__in=delegations)
    assert sorted(decided.values_list("state", flat=True)) == sorted(
        outcome.state for outcome in outcomes if isinstance(outcome, Credentials)
    )
    assert AuditEntry.objects.filter(action="credentials.receive").count() == 20
    assert AuditEntry.objects.filter(action="credentials.decide").count() == 10
