"""New rows written by a plain INSERT … RETURNING, its SQL written once per process and model.

`Model.save()` compiles its INSERT anew every time (issue 18: about a tenth of a registration's
CPU went to compiling its five inserts). `insert` writes the same row — the same columns, each value
prepared by its field as `save()` prepares it (`auto_now_add` and the like included), `pre_save` and
`post_save` sent — from a statement kept per model. `skip_conflicting` adds ON CONFLICT DO NOTHING
(PostgreSQL, SQLite ≥ 3.35): a row that a unique constraint refuses is not written, and the caller
learns it from the answer instead of a second statement.

`then` writes a second new row naming the first (an audit entry about it) in the same statement on
PostgreSQL (a data-modifying WITH): one round trip fewer inside a transaction that may hold a lock.
Elsewhere it is a second statement. Either way it is written only when the first row is.
"""

import functools

from django.db import connections, router
from django.db.models import CharField, Model, signals


def insert(instance: Model, *, skip_conflicting: bool = False, then: tuple[Model, str] | None = None) -> bool:
    """Insert `instance` (its primary key not set yet) and give it its primary key; False, with
    nothing written, when `skip_conflicting` and a unique constraint already holds such a row.

    `then`: (another new row, the name of its text field that takes `instance`'s primary key).
    """
    model = type(instance)
    using = router.db_for_write(model, instance=instance)
    connection = connections[using]
    if then is None or connection.vendor != "postgresql":
        written = _insert_one(instance, using, skip_conflicting)
        if written and then is not None:
            follower, key_field = then
            setattr(follower, key_field, str(instance.pk))
            _insert_one(follower, using, False)
        return written
    follower, key_field = then
    _before_saving(instance, using)
    _before_saving(follower, using)
    sql, fields, follower_fields = _statement_with_follower(
        model, type(follower), key_field, using, skip_conflicting
    )
    values = _values(instance, fields, connection) + _values(follower, follower_fields, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    follower_pk, instance_pk = row
    instance.pk = model._meta.pk.to_python(instance_pk)
    setattr(follower, key_field, instance_pk)
    follower.pk = follower_pk
    _saved(instance, using)
    _saved(follower, using)
    return True


def _insert_one(instance: Model, using: str, skip_conflicting: bool) -> bool:
    connection = connections[using]
    _before_saving(instance, using)
    sql, fields = _statement(type(instance), using, skip_conflicting)
    with connection.cursor() as cursor:
        cursor.execute(sql, _values(instance, fields, connection))
        row = cursor.fetchone()
    if row is None:
        return False
    instance.pk = row[0]
    _saved(instance, using)
    return True


def _before_saving(instance: Model, using: str) -> None:
    model = type(instance)
    if instance.pk is not None or model._meta.parents or model._meta.auto_field is None:
        raise ValueError("insert() writes a new row of a model without parents, its key left to the database")
    signals.pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)


def _values(instance: Model, fields: list, connection) -> list:
    return [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]


def _saved(instance: Model, using: str) -> None:
    instance._state.adding, instance._state.db = False, using
    signals.post_save.send(
        sender=type(instance), instance=instance, created=True, update_fields=None, raw=False, using=using
    )


def _inserted_fields(model: type[Model]) -> list:
    return [
        field
        for field in model._meta.local_concrete_fields
        if field is not model._meta.auto_field and not field.generated
    ]


@functools.cache
def _statement(model: type[Model], using: str, skip_conflicting: bool) -> tuple[str, list]:
    """The INSERT of `model` for database `using`, and the fields whose values it takes, in order."""
    quote = connections[using].ops.quote_name
    fields = _inserted_fields(model)
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    conflict = " ON CONFLICT DO NOTHING" if skip_conflicting else ""
    # Only the model's names are written into it; the row's values are parameters.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders}){conflict} "  # noqa: S608
        f"RETURNING {quote(model._meta.pk.column)}"
    )
    return sql, fields


@functools.cache
def _statement_with_follower(
    model: type[Model], follower: type[Model], key_field: str, using: str, skip_conflicting: bool
) -> tuple[str, list, list]:
    """PostgreSQL: the INSERT of `model` in a WITH, then the follower's INSERT … SELECT from it (so
    none when the first wrote nothing), returning the follower's key and the first's, as text."""
    connection = connections[using]
    quote = connection.ops.quote_name
    first, _fields = _statement(model, using, skip_conflicting)
    key = follower._meta.get_field(key_field)
    follower_fields = [field for field in _inserted_fields(follower) if field is not key]
    columns = ", ".join(quote(field.column) for field in [*follower_fields, key])
    # A value in a SELECT list has no column to take its type from: each says its own.
    selected = ", ".join(f"CAST(%s AS {_cast_type(field, connection)})" for field in follower_fields)
    sql = (
        f'WITH "first" AS ({first}) '  # noqa: S608 - names, not input
        f"INSERT INTO {quote(follower._meta.db_table)} ({columns}) "
        f'SELECT {selected}, CAST("first".{quote(model._meta.pk.column)} AS {_cast_type(key, connection)}) '
        f'FROM "first" RETURNING {quote(follower._meta.pk.column)}, {quote(key.column)}'
    )
    return sql, _fields, follower_fields


def _cast_type(field, connection) -> str:
    """The type a value is cast to: text without its length, so that a text too long for its column
    is refused by the column, as the ORM's insert would be, rather than cut by the cast."""
    if isinstance(field, CharField):
        return connection.ops.cast_char_field_without_max_length
    return field.cast_db_type(connection)
