"""Columns of a customer file that another app reads: consent, say.

The app registers them in its apps.py ``ready()``; customers never imports it (the
app depends on customers). For each batch of rows the import asks the app to read a
row's cells (a refusal rejects the row), to check the row against what it holds for
the batch's stored customers (read once per batch), and, once the batch's customers
are written, to write what the rows carried in bulk, in the batch's transaction.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Collection
from typing import Any

from everthread.core.models import Staff
from everthread.customers.csv_files import OTHER_FIELDS, csv_fields_add
from everthread.customers.models import Customer

# The header a person should look at for a field's problem.
ColumnFor = Callable[[str], str]


class ImportColumnsBatch(abc.ABC):
    """One batch's view of what the app holds for the batch's stored customers."""

    @abc.abstractmethod
    def check(self, *, customer: Customer | None, value: Any, column: ColumnFor) -> bool:
        """Refuse the row with ImportRowRefused, or say whether it would add anything.
        ``customer`` is None for a row that creates its customer."""

    @abc.abstractmethod
    def write(self, *, rows: list[tuple[Customer, Any]], actor: Staff, import_id: int) -> None:
        """Write what these rows carried; their customers are stored."""


class ImportColumns(abc.ABC):
    name: str
    labels: dict[str, str]  # field: label shown on the import page
    aliases: dict[str, str]  # field: header keys it is recognised by, space-separated

    @abc.abstractmethod
    def read(self, cells: dict[str, str], *, column: ColumnFor) -> Any:
        """The row's non-empty cells of these columns as one value (None: nothing to do),
        or ImportRowRefused naming the column."""

    @abc.abstractmethod
    def batch(self, *, customer_ids: Collection[int]) -> ImportColumnsBatch:
        """Read what the checks and writes of one batch need, for its stored customers."""


_REGISTERED: dict[str, ImportColumns] = {}


def import_columns_register(columns: ImportColumns) -> None:
    _REGISTERED[columns.name] = columns
    csv_fields_add(owner=columns.name, labels=columns.labels, aliases=columns.aliases)


def import_columns_in(fields: Collection[str | None]) -> list[ImportColumns]:
    """The registered column sets a file with these fields uses."""
    owners = {OTHER_FIELDS[field] for field in fields if field in OTHER_FIELDS}
    return [columns for name, columns in _REGISTERED.items() if name in owners]
