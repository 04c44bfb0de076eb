from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from everthread.core.errors import DomainError
from everthread.core.selectors import staff_by_username
from everthread.core.services import audit_origin
from everthread.privacy.selectors import retention_due
from everthread.privacy.services import (
    customer_data_export,
    customer_erase,
    retention_apply,
    retention_period_set,
)


class Command(BaseCommand):
    help = "Subject access exports, erasure and retention (every action is audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        export = actions.add_parser("export", help="everything held about a customer, as a zip")
        export.add_argument("customer_id", type=int)
        export.add_argument("--out", help="the zip to write (default: customer-ID-TIME.zip)")
        erase = actions.add_parser("erase", help="anonymise a customer everywhere")
        erase.add_argument("customer_id", type=int)
        retention = actions.add_parser(
            "retention", help="report rows past their retention; remove them with --apply"
        )
        retention.add_argument("--apply", action="store_true", help="delete or anonymise them")
        retention.add_argument(
            "--set",
            metavar="LABEL=DAYS",
            help="keep one kind of record (e.g. notes.Note=730) for DAYS; needs --reason and --as",
        )
        retention.add_argument("--reason", default="", help="why the period changes (audited)")
        for sub, required in ((export, True), (erase, True), (retention, False)):
            sub.add_argument(
                "--as", dest="username", required=required, help="who is acting (audited)"
            )

    def handle(self, *args: Any, action: str, username: str | None, **options: Any) -> None:
        audit_origin.set("command line")
        try:
            actor = staff_by_username(username) if username else None
            if action == "retention" and options["set"]:
                self._retention_set(
                    actor=actor, assignment=options["set"], reason=options["reason"]
                )
                return
            if action == "retention":
                self._retention(actor=actor, apply=options["apply"])
                return
            assert actor is not None
            if action == "export":
                self._export(actor=actor, customer_id=options["customer_id"], out=options["out"])
            else:
                erasure = customer_erase(actor=actor, customer_id=options["customer_id"])
                self.stdout.write(erasure.message)
        except DomainError as error:
            raise CommandError(error.message) from None

    def _export(self, *, actor: Any, customer_id: int, out: str | None) -> None:
        export = customer_data_export(actor=actor, customer_id=customer_id)
        path = Path(out or export.file_name)
        try:
            path.write_bytes(export.content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
        total = sum(export.counts.values())
        held = sum(1 for count in export.counts.values() if count)
        self.stdout.write(
            f"Wrote {path}: {total} records, in {held} of the {len(export.counts)} kinds kept."
        )

    def _retention_set(self, *, actor: Any, assignment: str, reason: str) -> None:
        if actor is None:
            raise CommandError("Say who is changing the period with --as USERNAME.")
        label, _, days = assignment.partition("=")
        if not days.strip().isdigit():
            raise CommandError(f"--set takes LABEL=DAYS, e.g. notes.Note=730; not {assignment!r}.")
        rule = retention_period_set(actor=actor, label=label.strip(), days=int(days), reason=reason)
        self.stdout.write(f"{rule.label}: kept {rule.retention.days} days.")

    def _retention(self, *, actor: Any, apply: bool) -> None:
        if apply:
            done = retention_apply(actor=actor)
            for due in done:
                self.stdout.write(f"{due.label}: {due.action}d {due.rows}")
            self.stdout.write(f"Done: {sum(due.rows for due in done)} rows.")
            return
        for due in retention_due(now=timezone.now()):
            default = "" if due.days == due.default_days else f"; default {due.default_days}"
            self.stdout.write(
                f"{due.label}: {due.rows} to {due.action} "
                f"({due.after} over {due.days} days ago{default})"
            )
        self.stdout.write("Nothing was changed; run with --apply to remove them.")
