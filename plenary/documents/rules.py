"""Who may make and download the track's documents about its participants."""

from plenary.core.permissions import is_secretariat
from plenary.core.rules import rule


@rule
def can_make_documents(user) -> bool:
    """Lists of participants, certificates, badges and visa letters in batch: the secretariat."""
    return is_secretariat(user)
