"""E-mails to delegates and focal points, in the recipient's language, through the outbox."""

from django.template.loader import render_to_string
from django.utils import translation

from plenary.core.outbox import queue_email
from plenary.registration.selectors import waiting_place


def _queue(*, to: str, language: str, template: str, context: dict, dedupe_key: str, related, actor) -> None:
    with translation.override(language):
        subject = " ".join(render_to_string(f"registration/email/{template}_subject.txt", context).split())
        body = render_to_string(f"registration/email/{template}.txt", context)
    queue_email(
        to=[to],
        subject=subject,
        body=body,
        language=language,
        dedupe_key=dedupe_key,
        related=related,
        actor=actor,
    )


def status_changed(*, registration, actor, promoted_from: str = "") -> None:
    """Told at every change: submitted, confirmed, waitlisted (and in which queue, at which place),
    moved to the other queue, promoted (from which queue), rejected, cancelled, mode changed."""
    context = {
        "registration": registration,
        "track": registration.track,
        "waiting": waiting_place(registration),
        "promoted_from": promoted_from,
    }
    _queue(
        to=registration.email,
        language=registration.language,
        template="status",
        context=context,
        dedupe_key=(
            f"registration:{registration.pk}:{registration.status}:{registration.waiting_for}:"
            f"{registration.mode}:{registration.queue_number}"
        ),
        related=registration,
        actor=actor,
    )


def registration_link(*, member, link: str, actor) -> None:
    person = member.person
    _queue(
        to=person.email,
        language=person.preferred_language,
        template="link",
        context={"member": member, "person": person, "track": member.delegation.track, "link": link},
        dedupe_key=None,
        related=member,
        actor=actor,
    )


def new_link(*, to: str, language: str, name: str, link: str, track, holder) -> None:
    """A fresh personal link the person asked for on the "send me a new link" page."""
    _queue(
        to=to,
        language=language,
        template="new_link",
        context={"name": name, "link": link, "track": track},
        dedupe_key=None,
        related=holder,
        actor=None,
    )
