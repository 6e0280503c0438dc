"""The visitor's personal link to a thread (core.links), and the per-thread reply address.

A reply address is `<local>+q<id>-<signature>@<domain>`: the signature, a keyed hash of the id,
is what the inbound receiver checks, so that nobody can write into a thread by guessing its number.
"""

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from plenary.core import links
from plenary.core.languages import normalise
from plenary.queries.models import Query

QUERY_LINK = "plenary.queries.query-link"
ADDRESS_SALT = "plenary.queries.reply-address"
TAG = re.compile(r"^(?P<local>[^+@]+)\+q(?P<id>\d{1,18})-(?P<signature>[0-9a-z]{16})@(?P<domain>[^@]+)$")


def query_token(query: Query) -> str:
    return links.sign(QUERY_LINK, query.pk, query.link_version)


def query_from_token(token: str, track_slug: str) -> Query:
    """The query a link opens; LinkError (a 404) if forged, expired, withdrawn or another track's."""
    queries = Query.objects.select_related("track")
    return links.open_link(
        token, QUERY_LINK, lambda pk: queries.filter(pk=pk, track__slug=track_slug).first()
    )


def thread_link(query: Query) -> str:
    """The visitor's personal link to the thread, in the asker's language."""
    return links.page_url(
        "queries:by_link", normalise(query.language), track=query.track.slug, token=query_token(query)
    )


def inbound_mailbox(track) -> tuple[str, str] | None:
    """(local part, domain) that replies go to: QUERIES_INBOUND_ADDRESS, else the track's contact."""
    address = getattr(settings, "QUERIES_INBOUND_ADDRESS", "") or track.contact_email
    if "@" not in address:
        return None
    local, domain = address.rsplit("@", 1)
    return local.split("+", 1)[0], domain.lower()


def _signature(query_id: int) -> str:
    return salted_hmac(ADDRESS_SALT, str(query_id), algorithm="sha256").hexdigest()[:16]


def reply_address(query: Query) -> str | None:
    mailbox = inbound_mailbox(query.track)
    if mailbox is None:
        return None
    local, domain = mailbox
    return f"{local}+q{query.pk}-{_signature(query.pk)}@{domain}"


def query_id_from_address(address: str) -> int | None:
    """The query a reply address names, or None if the address is not one or its signature is wrong."""
    match = TAG.match(address.strip().strip("<>").lower())
    if match is None:
        return None
    query_id = int(match["id"])
    return query_id if constant_time_compare(match["signature"], _signature(query_id)) else None
