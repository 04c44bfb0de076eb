from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from everthread.channels.services import inbound_events_retry


class Command(BaseCommand):
    help = (
        "Queue again every inbound message or receipt no worker has finished: those that "
        "failed (the error is kept on the event), and any whose task was lost."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = inbound_events_retry()
        self.stdout.write(f"{queued} inbound event(s) queued for the worker.")
