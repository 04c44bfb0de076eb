"""What `everthread import KIND FILE` and `everthread export KIND FILE` can move, and the
row-at-a-time CSV import the catalogue's kinds share.

The commands live in core and each app registers its kinds from its
``ready()`` (customers now; products and stock later), so core never imports
the apps above it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from io import TextIOBase
from typing import IO, Protocol

from django.db import transaction

from everthread.core.csv_files import (
    csv_cell_read,
    csv_decode,
    csv_header,
    csv_lines,
    csv_records,
    header_key,
)
from everthread.core.errors import DomainError, ImportFileRefused
from everthread.core.models import Staff

# Called as rows are done: (rows done, rows in the file).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportReport:
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    # The first refused rows as (row number, column, reason), in file order.
    first_rejects: list[tuple[int, str, str]]
    # The refused rows as CSV, their original cells after row, field and reason.
    rejects_lines: Callable[[], Iterable[str]]


class Importer(Protocol):
    def __call__(
        self, *, actor: Staff, file_name: str, source: IO[bytes], progress: Progress
    ) -> ImportReport: ...


class Exporter(Protocol):
    def __call__(self, *, actor: Staff | None, via: str, out: IO[str] | TextIOBase) -> int: ...


@dataclass(frozen=True)
class Transfer:
    importer: Importer | None = None
    exporter: Exporter | None = None


_TRANSFERS: dict[str, Transfer] = {}


def transfer_register(
    kind: str, *, importer: Importer | None = None, exporter: Exporter | None = None
) -> None:
    _TRANSFERS[kind] = Transfer(importer=importer, exporter=exporter)


def importers() -> dict[str, Importer]:
    return {kind: t.importer for kind, t in sorted(_TRANSFERS.items()) if t.importer}


def exporters() -> dict[str, Exporter]:
    return {kind: t.exporter for kind, t in sorted(_TRANSFERS.items()) if t.exporter}


# How many refused rows the command prints; --rejects FILE writes them all.
FIRST_REJECTS = 20
OUTCOMES = ("created", "updated", "unchanged")


@dataclass(frozen=True)
class CsvFormat:
    """What an import reads: each field with the header names people give it (compared
    as header keys), and the fields a file cannot do without."""

    aliases: Mapping[str, str]  # field -> header keys, separated by spaces
    required: tuple[str, ...]
    described: str  # the columns, as the refusal of a file without them lists them

    def field_of(self, header: str) -> str | None:
        key = header_key(header)
        return next((f for f, names in self.aliases.items() if key in names.split()), None)


# One row's cells by field (only the cells with something in them); says what it did.
RowImport = Callable[[dict[str, str]], str]


def csv_file_import(
    *,
    file_name: str,
    source: IO[bytes],
    layout: CsvFormat,
    row_import: RowImport,
    progress: Progress,
) -> ImportReport:
    """Import a CSV file a row at a time, each row all-or-nothing in its own transaction.

    ``row_import`` returns "created", "updated" or "unchanged", or raises a DomainError
    naming the field; that row is refused with its column and reason and the rest go on.
    A row that changes nothing says "unchanged", so importing a file again changes nothing.
    """
    text = csv_decode(source.read(), file_name=file_name)
    known = {key for names in layout.aliases.values() for key in names.split()}
    headers, delimiter = csv_header(text, known=known, file_name=file_name)
    fields = [layout.field_of(header) for header in headers]
    _columns_check(headers, fields, layout, file_name)
    records = list(csv_records(text, delimiter=delimiter, file_name=file_name))
    tally = dict.fromkeys(OUTCOMES, 0)
    rejects: list[tuple[int, str, str, list[str]]] = []
    for done, (number, cells) in enumerate(records, start=1):
        values = {
            field: value
            for field, cell in zip(fields, cells, strict=False)
            if field is not None and (value := csv_cell_read(cell))
        }
        try:
            with transaction.atomic():
                tally[row_import(values)] += 1
        except DomainError as error:
            column = next((h for h, f in zip(headers, fields, strict=True) if f == error.field), "")
            rejects.append((number, column or error.field or "", error.message, cells))
        progress(done, len(records))
    return ImportReport(
        rows=len(records),
        rejected=len(rejects),
        first_rejects=[(row, field, reason) for row, field, reason, _ in rejects[:FIRST_REJECTS]],
        rejects_lines=lambda: csv_lines(
            itertools.chain(
                [["row", "field", "reason", *headers]],
                ([str(row), field, reason, *cells] for row, field, reason, cells in rejects),
            )
        ),
        **tally,
    )


def _columns_check(
    headers: list[str], fields: list[str | None], layout: CsvFormat, file_name: str
) -> None:
    missing = [field for field in layout.required if field not in fields]
    if missing:
        found = ", ".join(repr(header) for header in headers if header) or "no named columns"
        raise ImportFileRefused(
            f"{file_name} has no {' or '.join(missing)} column. Found: {found}. "
            f"Needed: {layout.described}.",
            field="file",
        )
    seen: dict[str, str] = {}
    for header, field in zip(headers, fields, strict=True):
        if field is not None and field in seen:
            raise ImportFileRefused(
                f"{file_name} has two columns for the {field.replace('_', ' ')}: "
                f"{seen[field]!r} and {header!r}. Remove or rename one.",
                field="file",
            )
        if field is not None:
            seen[field] = header
