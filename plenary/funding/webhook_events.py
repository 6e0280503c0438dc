"""The webhook events of travel funding: a grant offered, accepted, declined or paid (amounts, never
the application's text)."""

from plenary.webhooks.models import Event
from plenary.webhooks.services import emit


def grant_changed(application, event: str, **extra) -> None:
    call = application.call
    data = {
        "application": application.pk,
        "call": call.pk,
        "person": application.person_id,
        "status": application.status,
        "grant_amount": application.grant_amount,
        "grant_percent": application.grant_percent,
        "paid": application.paid,
        "currency": call.currency,
        "answer_by": application.answer_by,
        **extra,
    }
    emit(call.track_id, event, data)


def offered(application) -> None:
    grant_changed(application, Event.GRANT_OFFERED)


def accepted(application) -> None:
    grant_changed(application, Event.GRANT_ACCEPTED)


def declined(application) -> None:
    grant_changed(application, Event.GRANT_DECLINED)


def paid(application, amount: int) -> None:
    grant_changed(application, Event.GRANT_PAID, payment=amount)
