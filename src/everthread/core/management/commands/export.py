from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from everthread.core.errors import DomainError
from everthread.core.selectors import staff_by_username
from everthread.core.transfers import exporters


class Command(BaseCommand):
    help = "Export to a CSV file: everthread export customers FILE.csv (- for standard output)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        for kind in exporters():
            sub = kinds.add_parser(kind, help=f"export {kind} to a CSV file")
            sub.add_argument("file", help="where to write it; - for standard output")
            sub.add_argument(
                "--as",
                dest="username",
                help="the member of staff exporting (audited); "
                "without it the audit log names the operating-system user",
            )

    def handle(self, *args: Any, kind: str, file: str, username: str | None, **_: Any) -> None:
        via = f"command line ({_os_user()})"
        try:
            actor = staff_by_username(username) if username else None
            if file == "-":
                count = exporters()[kind](actor=actor, via=via, out=self.stdout)
                self.stderr.write(f"Exported {count} {kind}.")
                return
            with Path(file).open("w", encoding="utf-8", newline="") as out:
                count = exporters()[kind](actor=actor, via=via, out=out)
        except DomainError as error:
            raise CommandError(error.message) from None
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error.strerror}.") from None
        self.stdout.write(f"Exported {count} {kind} to {file}.")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown user"
