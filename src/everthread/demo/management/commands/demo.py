from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from everthread.core.errors import DomainError
from everthread.demo.organisations import DEMOS
from everthread.demo.services import DEMO_PASSWORD, DemoSummary, demo_load


class Command(BaseCommand):
    help = (
        "Load a demo organisation with the stories' customers and generated ones. "
        "Safe to run again: what is already there is kept, never duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--industry", choices=sorted(DEMOS), default="retail")
        parser.add_argument(
            "--customers", type=int, default=300, help="how many customers to generate"
        )

    def handle(self, *args: Any, industry: str, customers: int, **options: Any) -> None:
        if customers < 0:
            raise CommandError("--customers must be 0 or more.")
        try:
            summary = demo_load(industry=industry, customers=customers, stdout=self.stdout)
        except DomainError as error:
            raise CommandError(error.message) from None
        self._summary_write(summary)

    def _summary_write(self, summary: DemoSummary) -> None:
        state = "created" if summary.organisation_created else "already here, brought up to date"
        self.stdout.write(self.style.SUCCESS(f"\n{summary.organisation}: {state}."))
        for name, tally in summary.tallies.items():
            self.stdout.write(
                f"  {name:<10} {tally.created:>4} new, {tally.existing:>4} already here"
            )
        self.stdout.write(f"\nDemo log-ins (every password is {DEMO_PASSWORD}):")
        self.stdout.write(f"  {'username':<10} {'name':<18} {'role':<22} store or team")
        for login in summary.logins:
            self.stdout.write(
                f"  {login.username:<10} {login.name:<18} {login.role:<22} {login.where}"
            )
