"""One new row written by a plain INSERT … RETURNING, its SQL written once per process and model.

`Model.save()` compiles its INSERT anew every time (issue 18: about a tenth of a registration's
CPU went to compiling its five inserts). `insert` writes the same row — the same columns, each value
prepared by its field as `save()` prepares it (`auto_now_add` and the like included), `pre_save` and
`post_save` sent — from a statement kept per model. `skip_conflicting` adds ON CONFLICT DO NOTHING
(PostgreSQL, SQLite ≥ 3.35): a row that a unique constraint refuses is not written, and the caller
learns it from the answer instead of a second statement.
"""

import functools

from django.db import connections, router
from django.db.models import Model, signals


def insert(instance: Model, *, skip_conflicting: bool = False) -> bool:
    """Insert `instance` (its primary key not set yet) and give it its primary key; False, with
    nothing written, when `skip_conflicting` and a unique constraint already holds such a row."""
    model = type(instance)
    if instance.pk is not None or model._meta.parents or model._meta.auto_field is None:
        raise ValueError("insert() writes a new row of a model without parents, its key left to the database")
    using = router.db_for_write(model, instance=instance)
    connection = connections[using]
    signals.pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    sql, fields = _statement(model, using, skip_conflicting)
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    instance.pk = row[0]
    instance._state.adding, instance._state.db = False, using
    signals.post_save.send(
        sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using
    )
    return True


@functools.cache
def _statement(model: type[Model], using: str, skip_conflicting: bool) -> tuple[str, list]:
    """The INSERT of `model` for database `using`, and the fields whose values it takes, in order."""
    quote = connections[using].ops.quote_name
    fields = [
        field
        for field in model._meta.local_concrete_fields
        if field is not model._meta.auto_field and not field.generated
    ]
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    conflict = " ON CONFLICT DO NOTHING" if skip_conflicting else ""
    # Only the model's names are written into it; the row's values are parameters.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders}){conflict} "  # noqa: S608
        f"RETURNING {quote(model._meta.pk.column)}"
    )
    return sql, fields
