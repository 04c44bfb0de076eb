"""What `everthread import KIND FILE` and `everthread export KIND FILE` can move.

The commands live in core and each app registers its kinds from its
``ready()`` (customers now; products and stock later), so core never imports
the apps above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import TextIOBase
from typing import IO, Protocol

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
