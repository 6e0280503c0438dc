"""The one way to write the audit trail."""

import contextlib
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import models

from plenary.core.inserts import insert
from plenary.core.models import AuditEntry
from plenary.core.translation import plain


def _plain(value):
    value = plain(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, str | int | float | bool | type(None) | dict | list):
        return value
    return str(value)


def snapshot(instance: models.Model, fields=None) -> dict:
    """The concrete field values of `instance` in a JSON-friendly form."""
    names = fields or [field.attname for field in instance._meta.concrete_fields]
    return {name: _plain(getattr(instance, name)) for name in names}


def diff(before: dict, after: dict) -> dict:
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


# What a change came through besides a person's own hand, e.g. "API token 7 (badge printer)": set
# by the API around a service call, written into every entry the call records.
_through: ContextVar[str] = ContextVar("audit_through", default="")


@contextlib.contextmanager
def acting_through(label: str):
    """Record every entry written inside as made through `label` (on behalf of the actor)."""
    reset = _through.set(label)
    try:
        yield
    finally:
        _through.reset(reset)


def record(
    *, actor, action: str, target: models.Model | None = None, changes: dict | None = None, on_behalf_of=None
) -> AuditEntry:
    entry = _entry(actor=actor, action=action, target=target, changes=changes, on_behalf_of=on_behalf_of)
    insert(entry)
    return entry


def insert_recorded(
    instance: models.Model, *, actor, action: str, changes: dict | None = None, skip_conflicting: bool = False
) -> bool:
    """Insert the new row `instance` and record `action` on it, in one statement where the database
    allows (`inserts.insert`); False, with neither written, when `skip_conflicting` and a unique
    constraint already holds such a row."""
    entry = _entry(actor=actor, action=action, target=instance, changes=changes)
    return insert(instance, skip_conflicting=skip_conflicting, then=(entry, "target_id"))


def _entry(*, actor, action, target, changes, on_behalf_of=None) -> AuditEntry:
    """The entry, not saved yet; a target not saved yet is named once it is (`insert_recorded`)."""
    return AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        on_behalf_of=on_behalf_of if getattr(on_behalf_of, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        changes={**(changes or {}), "through": _through.get()} if _through.get() else changes or {},
    )
