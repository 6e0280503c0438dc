"""What apps above registration add to its delegation page and hold back from what it hands out,
registered in their AppConfig.ready(): registration imports none of them (the import-linter
contracts), as core's private files and accounts work.

- An action on the delegation page: `register_delegation_action(name, handler)`; a POST to the page
  with `action=name` calls `handler(request, delegation, actor)` once the page has checked who may
  act for the delegation.
- A gate on what registration hands out ("badges", "participants"): `register_gate(name, allowed)`,
  where `allowed(track)` returns the queryset of the track's delegations it lets through, or None
  when it holds none back. Without a gate registered, everything goes through.
"""

from collections.abc import Callable

_actions: dict[str, Callable] = {}
_gates: dict[str, Callable] = {}


def register_delegation_action(name: str, handler: Callable) -> None:
    _actions[name] = handler


def delegation_actions() -> dict[str, Callable]:
    return dict(_actions)


def register_gate(name: str, allowed: Callable) -> None:
    _gates[name] = allowed


def allowed_delegations(name: str, track):
    """The delegations of `track` the gate `name` lets through, or None: all of them."""
    gate = _gates.get(name)
    return gate(track) if gate else None


def lets_through(name: str, delegation) -> bool:
    allowed = allowed_delegations(name, delegation.track)
    return allowed is None or allowed.filter(pk=delegation.pk).exists()
