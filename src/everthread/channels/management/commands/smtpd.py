from __future__ import annotations

import signal
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from everthread.channels.mailboxes import smtp_receiver


class Command(BaseCommand):
    help = (
        "Receive customers' email over SMTP (SMTP_RECEIVE_HOST:SMTP_RECEIVE_PORT) until "
        "stopped; each message is kept once and threaded onto its conversation by the worker."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=settings.SMTP_RECEIVE_HOST)
        parser.add_argument("--port", type=int, default=settings.SMTP_RECEIVE_PORT)

    def handle(self, *args: Any, host: str, port: int, **options: Any) -> None:
        receiver = smtp_receiver(host=host, port=port, max_bytes=settings.SMTP_RECEIVE_MAX_BYTES)
        stop = threading.Event()
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *_: stop.set())
        receiver.start()
        self.stdout.write(f"Receiving email on {host}:{port}.", ending="\n")
        self.stdout.flush()
        try:
            stop.wait()
        finally:
            receiver.stop()
            self.stdout.write("Stopped receiving email.")
