"""E-mails to the asker, in the asker's language, through the outbox: the acknowledgement of a new
query and each answer, both with the thread's link. Replies to an answer go to the thread's own
address (links.reply_address), named as the track's contact person, which the inbound receiver
appends to the thread."""

from email.headerregistry import Address

from plenary.core.languages import normalise
from plenary.core.links import page_url
from plenary.core.outbox import greeting, queue_templated_email, track_contact
from plenary.queries import links


def thread_url(query) -> str:
    """A logged-in asker's thread page (reached after logging in); a visitor's personal link."""
    if query.asker_id:
        return page_url("queries:thread", normalise(query.language), track=query.track.slug, pk=query.pk)
    return links.thread_link(query)


def reply_to(query) -> list[str]:
    address = links.reply_address(query)
    if address is None:
        return track_contact(query.track)
    return [str(Address(display_name=query.track.contact_name, addr_spec=address))]


def _send(query, template: str, *, related, actor, dedupe_key: str) -> None:
    language = normalise(query.language)
    queue_templated_email(
        template=template,
        context={
            "query": query,
            "track": query.track,
            "message": related,
            "link": thread_url(query),
            "greeting": greeting(name=query.asker_name, language=language),
        },
        to=[query.asker_email],
        language=language,
        track=query.track,
        reply_to=reply_to(query),
        dedupe_key=dedupe_key,
        related=query,
        actor=actor,
    )


def received(query) -> None:
    _send(
        query,
        "queries/email/received",
        related=None,
        actor=query.asker,
        dedupe_key=f"query-received:{query.pk}",
    )


def answered(query, message) -> None:
    _send(
        query,
        "queries/email/answered",
        related=message,
        actor=message.author_user,
        dedupe_key=f"query-answer:{message.pk}",
    )
