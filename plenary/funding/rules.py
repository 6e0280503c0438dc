"""Who may do what with travel funding: the one place that says it, for views, services and templates."""

from plenary.core.models import Role
from plenary.core.permissions import has_role, is_secretariat, parliament_ids_for
from plenary.core.rules import rule
from plenary.funding.models import Application


@rule
def can_see_endorsements(user) -> bool:
    """The secretariat, and the focal point of any parliament (each sees their own parliament's)."""
    return is_secretariat(user) or bool(parliament_ids_for(user))


@rule
def can_endorse(user, application: Application) -> bool:
    """The focal point of the applicant's parliament, and the secretariat."""
    return is_secretariat(user) or application.person.parliament_id in parliament_ids_for(user)


@rule
def can_review(user) -> bool:
    return is_secretariat(user) or has_role(user, Role.REVIEWER)


@rule
def can_answer_offer(user, application: Application) -> bool:
    """Only the applicants themselves accept or decline their grant."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person is not None and application.person_id == person.pk
