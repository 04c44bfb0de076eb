from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from everthread.customers.services import duplicates_find


class Command(BaseCommand):
    help = (
        "Find likely duplicate customers across the whole base and keep them for review "
        "on the duplicates page. Pairs are suggestions: nothing is merged."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="also write the pairs to this CSV file")

    def handle(self, *args: Any, out: Path | None, **options: Any) -> None:
        started = time.perf_counter()
        self.stdout.write("Reading customers and comparing likely pairs…")
        summary = duplicates_find()
        result = summary.result
        self.stdout.write(
            f"Compared {result.blocking.pairs_compared:,} pairs "
            f"in {time.perf_counter() - started:.1f} s; "
            f"{len(result.pairs):,} look like the same person: {summary.new:,} new, "
            f"{summary.updated:,} still to review, {summary.already_reviewed:,} already decided."
        )
        if out is not None:
            with out.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["customer_a", "customer_b", "match_probability", "reasons"])
                for pair in result.pairs:
                    writer.writerow(
                        [
                            pair.left_id,
                            pair.right_id,
                            f"{pair.match_probability:.4f}",
                            "; ".join(pair.reasons),
                        ]
                    )
            self.stdout.write(f"Wrote {len(result.pairs):,} pairs to {out}")
