"""Who may see a session's join link, and who is a delegate affected by a release.

The secretariat, and whoever has a confirmed registration for the track (join links only for those
taking part online).
"""

from plenary.core.permissions import is_secretariat
from plenary.core.rules import rule
from plenary.registration.selectors import confirmed_registration

__all__ = ["confirmed_registration", "is_registered_delegate", "may_see_join_links"]


@rule
def may_see_join_links(user, track) -> bool:
    """The secretariat, and delegates with a confirmed online registration for the track."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_secretariat(user):
        return True
    registration = confirmed_registration(user, track)
    return registration is not None and registration.mode == "online"


@rule
def is_registered_delegate(user, track) -> bool:
    """Whom a release's changes are e-mailed to: a confirmed registration (or the secretariat)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_secretariat(user) or confirmed_registration(user, track) is not None
