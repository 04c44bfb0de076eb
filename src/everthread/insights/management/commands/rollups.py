from __future__ import annotations

import datetime
from argparse import ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from everthread.insights.rollups.services import rollups_catch_up


class Command(BaseCommand):
    help = (
        "Bring the dashboards' daily rollups up to date now (the worker does it every "
        "night): days not rolled up yet, the last few days and the days late contacts "
        "changed; with --since, every day from that date on as well (after editing or "
        "importing old records)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            type=_date,
            help="recompute every day from this date (YYYY-MM-DD) on",
        )

    def handle(self, *args: Any, since: datetime.date | None, **options: Any) -> None:
        days = rollups_catch_up(since=since, progress=options["verbosity"] > 0)
        self.stdout.write(self.style.SUCCESS(f"{days:,} days rolled up."))


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD") from None
