"""Where email comes in: an SMTP receiver (aiosmtpd) and an IMAP mailbox poller.

Both hand the message's bytes to ``email_receive``, which keeps it once by its
Message-ID: a re-delivery or a second read of the mailbox changes nothing.
"""

from __future__ import annotations

import imaplib
import logging
from dataclasses import dataclass
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.db import connections

from everthread.channels.services import email_receive

log = logging.getLogger(__name__)


class InboundMailHandler:
    """aiosmtpd's handler: take any message for us and keep it, before saying 250."""

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content
        raw = content if isinstance(content, bytes) else str(content or "").encode()
        recipients = [str(address) for address in envelope.rcpt_tos]
        await sync_to_async(_keep, thread_sensitive=True)(raw, recipients)
        return "250 Message accepted for delivery"


def _keep(raw: bytes, recipients: list[str]) -> None:
    # Mail comes seldom next to the receiver's days of running: it holds no database
    # connection between messages, so none goes stale and none is left open at a stop.
    try:
        event = email_receive(raw=raw, envelope_recipients=recipients)
    finally:
        connections.close_all()
    log.info("Email received: %s", f"event {event.pk}" if event else "already held")


def smtp_receiver(*, host: str, port: int, max_bytes: int) -> Controller:
    """An SMTP receiver on host:port, not yet started."""
    return Controller(InboundMailHandler(), hostname=host, port=port, data_size_limit=max_bytes)


@dataclass(frozen=True)
class Mailbox:
    host: str
    port: int
    user: str
    password: str
    name: str = "INBOX"
    ssl: bool = True


def imap_poll(mailbox: Mailbox) -> int:
    """Read every unseen message in the mailbox, keep it, and mark it seen; how many were new.

    Marked seen only once kept: a poller stopped half-way reads the rest next time.
    """
    kind: Any = imaplib.IMAP4_SSL if mailbox.ssl else imaplib.IMAP4
    kept = 0
    with kind(mailbox.host, mailbox.port) as imap:
        imap.login(mailbox.user, mailbox.password)
        imap.select(mailbox.name)
        _, found = imap.uid("SEARCH", "UNSEEN")
        for uid in (found[0] or b"").split():
            _, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in parts if isinstance(part, tuple)), None)
            if raw is None:
                continue
            if email_receive(raw=raw) is not None:
                kept += 1
            imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    return kept
