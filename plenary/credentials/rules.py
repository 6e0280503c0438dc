"""Who may see and change credentials."""

from plenary.core.permissions import is_secretariat
from plenary.core.rules import rule


@rule
def can_decide_on_credentials(user) -> bool:
    """Record credentials received by post or e-mail, verify them, print the report: the secretariat."""
    return is_secretariat(user)
