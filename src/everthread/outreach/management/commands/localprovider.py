from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from threading import Thread
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from everthread.outreach.localprovider import (
    Behaviour,
    Ledger,
    LocalProviderHttp,
    LocalProviderSmtp,
)


class Command(BaseCommand):
    help = (
        "Serve a local stand-in for Twilio's Messages API, WhatsApp's Cloud API (HTTP) and an "
        "SMTP server, for the demo and the tests: it answers like them, records what it took "
        "(GET /_sent) and fails on demand by address (see everthread/outreach/localprovider.py)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8025, help="HTTP (default 8025)")
        parser.add_argument("--smtp-port", type=int, default=8026, help="SMTP (default 8026)")
        parser.add_argument(
            "--record",
            type=Path,
            default=None,
            help="JSON-lines file of what it took (default DATA_DIR/localprovider.jsonl)",
        )
        parser.add_argument(
            "--token",
            default="local-token",
            help="The auth token (Twilio) and access token (Meta) it accepts",
        )
        parser.add_argument("--flaky-attempts", type=int, default=2)
        parser.add_argument("--hang-seconds", type=float, default=30.0)
        parser.add_argument("--latency", type=float, default=0.0, help="Seconds before each answer")
        parser.add_argument(
            "--callbacks",
            action="store_true",
            help="Post Twilio status callbacks (sent, delivered) to each message's "
            "StatusCallback, signed with the auth token it was sent with",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ledger = Ledger(options["record"] or Path(settings.DATA_DIR) / "localprovider.jsonl")
        behaviour = Behaviour(
            flaky_attempts=options["flaky_attempts"],
            hang_seconds=options["hang_seconds"],
            latency=options["latency"],
            callbacks=options["callbacks"],
            token=options["token"],
        )
        host = options["host"]
        try:
            web = LocalProviderHttp((host, options["port"]), ledger, behaviour)
            mail = LocalProviderSmtp((host, options["smtp_port"]), ledger, behaviour)
        except OSError as error:
            raise CommandError(f"Cannot listen on {host}: {error}") from None
        Thread(target=mail.serve_forever, daemon=True).start()
        self.stdout.write(
            f"Local provider: HTTP on http://{host}:{web.server_port} (Twilio, WhatsApp; "
            f"GET /_sent), SMTP on {host}:{mail.server_address[1]}, recording to {ledger.path}"
        )
        self.stdout.flush()
        try:
            web.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            mail.shutdown()
