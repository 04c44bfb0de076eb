from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from everthread.core.errors import DomainError
from everthread.core.selectors import staff_by_username
from everthread.core.transfers import ImportReport, importers


class Command(BaseCommand):
    help = (
        "Import a CSV file: everthread import customers|products|stock FILE.csv --as USERNAME. "
        "Rows are matched on what identifies them (contact points, style codes and SKUs), so "
        "importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        for kind in importers():
            sub = kinds.add_parser(kind, help=f"import {kind} from a CSV file")
            sub.add_argument("file", type=Path, help="the CSV file (UTF-8)")
            sub.add_argument(
                "--as", dest="username", required=True, help="who is importing (audited)"
            )
            sub.add_argument(
                "--rejects",
                type=Path,
                metavar="FILE",
                help="write the refused rows here, with row, field and reason",
            )

    def handle(
        self, *args: Any, kind: str, file: Path, username: str, rejects: Path | None, **_: Any
    ) -> None:
        try:
            source = file.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        # On a terminal only: a bar in a log file is noise.
        bar = tqdm(unit=" rows", desc=file.name, file=sys.stderr, disable=None, leave=False)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            with source:
                report = importers()[kind](
                    actor=staff_by_username(username),
                    file_name=file.name,
                    source=source,
                    progress=progress,
                )
        except DomainError as error:
            raise CommandError(error.message) from None
        finally:
            bar.close()
        self._summary(file, report, rejects)

    def _summary(self, file: Path, report: ImportReport, rejects: Path | None) -> None:
        self.stdout.write(
            f"{file.name}: {report.rows} rows: {report.created} created, {report.updated} "
            f"updated, {report.unchanged} unchanged, {report.rejected} rejected."
        )
        if not report.rejected:
            return
        if rejects is not None:
            with rejects.open("w", encoding="utf-8", newline="") as out:
                out.writelines(report.rejects_lines())
            self.stdout.write(f"Rejected rows, with row, field and reason: {rejects}")
            return
        for row, field, reason in report.first_rejects:
            self.stderr.write(f"  row {row}" + (f", {field}" if field else "") + f": {reason}")
        if report.rejected > len(report.first_rejects):
            self.stderr.write(
                f"  ... and {report.rejected - len(report.first_rejects)} more; "
                "--rejects FILE writes them all."
            )
