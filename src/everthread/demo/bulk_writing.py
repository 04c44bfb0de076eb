"""How `everthread generate` writes rows: COPY on PostgreSQL, multi-row INSERTs on SQLite.

Rows are plain tuples in a table's columns, values as Python has them (JSON columns
as dicts and lists). A writer hands out ids the database will give nobody else,
prepares a table's rows (``prepare`` is pure Python: it may run in another thread)
and writes them in the caller's transaction.
"""

from __future__ import annotations

import ipaddress
import json
import queue
import threading
from collections import defaultdict, deque
from collections.abc import Iterator
from typing import Any, TypeVar, cast

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from psycopg.types.json import Jsonb

Row = tuple[Any, ...]
ID_BLOCK = 10_000
# Distinct JSON values remembered as text: a timeline line's detail repeats a lot.
JSON_MEMO_SIZE = 50_000


class Writer:
    def next_id(self, model: type[models.Model]) -> int:
        raise NotImplementedError

    def prepare(self, model: type[models.Model], columns: tuple[str, ...], rows: list[Row]) -> Any:
        return rows

    def write(self, model: type[models.Model], columns: tuple[str, ...], prepared: Any) -> None:
        raise NotImplementedError

    def analyse(self, tables: list[str]) -> None:
        """Bring the planner's statistics up to date after a big load."""


def writer_for_database() -> Writer:
    return CopyWriter() if connection.vendor == "postgresql" else InsertWriter()


class CopyWriter(Writer):
    """Ids from each table's own sequence, rows through binary COPY.

    Ids are taken from the sequence in blocks; the product's own inserts, now or
    later, take the next ones, and ids a run took but did not use stay unused.
    """

    def __init__(self) -> None:
        self.spare: dict[type[models.Model], deque[int]] = defaultdict(deque)
        self.types: dict[str, dict[str, str]] = {}
        self.dumped: dict[Any, Jsonb] = {}

    def next_id(self, model: type[models.Model]) -> int:
        spare = self.spare[model]
        if not spare:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [model._meta.db_table, ID_BLOCK],
                )
                spare.extend(row[0] for row in cursor.fetchall())
        return spare.popleft()

    def prepare(self, model: type[models.Model], columns: tuple[str, ...], rows: list[Row]) -> Any:
        json_at = columns_of(model, columns, models.JSONField)
        # Binary COPY takes an inet as an address object, not its text.
        inet_at = columns_of(model, columns, models.GenericIPAddressField)
        if not json_at and not inet_at:
            return rows
        prepared = []
        for row in rows:
            values = list(row)
            for at in json_at:
                values[at] = self._json(values[at])
            for at in inet_at:
                values[at] = ipaddress.ip_address(values[at]) if values[at] else None
            prepared.append(values)
        return prepared

    def _json(self, value: Any) -> Jsonb:
        """``value`` for a jsonb column; a value seen before is dumped once and reused."""
        try:
            key = tuple(value.items()) if isinstance(value, dict) else None
            dumped = self.dumped.get(key) if key else None
        except TypeError:  # a value inside is a list or a dict: not worth remembering
            key = dumped = None
        if dumped is None:
            dumped = Jsonb(json.dumps(value), dumps=_as_is)
            if key and len(self.dumped) < JSON_MEMO_SIZE:
                self.dumped[key] = dumped
        return dumped

    def write(self, model: type[models.Model], columns: tuple[str, ...], prepared: Any) -> None:
        if not prepared:
            return
        table, quote = model._meta.db_table, connection.ops.quote_name
        statement = (
            f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN (FORMAT BINARY)"
        )
        types = self._column_types(table)
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types([types[name] for name in columns])
            for row in prepared:
                copy.write_row(row)

    def _column_types(self, table: str) -> dict[str, str]:
        if table not in self.types:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
                    "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                    [table],
                )
                self.types[table] = dict(cursor.fetchall())
        return self.types[table]

    def analyse(self, tables: list[str]) -> None:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _as_is(text: str) -> str:
    return text


class InsertWriter(Writer):
    """Ids counted on from the highest the table has given; rows in multi-row INSERTs.

    Values are adapted by each field, as bulk_create adapts them; bulk_create itself
    would stamp auto_now fields (an interaction's recorded_at, a follow-up's
    created_at) with the time of the load instead of the history's.
    """

    def __init__(self) -> None:
        self.next: dict[type[models.Model], int] = {}

    def next_id(self, model: type[models.Model]) -> int:
        if model not in self.next:
            highest = model._default_manager.aggregate(highest=models.Max("id"))["highest"] or 0
            self.next[model] = max(highest, _sqlite_sequence(model)) + 1
        self.next[model] += 1
        return self.next[model] - 1

    def prepare(self, model: type[models.Model], columns: tuple[str, ...], rows: list[Row]) -> Any:
        fields = [cast(models.Field, model._meta.get_field(name)) for name in columns]
        database = connections[DEFAULT_DB_ALIAS]  # the connection itself, not its proxy
        return [
            [
                field.get_db_prep_save(value, database)
                for field, value in zip(fields, row, strict=True)
            ]
            for row in rows
        ]

    def write(self, model: type[models.Model], columns: tuple[str, ...], prepared: Any) -> None:
        quote = connection.ops.quote_name
        statement = (
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        with connection.cursor() as cursor:
            cursor.executemany(statement, prepared)


def _sqlite_sequence(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [model._meta.db_table])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def columns_of(
    model: type[models.Model], columns: tuple[str, ...], kind: type[models.Field]
) -> frozenset[int]:
    """Where in ``columns`` the fields of ``kind`` are."""
    return frozenset(
        at for at, name in enumerate(columns) if isinstance(model._meta.get_field(name), kind)
    )


T = TypeVar("T")
_DONE = object()


def drawn_ahead(items: Iterator[T]) -> Iterator[T]:
    """``items``, each drawn in a thread while the caller writes the one before.

    PostgreSQL works on one batch while Python draws the next, so a load keeps both
    cores busy. The thread's database connection (ids come from it) closes with it.
    """
    handoff: queue.Queue[Any] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def offer(item: Any) -> bool:
        """Hand ``item`` over once the caller has taken the last; False if it has stopped."""
        while not stop.is_set():
            try:
                handoff.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def draw() -> None:
        try:
            for item in items:
                if not offer(item):
                    return
            offer(_DONE)
        except BaseException as error:  # handed to the caller, who raises it
            offer(error)
        finally:
            connection.close()

    thread = threading.Thread(target=draw, name="generate-draw", daemon=True)
    thread.start()
    try:
        while (item := handoff.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
