"""Writing many rows of one table at once, for bulk writes (imports) only.

On PostgreSQL, inserts stream through COPY and updates take each column as one array;
elsewhere they are Django's bulk_create and bulk_update. Django's own spend most of their
time in Python building one large statement (bulk_update a CASE per field and row).
Nothing per row runs but reading its values: no save(), no signals, as with bulk_create.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import connection, connections, models
from django.utils import timezone

Row = Mapping[str, Any]


def rows_insert(
    model: type[models.Model], rows: Sequence[Row], *, returning_ids: bool = False
) -> list[int]:
    """Insert ``rows`` into ``model``'s table; with ``returning_ids``, their new keys in order.

    Rows map field attnames to values (a model instance's ``vars()`` is one). A field a row
    leaves out gets its default; auto_now and auto_now_add fields left out or None get the
    time of the call.
    """
    if not rows:
        return []
    meta = model._meta
    if connection.vendor != "postgresql":
        names = {field.attname for field in meta.concrete_fields}
        made = model._default_manager.bulk_create(
            [model(**{name: row[name] for name in names & row.keys()}) for row in rows]
        )
        return [made_row.pk for made_row in made] if returning_ids else []
    real = connections[connection.alias]
    quote = real.ops.quote_name
    with real.cursor() as cursor:
        ids: list[int] = []
        if returning_ids:
            # Taken from the table's own sequence, so later inserts never collide with them.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = [key for (key,) in cursor.fetchall()]
        fields = [field for field in meta.concrete_fields if not field.primary_key]
        columns = [quote(field.column) for field in fields]
        if returning_ids:
            columns.insert(0, quote(meta.pk.column))
        values = [_value(field, real) for field in fields]
        sql = f"COPY {quote(meta.db_table)} ({', '.join(columns)}) FROM STDIN"
        with cursor.copy(sql) as copy:
            for number, row in enumerate(rows):
                cells = [value(row) for value in values]
                copy.write_row([ids[number], *cells] if returning_ids else cells)
    return ids


def rows_update(rows: Sequence[models.Model], fields: Sequence[str]) -> None:
    """Save ``fields`` of these stored instances of one model, in one statement."""
    if not rows:
        return
    model = type(rows[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(rows, fields)
        return
    meta, real = model._meta, connections[connection.alias]
    quote = real.ops.quote_name
    wanted = set(fields)
    columns = [meta.pk, *(field for field in meta.concrete_fields if field.name in wanted)]
    arrays = ", ".join(f"%s::{field.db_type(real)}[]" for field in columns)
    names = [quote(field.column) for field in columns]
    assignments = ", ".join(f"{name} = v.{name}" for name in names[1:])
    sql = (
        f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "
        f"FROM unnest({arrays}) AS v({', '.join(names)}) WHERE t.{names[0]} = v.{names[0]}"
    )
    with real.cursor() as cursor:
        cursor.execute(sql, [_column(field, rows, real) for field in columns])


def _column(field: models.Field, rows: Sequence[models.Model], real: Any) -> list[object]:
    return [field.get_db_prep_save(getattr(row, field.attname), real) for row in rows]


# Fields whose Python value psycopg sends as it is: a conversion call per row would be waste.
_AS_THEY_ARE = frozenset(
    {
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


def _value(field: models.Field, real: Any) -> Callable[[Row], object]:
    """How to read what COPY sends for ``field`` from a row."""
    name = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        now = timezone.now()
        return lambda row: row.get(name) or now
    default = field.get_default()
    kind = field.get_internal_type()
    if kind in _AS_THEY_ARE:
        return lambda row: row.get(name, default)
    if kind == "JSONField":
        # As JSON text, which COPY reads into jsonb: cheaper than an adapter object per value.
        encoder = getattr(field, "encoder", None)
        return lambda row: _json(row.get(name, default), encoder)
    return lambda row: field.get_db_prep_save(row.get(name, default), real)


def _json(value: object, encoder: type[json.JSONEncoder] | None) -> str | None:
    return None if value is None else json.dumps(value, cls=encoder)
