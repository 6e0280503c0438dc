"""Links in e-mails and letters: a page's absolute address in the reader's language, and personal
links, one signed token per link holder (a delegation, a member, an invitation).

A token signs the holder's kind (as the signing salt), its primary key and its link version, with
a timestamp. It opens while the holder's `link_valid_until` (set by its track) has not passed and
while the holder's `link_version` is the one signed: bumping the version withdraws every link sent
so far. The clock is `time.time`, the one `django.core.signing` reads, so a test freezes both at once.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

INVALID, EXPIRED, REVOKED = "invalid", "expired", "revoked"
MESSAGES = {
    INVALID: _("This link is not valid. Check that it was copied whole."),
    EXPIRED: _("This link has expired."),
    REVOKED: _("This link has been withdrawn."),
}


class LinkError(Http404):
    """A personal link that does not open; `reason` is one of invalid, expired, revoked, and
    `holder` the record it named when the signature was good (a page offers a new link for it)."""

    def __init__(self, reason: str, holder=None):
        super().__init__(MESSAGES[reason])
        self.reason = reason
        self.message = MESSAGES[reason]
        self.holder = holder

    def __str__(self):
        return str(self.message)


def sign(kind: str, pk: int, version: int) -> str:
    return signing.TimestampSigner(salt=kind).sign_object({"i": pk, "v": version})


def _unsign(token: str, kind: str, max_age: float | None) -> dict:
    try:
        data = signing.TimestampSigner(salt=kind).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError(EXPIRED) from None
    except (signing.BadSignature, ValueError):
        raise LinkError(INVALID) from None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int) or not isinstance(data.get("v"), int):
        raise LinkError(INVALID)
    return data


def open_link(token: str, kind: str, find: Callable[[int], object | None], *, max_age: float | None = None):
    """The holder the token names, found with `find(pk)` (None when it is gone), or LinkError.

    The holder has `link_version` and `link_valid_until` (an aware datetime). `max_age` (seconds
    since signing) is an extra limit a caller may set; the holder's validity always applies.
    """
    data = _unsign(token, kind, max_age)
    holder = find(data["i"])
    if holder is None:
        raise LinkError(INVALID)
    if time.time() > holder.link_valid_until.timestamp():
        raise LinkError(EXPIRED, holder)
    if holder.link_version != data["v"]:
        raise LinkError(REVOKED, holder)
    return holder


def page_url(name: str, language: str, **kwargs) -> str:
    """The absolute address of the page `name`, in `language`, for an e-mail or a printed link."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)
