from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from everthread.customers.matching.synthetic import synthetic_base
from everthread.customers.matching.weights import WEIGHTS_FILE, weights_learn, weights_write


class Command(BaseCommand):
    help = (
        "Learn the match weights recognise() scores look-alikes with, by the duplicate "
        "engine's EM on a generated base with planted duplicates and households, and keep "
        "them as JSON beside the engine."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=20_000, help="size of the base")
        parser.add_argument("--seed", type=int, default=0, help="the same seed, the same weights")
        parser.add_argument("--out", type=Path, default=WEIGHTS_FILE, help="where to write them")

    def handle(self, *args: Any, people: int, seed: int, out: Path, **options: Any) -> None:
        started = time.perf_counter()
        base = synthetic_base(people, seed=seed)
        model = weights_learn(base.records)
        learned_from = (
            f"synthetic_base({people}, seed={seed}): {len(base.records):,} records, "
            f"{len(base.duplicates):,} planted duplicates, {len(base.households):,} households"
        )
        weights_write(model, learned_from=learned_from, path=out)
        self.stdout.write(
            f"Learned from {learned_from} in {time.perf_counter() - started:.1f} s; wrote {out}"
        )
