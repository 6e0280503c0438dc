"""What apps above registration add to its delegation page and hold back from what it hands out,
registered in their AppConfig.ready(): registration imports none of them (the import-linter
contracts), as core's private files and accounts work.

- An action on the delegation page: `register_delegation_action(name, handler)`; a POST to the page
  with `action=name` calls `handler(request, delegation, actor)` once the page has checked who may
  act for the delegation.
- A gate on what registration hands out ("badges", "participants"): `register_gate(name, allowed)`,
  where `allowed(track)` returns the queryset of the track's delegations it lets through, or None
  when it holds none back. Without a gate registered, everything goes through.
- A confirmed delegate's work after logging in: `register_delegate_page(page)`, where
  `page(registration)` is the URL of a page with something for the delegate to do, or None. The first
  page that answers is where the delegate lands; without one, their registration page.
"""

from collections.abc import Callable

_actions: dict[str, Callable] = {}
_gates: dict[str, Callable] = {}
_delegate_pages: list[Callable] = []


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


def register_delegate_page(page: Callable) -> None:
    if page not in _delegate_pages:
        _delegate_pages.append(page)


def delegate_page(registration) -> str | None:
    """The first page registered for a confirmed delegate's work that answers for `registration`."""
    return next((url for url in (page(registration) for page in _delegate_pages) if url), None)
