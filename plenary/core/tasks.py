"""Background tasks of core (django.tasks): thin wrappers taking primary keys."""

from django.tasks import task

from plenary.core import outbox


@task()
def deliver_outbox_message(message_pk: int) -> str | None:
    """One delivery attempt of an outbox message and of the next due ones, a batch in all (the
    tasks of those find them taken and return at once); the message's new status, or None if it
    was not due."""
    delivered = outbox.deliver_batch(message_pk)
    return next((message.status for message in delivered if message.pk == message_pk), None)
