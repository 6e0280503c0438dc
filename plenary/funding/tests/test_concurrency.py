"""The budget ledger under parallel approvals, on PostgreSQL, with real parallel connections."""

import pytest
from django.core.exceptions import ValidationError

from plenary.core.models import Role
from plenary.core.testing import make_user, run_at_once
from plenary.funding import services
from plenary.funding.models import Application, FundingCall, LedgerEntry
from plenary.funding.tests import factories

ELIGIBLE = ["NPL", "BGD", "UGA", "HTI", "MNG", "BOL", "SEN", "ARM"]


def at_once(calls):
    """Run the approvals at the same moment; their outcomes, sorted."""
    outcomes = run_at_once(calls, expected=(ValidationError,))
    return sorted("refused" if isinstance(outcome, ValidationError) else "approved" for outcome in outcomes)


@pytest.mark.postgres
def test_two_staff_approving_at_the_same_moment_never_overcommit(igf_demo_committed):
    track = igf_demo_committed
    call = factories.call(track, budget=5000)
    first, second = (make_user(f"staff{n}@example.org", Role.SECRETARIAT) for n in (1, 2))
    applications = [factories.applied(call, factories.mp(iso3, track=track)) for iso3 in ("NPL", "UGA")]
    outcomes = at_once(
        [
            lambda: services.approve_grant(application=applications[0], amount=2700, actor=first),
            lambda: services.approve_grant(application=applications[1], amount=2700, actor=second),
        ]
    )
    assert outcomes == ["approved", "refused"]
    call.refresh_from_db()
    assert (call.committed, LedgerEntry.objects.filter(call=call).count()) == (2700, 1)


@pytest.mark.postgres
def test_many_parallel_approvals_commit_exactly_what_fits(igf_demo_committed):
    track = igf_demo_committed
    call = factories.call(track, budget=10_000)
    staff = make_user("staff@example.org", Role.SECRETARIAT)
    applications = [
        factories.applied(call, factories.mp(iso3, track=track, gender=gender))
        for iso3 in ELIGIBLE
        for gender in ("female", "male")
    ]
    outcomes = at_once(
        [
            (
                lambda application=application: services.approve_grant(
                    application=application, amount=2700, actor=staff
                )
            )
            for application in applications
        ]
    )
    assert outcomes == ["approved"] * 3 + ["refused"] * 13
    call = FundingCall.objects.get(pk=call.pk)
    ledger = sum(LedgerEntry.objects.filter(call=call).values_list("amount", flat=True))
    offered = Application.objects.filter(call=call, status=Application.Status.OFFERED).count()
    assert (call.committed, ledger, offered) == (8100, 8100, 3)
