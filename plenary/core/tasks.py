"""Background tasks of core (django.tasks): thin wrappers taking primary keys."""

from django.tasks import task

from plenary.core import outbox


@task()
def deliver_outbox_message(message_pk: int, message_id: str = "") -> str | None:
    """One delivery attempt of an outbox message and of the next due ones, a batch in all (the
    tasks of those find them sent and return at once, in this process without a query); the
    message's new status, or None if it was not due."""
    delivered = outbox.deliver_queued(message_pk, message_id)
    return next((message.status for message in delivered if message.pk == message_pk), None)
