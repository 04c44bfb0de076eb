from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from everthread.core.errors import DomainError
from everthread.demo.bulk import SEED, GeneratedBase, customer_base_generate
from everthread.insights.rollups.services import rollups_catch_up


class Command(BaseCommand):
    help = (
        "Generate a realistic customer base at scale: customers with contact points of every "
        "kind and ~10%% planted duplicates, journeys, interactions across channels (a few "
        "customers with thousands), follow-ups, handover notes, consent ledgers, the "
        "messages sent and received with their delivery statuses, and their timeline. COPY "
        "on PostgreSQL; on SQLite keep it small. Refuses a database that already holds "
        "generated customers unless --append, and one that holds other customers unless "
        "--alongside."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--customers", type=int, required=True)
        parser.add_argument("--interactions", type=int, required=True)
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument(
            "--append",
            action="store_true",
            help="add to the customers an earlier run generated, numbering on from them",
        )
        parser.add_argument(
            "--alongside",
            action="store_true",
            help="generate into a database that holds other customers (a demo's, or real ones)",
        )

    def handle(
        self,
        *args: Any,
        customers: int,
        interactions: int,
        seed: int,
        append: bool,
        alongside: bool,
        **options: Any,
    ) -> None:
        how = "COPY" if connection.vendor == "postgresql" else "bulk inserts"
        self.stdout.write(
            f"Generating {customers:,} customers and {interactions:,} interactions "
            f"({connection.vendor}, {how})…"
        )
        try:
            base = customer_base_generate(
                customers=customers,
                interactions=interactions,
                seed=seed,
                append=append,
                alongside=alongside,
                progress=options["verbosity"] > 0,
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        self._summary_write(base)
        # The dashboards read days from the rollups: a bulk load brings days to roll up.
        self.stdout.write("Rolling up the days for the dashboards…")
        days = rollups_catch_up(progress=options["verbosity"] > 0)
        self.stdout.write(f"  {days:,} days rolled up.")

    def _summary_write(self, base: GeneratedBase) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"{base.rows_total:,} rows in {base.seconds:,.1f} s "
                f"({base.rows_per_second:,.0f} rows/s)."
            )
        )
        for table, count in base.rows.items():
            self.stdout.write(f"  {table:<32} {count:>12,}")
        self.stdout.write(
            f"  planted duplicates: {len(base.duplicates):,}; customer numbers from "
            f"{base.first_number:,}."
        )
