"""Shared reads: a delegation's credentials, the gates other apps ask, the report's groups and the
women-in-delegations figure (registration's selector, as the overview reads it)."""

from django.db.models import F

from plenary.core.permissions import can_view_parliament
from plenary.credentials.models import Credentials, From, TrackRules
from plenary.registration import selectors as registration_selectors
from plenary.registration.models import Delegation

State = Credentials.State

# The states of its credentials in which a delegation gets what a gate allows "from" a state.
STATES_ALLOWED = {
    From.RECEIVED: (State.RECEIVED, State.VERIFIED, State.PROVISIONAL),
    From.VERIFIED: (State.VERIFIED,),
}
GATES = ("badges", "funding", "participants", "floor")


def credentials_of(delegation) -> Credentials:
    """The delegation's credentials; not received (and not saved) when nothing was ever recorded."""
    return Credentials.objects.filter(delegation=delegation).first() or Credentials(delegation=delegation)


def _states_allowed(track, name: str) -> tuple | None:
    return STATES_ALLOWED.get(getattr(TrackRules.objects.for_track(track), f"{name}_from"))


def gate(name: str):
    """`allowed(track)` for registration's hooks: the delegations whose credentials the track's rule
    on `name` lets through, or None when the rule holds none back."""

    def allowed(track):
        states = _states_allowed(track, name)
        if states is None:
            return None
        return Delegation.objects.filter(track=track, credentials__state__in=states)

    return allowed


def allows(name: str, delegation) -> bool:
    """Whether the track's rule on `name` ("badges", "funding", "participants", "floor") lets the
    delegation through, given the state of its credentials."""
    states = _states_allowed(delegation.track, name)
    return states is None or credentials_of(delegation).state in states


def may_take_the_floor(member) -> bool:
    """Whether a delegation member (registration.DelegationMember) may take the floor: the track's
    "floor" rule on the state of the delegation's credentials. The speakers' list asks this."""
    return allows("floor", member.delegation)


def may_be_offered_funding(track, person) -> bool:
    """Whether a grant may be offered to `person`: the "funding" rule on the credentials of their
    parliament's delegation to `track` (none yet: not received)."""
    states = _states_allowed(track, "funding")
    if states is None:
        return True
    return Credentials.objects.filter(
        delegation__track=track, delegation__parliament_id=person.parliament_id, state__in=states
    ).exists()


def may_open_document(user, credentials: Credentials) -> bool:
    """The designation's file: the delegation's focal point and the secretariat."""
    return can_view_parliament(user, credentials.delegation.parliament_id)


def delegations_by_state(track) -> list[tuple[str, list[Delegation]]]:
    """The delegations that accepted the invitation, grouped by the state of their credentials (every
    state, in order, even an empty one), each group in the order of the countries' ISO codes."""
    delegations = list(
        Delegation.objects.filter(track=track, response=Delegation.Response.ACCEPTED)
        .select_related("parliament__country")
        .annotate(
            credentials_state=F("credentials__state"),
            credentials_received_at=F("credentials__received_at"),
            credentials_decided_at=F("credentials__decided_at"),
            credentials_reason=F("credentials__reason"),
        )
        .order_by("parliament__country__iso3")
    )
    for delegation in delegations:
        delegation.credentials_state = delegation.credentials_state or State.NOT_RECEIVED
        delegation.credentials_reason = delegation.credentials_reason or ""
    return [
        (label, [delegation for delegation in delegations if delegation.credentials_state == value])
        for value, label in State.choices
    ]


def women_in_delegation(delegation) -> Delegation | None:
    """The delegation's women and people registered (registration's women_in_delegations, which the
    overview's figure reads); None before anyone registers."""
    return next(
        (
            row
            for row in registration_selectors.women_in_delegations(delegation.track)
            if row.pk == delegation.pk
        ),
        None,
    )


def women_overall(track) -> dict:
    rows = registration_selectors.women_in_delegations(track)
    return {"women": sum(row.women for row in rows), "people": sum(row.people for row in rows)}
