"""Who may do what with an output document: the one place that says it."""

from plenary.core.permissions import is_secretariat
from plenary.core.rules import rule
from plenary.registration.selectors import confirmed_registration

__all__ = ["can_comment", "can_read_drafts", "can_record_main_points", "is_secretariat"]


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_registered_delegate(user, track) -> bool:
    """A confirmed registration for the track."""
    return _active(user) and confirmed_registration(user, track) is not None


@rule
def can_comment(user, track) -> bool:
    """Only registered delegates comment and propose amendments (the secretariat decides on them)."""
    return is_registered_delegate(user, track)


@rule
def can_read_drafts(user, track) -> bool:
    return is_secretariat(user) or is_registered_delegate(user, track)


@rule
def can_record_main_points(user, session) -> bool:
    """The session's rapporteurs, and the secretariat."""
    if not _active(user):
        return False
    if is_secretariat(user):
        return True
    return session.people.filter(role="rapporteur", speaker__person__user=user).exists()
