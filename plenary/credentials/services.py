"""Every change to a delegation's credentials and its members' standing, audited; the state machine
is TRANSITIONS."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.core import private_files
from plenary.core.audit import record
from plenary.core.errors import ServiceError
from plenary.credentials import composition, documents
from plenary.credentials.models import Credentials, MemberStanding

State = Credentials.State

# Which states each state may move to. A new designation (uploaded or recorded) may replace one not
# yet verified; a verified one stays.
TRANSITIONS = {
    State.NOT_RECEIVED: {State.RECEIVED},
    State.RECEIVED: {State.RECEIVED, State.VERIFIED, State.PROVISIONAL, State.NOT_ACCEPTED},
    State.PROVISIONAL: {State.RECEIVED, State.VERIFIED, State.NOT_ACCEPTED},
    State.NOT_ACCEPTED: {State.RECEIVED},
    State.VERIFIED: set(),
}
DECISIONS = (State.VERIFIED, State.PROVISIONAL, State.NOT_ACCEPTED)


class CredentialsError(ServiceError):
    pass


def _locked(delegation) -> Credentials:
    Credentials.objects.get_or_create(delegation=delegation)
    return Credentials.objects.select_for_update().select_related("delegation").get(delegation=delegation)


def _move(credentials: Credentials, state: str) -> None:
    if state not in TRANSITIONS[credentials.state]:
        raise CredentialsError(
            _("Credentials that are %(current)s cannot become %(new)s.")
            % {"current": credentials.get_state_display(), "new": State(state).label},
            code="transition",
        )


def _refuse_blocks(delegation) -> None:
    blocks = [issue.message for issue in composition.issues(delegation) if issue.blocks]
    if blocks:
        raise CredentialsError(" ".join(blocks), code="composition")


def receive(*, delegation, channel: str, document=None, actor) -> Credentials:
    """A designation arrives: uploaded by the focal point (a checked PDF), or recorded by the
    secretariat as received by post or e-mail (with its scan, if any)."""
    if document is not None:
        documents.check_pdf(document)
    with transaction.atomic():
        credentials = _locked(delegation)
        _move(credentials, State.RECEIVED)
        if channel == Credentials.Channel.UPLOAD:
            _refuse_blocks(delegation)
        before = credentials.state
        replaced = credentials.document.name
        if document is not None:
            credentials.document.save("credentials.pdf", document, save=False)
            private_files.delete_after_commit(credentials.document.storage, replaced)
        credentials.state = State.RECEIVED
        credentials.channel = channel
        credentials.reason = ""
        credentials.received_at = timezone.now()
        credentials.received_by = actor if getattr(actor, "is_authenticated", False) else None
        credentials.decided_at = credentials.decided_by = None
        credentials.save()
        record(
            actor=actor,
            action="credentials.receive",
            target=credentials,
            changes={"state": [before, State.RECEIVED], "channel": channel, "document": bool(document)},
        )
    return credentials


def decide(*, delegation, state: str, reason: str = "", actor) -> Credentials:
    """The secretariat's decision: verified, provisional, or not accepted (with its reason)."""
    if state not in DECISIONS:
        raise CredentialsError(_("Choose verified, provisional or not accepted."), code="decision")
    reason = reason.strip()
    if state == State.NOT_ACCEPTED and not reason:
        raise CredentialsError(_("Give the reason the credentials are not accepted."), code="reason")
    with transaction.atomic():
        credentials = _locked(delegation)
        _move(credentials, state)
        if state == State.VERIFIED:
            _refuse_blocks(delegation)
        before = credentials.state
        credentials.state = state
        credentials.reason = reason if state == State.NOT_ACCEPTED else ""
        credentials.decided_at = timezone.now()
        credentials.decided_by = actor
        credentials.save(update_fields=["state", "reason", "decided_at", "decided_by"])
        record(
            actor=actor,
            action="credentials.decide",
            target=credentials,
            changes={"state": [before, state], "reason": credentials.reason},
        )
    return credentials


def set_standing(*, member, former_mp: bool, honorary: bool, actor) -> MemberStanding:
    standing, _created = MemberStanding.objects.get_or_create(member=member)
    changes = {
        name: [getattr(standing, name), value]
        for name, value in (("former_mp", former_mp), ("honorary", honorary))
        if getattr(standing, name) != value
    }
    if changes:
        standing.former_mp, standing.honorary = former_mp, honorary
        standing.save(update_fields=["former_mp", "honorary"])
        record(actor=actor, action="credentials.standing", target=member, changes=changes)
    return standing
