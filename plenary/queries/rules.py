"""Who may read and write a query thread: the secretariat every thread, a focal point its
parliament's, a delegate (or any logged-in asker) their own. A visitor reaches a thread only
through its personal link, which these rules do not cover."""

from plenary.core.permissions import is_secretariat, parliament_ids_for
from plenary.core.rules import rule


@rule
def can_view_query(user, query) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_secretariat(user) or query.asker_id == user.pk:
        return True
    return query.parliament_id is not None and query.parliament_id in parliament_ids_for(user)


@rule
def can_manage_queries(user) -> bool:
    """Answer, assign, change the status: the secretariat."""
    return is_secretariat(user)
