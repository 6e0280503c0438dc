"""E-mails to delegates and focal points, in the recipient's language, through the outbox.

Each greets its reader by name (in Arabic script and in the grammatical gender when known), links
back to the page it is about, and takes replies at the track's contact person.
"""

from django.conf import settings

from plenary.core.outbox import greeting, queue_templated_email
from plenary.registration import links
from plenary.registration.selectors import waiting_place


def status_changed(*, registration, actor, promoted_from: str = "", waiting: dict | None = None) -> None:
    """Told at every change: submitted, confirmed, waitlisted (and in which queue, at which place),
    moved to the other queue, promoted (from which queue), rejected, cancelled, mode changed.
    `waiting`: the registration's place in a queue (`waiting_place`) when the caller has counted it."""
    language = registration.language
    queue_templated_email(
        template="registration/email/status",
        context={
            "registration": registration,
            "track": registration.track,
            "waiting": waiting or waiting_place(registration),
            "promoted_from": promoted_from,
            "greeting": greeting(
                name=registration.full_name,
                language=language,
                gender=registration.gender,
                name_arabic=registration.name_arabic,
            ),
            "status_page": (
                links.member_link(registration.member, settings.SITE_URL, language)
                if registration.member_id
                else ""
            ),
        },
        to=[registration.email],
        language=language,
        track=registration.track,
        dedupe_key=(
            f"registration:{registration.pk}:{registration.status}:{registration.waiting_for}:"
            f"{registration.mode}:{registration.queue_number}"
        ),
        related=registration,
        actor=actor,
    )


def registration_link(*, member, link: str, actor) -> None:
    person = member.person
    track = member.delegation.track
    queue_templated_email(
        template="registration/email/link",
        context={
            "member": member,
            "person": person,
            "track": track,
            "link": link,
            "greeting": greeting(
                name=person.full_name,
                language=person.preferred_language,
                gender=person.gender,
                name_arabic=person.name_arabic,
            ),
        },
        to=[person.email],
        language=person.preferred_language,
        track=track,
        related=member,
        actor=actor,
    )


def new_link(*, to: str, language: str, name: str, link: str, track, holder) -> None:
    """A fresh personal link the person asked for on the "send me a new link" page."""
    queue_templated_email(
        template="registration/email/new_link",
        context={"link": link, "track": track, "greeting": greeting(name=name, language=language)},
        to=[to],
        language=language,
        track=track,
        related=holder,
        actor=None,
    )
