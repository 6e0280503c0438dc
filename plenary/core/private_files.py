"""Which record holds a private file, who may open it, and its removal with the record.

Each app registers its personal files (model, field, rule) when it is ready; core never imports
them. A file that no registered record holds, or that the user may not see, is a 404. A registered
file is deleted from storage when its record is deleted, once that deletion is committed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete


@dataclass(frozen=True)
class PrivateFileKind:
    model: type[Model]
    field: str
    may_open: Callable


_kinds: list[PrivateFileKind] = []


def register(model: type[Model], field: str, may_open: Callable) -> None:
    """`may_open(user, record)` says whether `user` may open the file `field` of `record`."""
    _kinds.append(PrivateFileKind(model, field, may_open))
    post_delete.connect(
        partial(_delete_file, field=field),
        sender=model,
        weak=False,
        dispatch_uid=f"plenary-private-file-{model._meta.label}-{field}",
    )


def file_for(user, name: str) -> FieldFile | None:
    """The file stored under `name`, if a record holds it and `user` may see that record."""
    for kind in _kinds:
        record = kind.model._default_manager.filter(**{kind.field: name}).first()
        if record is not None:
            return getattr(record, kind.field) if kind.may_open(user, record) else None
    return None


def delete_after_commit(storage, name: str) -> None:
    """Remove a file no record points to any more, once the change that dropped it is committed."""
    if name:
        transaction.on_commit(partial(storage.delete, name))


def _delete_file(sender, instance, field, **kwargs) -> None:
    file = getattr(instance, field)
    delete_after_commit(file.storage, file.name)
