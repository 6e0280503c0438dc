"""Plain statements of the submission path, read into the model instances the ORM would give.

`links.member_from_token`'s select_related join, built by the ORM, cost ten times what PostgreSQL
spends running it, at every submission (issue 18). Here the registration page's member is read by
one statement written from the models' columns when a process first needs it, and a row becomes the
same model instances, through the same database converters, that select_related gives. `instance`
does the same for a row another plain statement returns (the capacity row the seat lock returns).
"""

import functools

from django.db import connection

from plenary.directory.models import Country, Parliament, Person
from plenary.events.models import Forum, Track
from plenary.registration.models import Delegation, DelegationMember

# (alias, model, the alias of the row holding its foreign key, that foreign key's name)
MEMBER_JOINS = (
    ("m", DelegationMember, None, None),
    ("p", Person, "m", "person"),
    ("d", Delegation, "m", "delegation"),
    ("t", Track, "d", "track"),
    ("f", Forum, "t", "forum"),
    ("pa", Parliament, "d", "parliament"),
    ("c", Country, "pa", "country"),
)
# The person's registration for the track, if any (one at most: unique per track and person).
REGISTRATION_JOIN = (
    'LEFT JOIN "registration_registration" r ON r."track_id" = d."track_id" AND r."person_id" = m."person_id"'
)


def registering_member(pk: int, track_slug: str) -> DelegationMember | None:
    """Member `pk` of a delegation to the track `track_slug`, with its person, delegation, track,
    forum, parliament and country, and `registered`: whether the person already holds a
    registration for the track. None when there is no such member."""
    sql, columns = _statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, track_slug])
        row = cursor.fetchone()
    if row is None:
        return None
    values = iter(row)
    instances = {}
    for alias, model, holder, foreign_key in MEMBER_JOINS:
        names, converted = [], []
        for (name, column, converters), value in zip(columns[alias], values, strict=False):
            for converter in converters:
                value = converter(value, column, connection)
            names.append(name)
            converted.append(value)
        instances[alias] = model.from_db(connection.alias, names, converted)
        if holder is not None:
            holding = instances[holder]
            holding._meta.get_field(foreign_key).set_cached_value(holding, instances[alias])
    member = instances["m"]
    member.registered = bool(next(values))
    return member


@functools.cache
def _statement(vendor: str) -> tuple[str, dict]:
    """The SQL in `vendor`'s dialect, and per alias its columns as (attribute name, column
    expression, converters), in the order selected."""
    quote = connection.ops.quote_name
    models = {alias: model for alias, model, _holder, _key in MEMBER_JOINS}
    columns, selected, tables = {}, [], []
    for alias, model, holder, foreign_key in MEMBER_JOINS:
        fields = model._meta.concrete_fields
        columns[alias] = [_column(field, alias) for field in fields]
        selected += [f"{alias}.{quote(field.column)}" for field in fields]
        table = f"{quote(model._meta.db_table)} {alias}"
        if holder is None:
            tables.append(table)
        else:
            key = models[holder]._meta.get_field(foreign_key).column
            tables.append(f"JOIN {table} ON {alias}.{quote(model._meta.pk.column)} = {holder}.{quote(key)}")
    # Only the models' names are written into it; the look-up's values are parameters.
    sql = (
        f"SELECT {', '.join(selected)}, r.{quote('id')} IS NOT NULL"  # noqa: S608
        f" FROM {' '.join(tables)} {REGISTRATION_JOIN}"
        f" WHERE m.{quote('id')} = %s AND t.{quote('slug')} = %s"
    )
    return sql, columns


def instance(model, names: tuple[str, ...], values):
    """An instance of `model` from `values` of the fields whose attribute names are `names`, through
    the database's converters (the other fields are deferred)."""
    columns = _columns(model, names, connection.vendor)
    converted = []
    for (_name, column, converters), value in zip(columns, values, strict=True):
        for converter in converters:
            value = converter(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, names, converted)


@functools.cache
def _columns(model, names: tuple[str, ...], vendor: str) -> list[tuple]:
    fields = {field.attname: field for field in model._meta.concrete_fields}
    return [_column(fields[name], model._meta.db_table) for name in names]


def _column(field, alias: str) -> tuple:
    column = field.get_col(alias)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    return field.attname, column, converters
