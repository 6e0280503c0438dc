"""Keyset pagination on id: a cursor names the last id given, so pages never shift when rows are
added or changed, and every page size walks the same rows in the same order."""

import base64
import binascii

from plenary.api import problems

MAX_LIMIT = 500


def encode(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"after:{last_id}".encode()).decode().rstrip("=")


def decode(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise problems.invalid("cursor") from None
    label, _sep, value = text.partition(":")
    if label != "after" or not value.isdigit() or len(value) > 18:
        raise problems.invalid("cursor")
    return int(value)


def page(queryset, *, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """One page of `queryset` after the cursor, and the cursor of the next page (None at the end)."""
    rows = list(queryset.filter(pk__gt=decode(cursor)).order_by("pk")[: limit + 1])
    if len(rows) > limit:
        return rows[:limit], encode(rows[limit - 1].pk)
    return rows, None
