"""Every change to a query thread: asking, answering, the asker's replies (on the page or by
e-mail), assignment and status. Each in one transaction, with its audit entry and its e-mail."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plenary.core.audit import record
from plenary.core.errors import ServiceError
from plenary.core.models import Role
from plenary.core.permissions import is_secretariat, parliament_ids_for
from plenary.queries import notifications
from plenary.queries.models import Message, Query

Status = Query.Status


def now():
    """The clock of this module (a test sets it to know the time to a first answer)."""
    return timezone.now()


def ask(
    *, track, user, name: str, email: str, language: str, category: str, body: str, attachment=None
) -> Query:
    """A new thread. A logged-in asker is linked to their parliament and their registration in
    the track; a visitor is known only by the address given, and gets the thread's link by e-mail."""
    known = getattr(user, "is_authenticated", False)
    with transaction.atomic():
        query = Query.objects.create(
            track=track,
            category=category,
            language=language,
            asker_name=name,
            asker_email=user.email if known and user.email else email,
            asker=user if known else None,
            parliament_id=_parliament_of(user) if known else None,
            registration=_registration_of(user, track) if known else None,
            created_at=now(),
        )
        _add_message(
            query, author=Message.Author.ASKER, user=user if known else None, body=body, attachment=attachment
        )
        record(actor=user, action="queries.asked", target=query, changes={"category": category})
        notifications.received(query)
    return query


def _parliament_of(user) -> int | None:
    return min(parliament_ids_for(user, Role.FOCAL_POINT, Role.DELEGATE), default=None)


def _registration_of(user, track):
    from plenary.registration.models import Registration

    return Registration.objects.filter(track=track, person__user=user).order_by("-pk").first()


def _add_message(query, *, author, user, body: str, attachment, by_email: bool = False) -> Message:
    body = body.strip()
    if not body and attachment is None:
        raise ServiceError(_("Write a message."), code="empty")
    message = Message(
        query=query, author=author, author_user=user, body=body, by_email=by_email, created_at=now()
    )
    if attachment is not None:
        message.attachment.save(attachment.name, attachment, save=False)
    message.save()
    return message


def answer(*, query: Query, actor, body: str, attachment=None, status: str = Status.ANSWERED) -> Message:
    """The secretariat writes in the thread; the asker is e-mailed the answer with the thread's link."""
    if not is_secretariat(actor):
        raise ServiceError(_("Only the secretariat answers queries."), code="not_secretariat")
    with transaction.atomic():
        query = Query.objects.select_for_update().get(pk=query.pk)
        message = _add_message(
            query, author=Message.Author.SECRETARIAT, user=actor, body=body, attachment=attachment
        )
        if query.first_answered_at is None:
            query.first_answered_at = message.created_at
            query.save(update_fields=["first_answered_at"])
        _change_status(query, status, actor)
        notifications.answered(query, message)
    return message


def reply(*, query: Query, user, body: str, attachment=None, by_email: bool = False) -> Message:
    """The asker writes again (on the thread's page or by e-mail): the thread is open again."""
    with transaction.atomic():
        query = Query.objects.select_for_update().get(pk=query.pk)
        known = getattr(user, "is_authenticated", False)
        message = _add_message(
            query,
            author=Message.Author.ASKER,
            user=user if known else None,
            body=body,
            attachment=attachment,
            by_email=by_email,
        )
        record(actor=user, action="queries.replied", target=query, changes={"by_email": by_email})
        _change_status(query, Status.OPEN, user)
    return message


def set_status(*, query: Query, status: str, actor) -> Query:
    if not is_secretariat(actor):
        raise ServiceError(_("Only the secretariat changes the status of a query."), code="not_secretariat")
    if status not in Status.values:
        raise ServiceError(_("Choose a status from the list."), code="status")
    with transaction.atomic():
        query = Query.objects.select_for_update().get(pk=query.pk)
        _change_status(query, status, actor)
    return query


def _change_status(query: Query, status: str, actor) -> None:
    if query.status == status:
        return
    record(actor=actor, action="queries.status", target=query, changes={"status": [query.status, status]})
    query.status = status
    query.save(update_fields=["status"])


def assign(*, query: Query, assignee, actor) -> Query:
    """Give the thread to a member of the secretariat (None: to nobody)."""
    if not is_secretariat(actor):
        raise ServiceError(_("Only the secretariat assigns queries."), code="not_secretariat")
    if assignee is not None and not is_secretariat(assignee):
        raise ServiceError(_("A query is assigned to a member of the secretariat."), code="assignee")
    with transaction.atomic():
        query = Query.objects.select_for_update().get(pk=query.pk)
        before = query.assignee_id
        new = assignee.pk if assignee is not None else None
        if before != new:
            query.assignee_id = new
            query.save(update_fields=["assignee"])
            record(actor=actor, action="queries.assigned", target=query, changes={"assignee": [before, new]})
    return query
