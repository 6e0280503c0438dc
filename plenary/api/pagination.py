"""Keyset pagination: a cursor names the last row given, so pages never shift when rows are added or
changed, and every page size walks the same rows in the same order.

Lists walk in order of id; asked for what changed since a moment, they walk in order of (changed, id),
so a row changed during the walk comes again, later, as it now stands."""

import base64
import binascii
import datetime as dt

from django.db.models import Q

from plenary.api import problems

MAX_LIMIT = 500


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, label: str) -> str:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise problems.invalid("cursor") from None
    found, _sep, value = text.partition(":")
    if found != label:
        raise problems.invalid("cursor")
    return value


def _row_id(value: str) -> int:
    if not value.isdigit() or len(value) > 18:
        raise problems.invalid("cursor")
    return int(value)


def encode(last_id: int) -> str:
    return _encode(f"after:{last_id}")


def decode(cursor: str | None) -> int:
    return _row_id(_decode(cursor, "after")) if cursor else 0


def page(queryset, *, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """One page of `queryset` after the cursor, and the cursor of the next page (None at the end)."""
    rows = list(queryset.filter(pk__gt=decode(cursor)).order_by("pk")[: limit + 1])
    if len(rows) > limit:
        return rows[:limit], encode(rows[limit - 1].pk)
    return rows, None


def _changed_after(cursor: str | None, field: str) -> Q:
    if not cursor:
        return Q()
    moment, _sep, last_id = _decode(cursor, "changed").rpartition("/")
    try:
        changed = dt.datetime.fromisoformat(moment)
    except ValueError:
        raise problems.invalid("cursor") from None
    if changed.tzinfo is None:
        raise problems.invalid("cursor")
    return Q(**{f"{field}__gt": changed}) | Q(**{field: changed, "pk__gt": _row_id(last_id)})


def page_by_change(queryset, *, field: str, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """One page in order of (`field`, id) after the cursor, and the next page's cursor."""
    rows = list(queryset.filter(_changed_after(cursor, field)).order_by(field, "pk")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], _encode(f"changed:{getattr(last, field).isoformat()}/{last.pk}")


def page_since(queryset, *, changed_since, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """A list that may be asked for what changed since a moment: then in order of (changed, id)."""
    if changed_since is None:
        return page(queryset, cursor=cursor, limit=limit)
    return page_by_change(queryset, field="updated_at", cursor=cursor, limit=limit)
