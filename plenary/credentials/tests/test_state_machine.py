import pytest

from plenary.core.models import AuditEntry
from plenary.credentials import services
from plenary.credentials.models import Credentials
from plenary.credentials.tests.conftest import pdf_upload

State = Credentials.State


def test_received_by_upload_then_verified_records_who_and_when(delegation, head, focal_point, staff):
    received = services.receive(
        delegation=delegation, channel=Credentials.Channel.UPLOAD, document=pdf_upload(), actor=focal_point
    )
    assert (received.state, received.channel, received.received_by) == (State.RECEIVED, "upload", focal_point)
    assert received.document.name.startswith(f"credentials/{delegation.pk}/")
    verified = services.decide(delegation=delegation, state=State.VERIFIED, actor=staff)
    assert (verified.state, verified.decided_by, verified.reason) == (State.VERIFIED, staff, "")
    assert verified.decided_at is not None
    entries = AuditEntry.objects.filter(
        action__startswith="credentials.", target_id=str(verified.pk)
    ).order_by("id")
    assert [(entry.action, entry.actor, entry.changes["state"]) for entry in entries] == [
        ("credentials.receive", focal_point, ["not_received", "received"]),
        ("credentials.decide", staff, ["received", "verified"]),
    ]


def test_received_by_post_then_provisional_then_not_accepted_with_reason(delegation, staff):
    services.receive(delegation=delegation, channel=Credentials.Channel.POST, actor=staff)
    services.decide(delegation=delegation, state=State.PROVISIONAL, actor=staff)
    refused = services.decide(
        delegation=delegation, state=State.NOT_ACCEPTED, reason=" Not signed by the Speaker ", actor=staff
    )
    assert (refused.state, refused.reason, refused.channel, refused.document.name) == (
        State.NOT_ACCEPTED,
        "Not signed by the Speaker",
        "post",
        "",
    )
    again = services.receive(delegation=delegation, channel=Credentials.Channel.EMAIL, actor=staff)
    assert (again.state, again.reason, again.decided_at) == (State.RECEIVED, "", None)


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], State.VERIFIED),
        ([], State.PROVISIONAL),
        ([State.VERIFIED], State.NOT_ACCEPTED),
        ([State.VERIFIED], State.PROVISIONAL),
        ([State.NOT_ACCEPTED], State.VERIFIED),
    ],
)
def test_transitions_outside_the_state_machine_are_refused(delegation, head, staff, path, refused):
    if path:
        services.receive(delegation=delegation, channel=Credentials.Channel.POST, actor=staff)
    for state in path:
        services.decide(delegation=delegation, state=state, reason="Unsigned", actor=staff)
    before = Credentials.objects.get_or_create(delegation=delegation)[0].state
    with pytest.raises(services.CredentialsError) as raised:
        services.decide(delegation=delegation, state=refused, reason="Unsigned", actor=staff)
    assert raised.value.code == "transition"
    assert Credentials.objects.get(delegation=delegation).state == before


def test_verified_credentials_are_not_replaced(delegation, head, staff):
    services.receive(delegation=delegation, channel=Credentials.Channel.POST, actor=staff)
    services.decide(delegation=delegation, state=State.VERIFIED, actor=staff)
    with pytest.raises(services.CredentialsError):
        services.receive(delegation=delegation, channel=Credentials.Channel.EMAIL, actor=staff)
    assert Credentials.objects.get(delegation=delegation).state == State.VERIFIED


def test_not_accepted_needs_a_reason(delegation, staff):
    services.receive(delegation=delegation, channel=Credentials.Channel.POST, actor=staff)
    with pytest.raises(services.CredentialsError) as raised:
        services.decide(delegation=delegation, state=State.NOT_ACCEPTED, reason="  ", actor=staff)
    assert (raised.value.code, Credentials.objects.get(delegation=delegation).state) == (
        "reason",
        State.RECEIVED,
    )


def test_received_is_not_a_decision(delegation, staff):
    services.receive(delegation=delegation, channel=Credentials.Channel.POST, actor=staff)
    with pytest.raises(services.CredentialsError) as raised:
        services.decide(delegation=delegation, state=State.RECEIVED, actor=staff)
    assert raised.value.code == "decision"
