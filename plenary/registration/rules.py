"""Who may do what with delegations and registrations: the one place that says it, for views,
services and templates. A personal link opens its own page without a login; these rules are for
the pages reached by logging in."""

from plenary.core.permissions import can_view_parliament, is_secretariat
from plenary.core.rules import rule


@rule
def can_manage_delegation(user, parliament_id: int) -> bool:
    """The parliament's focal point, and the secretariat: answer the invitation, send the links."""
    return can_view_parliament(user, parliament_id)


@rule
def can_withdraw_delegation_link(user) -> bool:
    """Someone logged in: a visitor who came through the page's own link would lock themselves out."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rule
def can_manage_registrations(user) -> bool:
    """Approve, reject, check in, print badges: the secretariat."""
    return is_secretariat(user)
