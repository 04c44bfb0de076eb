from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from everthread.outreach.delivery import outreach_sweep


class Command(BaseCommand):
    help = (
        "The outbox. `sweep` sends every queued message that is due (its task lost, or a retry "
        "whose time came) and takes over what a worker that died left half-sent; with "
        "--every it keeps sweeping, beside `everthread worker`."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        sweep = commands.add_parser("sweep", help="Send what is due, then stop (or --every)")
        sweep.add_argument(
            "--every", type=float, default=0, help="Sweep again every SECONDS, until stopped"
        )

    def handle(self, *args: Any, action: str, every: float, **options: Any) -> None:
        if not settings.OUTBOX_ENABLED:
            raise CommandError(
                "The outbox is off (EVERTHREAD_OUTBOX_ENABLED is not true): queued messages "
                "wait and nothing reaches a provider. Turn it on and set the providers' "
                "settings (TWILIO_*, META_*, SMTP_*)."
            )
        while True:
            swept = outreach_sweep()
            if swept.tried or not every:
                self.stdout.write(
                    f"Sent {swept.sent}, to retry {swept.retrying}, failed for good {swept.dead}."
                )
            if not every:
                return
            time.sleep(every)
