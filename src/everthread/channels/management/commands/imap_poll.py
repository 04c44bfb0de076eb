from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from everthread.channels.mailboxes import Mailbox, imap_poll


class Command(BaseCommand):
    help = (
        "Read customers' email from the IMAP mailbox (IMAP_HOST, IMAP_PORT, IMAP_USER, "
        "IMAP_PASSWORD, IMAP_MAILBOX): once with --once, else every --interval seconds."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Read once, then stop.")
        parser.add_argument("--interval", type=float, default=60.0)

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        if not settings.IMAP_HOST or not settings.IMAP_USER:
            raise CommandError("Set IMAP_HOST, IMAP_USER and IMAP_PASSWORD to read a mailbox.")
        mailbox = Mailbox(
            host=settings.IMAP_HOST,
            port=settings.IMAP_PORT,
            user=settings.IMAP_USER,
            password=settings.IMAP_PASSWORD,
            name=settings.IMAP_MAILBOX,
            ssl=settings.IMAP_SSL,
        )
        while True:
            kept = imap_poll(mailbox)
            self.stdout.write(f"{kept} new message(s) from {mailbox.user}@{mailbox.host}.")
            if once:
                return
            time.sleep(interval)
