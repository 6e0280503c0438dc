"""Reads of query threads shared by views, the dashboard and e-mails."""

import statistics

from django.contrib.auth import get_user_model
from django.db.models import Q

from plenary.core.models import Role
from plenary.core.permissions import is_secretariat, parliament_ids_for
from plenary.queries.models import Query, ReplyTemplate

WAITING_FOR_THE_SECRETARIAT = (Query.Status.OPEN,)


def dashboard_figures(track) -> dict:
    """`open`: threads waiting for the secretariat; `median_first_answer`: the median time from a
    question to the secretariat's first answer, over the answered threads (None before any)."""
    queries = Query.objects.filter(track=track)
    delays = [
        answered - asked
        for asked, answered in queries.filter(first_answered_at__isnull=False).values_list(
            "created_at", "first_answered_at"
        )
    ]
    return {
        "open": queries.filter(status__in=WAITING_FOR_THE_SECRETARIAT).count(),
        "median_first_answer": statistics.median(delays) if delays else None,
    }


def secretariat_threads(track, *, status: str = "", category: str = "", assignee: str = ""):
    """The track's threads for the secretariat's list; `assignee` is a user id or "none"."""
    threads = Query.objects.filter(track=track).select_related("assignee", "parliament__country")
    if status:
        threads = threads.filter(status=status)
    if category:
        threads = threads.filter(category=category)
    if assignee == "none":
        threads = threads.filter(assignee__isnull=True)
    elif assignee.isdigit():
        threads = threads.filter(assignee_id=int(assignee))
    return threads


def own_threads(user, track):
    """The threads a logged-in person may read: their own and, for a focal point, their parliament's."""
    if is_secretariat(user):
        return Query.objects.none()
    parliaments = parliament_ids_for(user)
    return Query.objects.filter(
        Q(track=track) & (Q(asker=user) | Q(parliament_id__in=parliaments))
    ).select_related("parliament__country")


def secretariat_members():
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(role_assignments__role=Role.SECRETARIAT), is_active=True)
        .distinct()
        .order_by("email")
    )


def registrations_with_the_askers_address(query):
    """For a visitor's thread: the track's registrations made with the address the visitor gave."""
    from plenary.registration.models import Registration

    if query.registration_id:
        return Registration.objects.filter(pk=query.registration_id).select_related("delegation__parliament")
    return Registration.objects.filter(track=query.track, email__iexact=query.asker_email).select_related(
        "delegation__parliament"
    )


def reply_templates(language: str):
    return ReplyTemplate.objects.filter(language=language)
