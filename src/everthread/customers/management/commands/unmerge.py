from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from everthread.core.errors import DomainError
from everthread.core.selectors import staff_by_username
from everthread.customers.services import customer_unmerge


class Command(BaseCommand):
    help = "Undo merge MERGE_ID: both customers and their records as they were."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("merge_id", type=int)
        parser.add_argument("--as", dest="username", required=True, help="who is undoing (audited)")

    def handle(self, *args: Any, merge_id: int, username: str, **options: Any) -> None:
        try:
            actor = staff_by_username(username)
            merge = customer_unmerge(actor=actor, merge_id=merge_id)
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Undone: customers {merge.survivor_id} and {merge.merged_id} are apart again."
        )
