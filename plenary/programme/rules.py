"""Who may see a session's join link, and who is a delegate affected by a release.

The rule asks the registration app when it is installed (a confirmed registration for the track;
join links only for those taking part online); without it, only the secretariat qualifies.
"""

from django.apps import apps

from plenary.core.permissions import is_secretariat
from plenary.core.rules import rule

REGISTRATION_APP = "plenary.registration"


def confirmed_registration(user, track):
    """The user's confirmed registration for the track, or None (always None without the app)."""
    if not apps.is_installed(REGISTRATION_APP):
        return None
    from plenary.registration import selectors

    return selectors.confirmed_registration(user, track)


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
