"""Background tasks of core (django.tasks): thin wrappers taking primary keys."""

from django.tasks import task

from plenary.core import outbox


@task()
def deliver_outbox_message(message_pk: int) -> str | None:
    """One delivery attempt of an outbox message; its new status, or None if it was not due."""
    message = outbox.deliver(message_pk)
    return message.status if message is not None else None
