from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from everthread.core.errors import DomainError
from everthread.core.selectors import staff_by_username
from everthread.customers.selectors import customer_merge_preview
from everthread.customers.services import customer_merge


class Command(BaseCommand):
    help = "Merge customer MERGED into SURVIVOR (every linked record moves; undo with unmerge)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("survivor", type=int, help="id of the customer that stays")
        parser.add_argument("merged", type=int, help="id of the duplicate folded into it")
        parser.add_argument("--as", dest="username", required=True, help="who is merging (audited)")
        parser.add_argument(
            "--take",
            nargs="*",
            default=[],
            metavar="FIELD",
            help="profile fields whose value comes from MERGED (default: keep SURVIVOR's)",
        )
        parser.add_argument("--dry-run", action="store_true", help="only show what would happen")

    def handle(
        self,
        *args: Any,
        survivor: int,
        merged: int,
        username: str,
        take: list[str],
        dry_run: bool,
        **options: Any,
    ) -> None:
        try:
            actor = staff_by_username(username)
            preview = customer_merge_preview(survivor_id=survivor, merged_id=merged)
            self.stdout.write(
                f"{preview.merged} (id {merged}) into {preview.survivor} (id {survivor})"
            )
            for what, count in preview.moves.items():
                self.stdout.write(f"  moves {count} {what}")
            for conflict in preview.conflicts:
                side = "merged" if conflict.name in take else "survivor"
                self.stdout.write(
                    f"  {conflict.name}: {conflict.survivor_value!r} vs {conflict.merged_value!r}"
                    f" -> keeps {side}'s"
                )
            if dry_run:
                return
            done = customer_merge(
                actor=actor, survivor_id=survivor, merged_id=merged, take_from_merged=take
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Merged (merge {done.pk}); undo with: everthread unmerge {done.pk} --as USERNAME"
        )
