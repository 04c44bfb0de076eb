"""`everthread imap-poll` reads unseen mail from a mailbox once and marks it seen.

The real mailbox test needs an IMAP server (TEST_IMAP_HOST, TEST_IMAP_PORT, TEST_IMAP_USER,
TEST_IMAP_PASSWORD, plain IMAP); without one it is skipped.
"""

from __future__ import annotations

import imaplib
import os
import time
from email.message import EmailMessage

import pytest
from django.core.management import CommandError, call_command

from everthread.channels.mailboxes import Mailbox, imap_poll
from everthread.channels.models import InboundEvent


def test_the_poller_says_what_to_set_when_no_mailbox_is_configured(settings) -> None:
    settings.IMAP_HOST = ""

    with pytest.raises(CommandError, match="Set IMAP_HOST, IMAP_USER and IMAP_PASSWORD"):
        call_command("imap_poll", "--once")


def _mailbox() -> Mailbox:
    host = os.environ.get("TEST_IMAP_HOST", "")
    if not host:
        pytest.skip("no IMAP server to test against (set TEST_IMAP_HOST)")
    return Mailbox(
        host=host,
        port=int(os.environ.get("TEST_IMAP_PORT", "143")),
        user=os.environ.get("TEST_IMAP_USER", ""),
        password=os.environ.get("TEST_IMAP_PASSWORD", ""),
        ssl=False,
    )


@pytest.mark.django_db
def test_unseen_mail_is_kept_once_and_marked_seen(organisation) -> None:
    mailbox = _mailbox()
    mail = EmailMessage()
    mail["From"], mail["To"] = "amara.osei@example.com", mailbox.user
    mail["Subject"], mail["Message-ID"] = "By IMAP", f"<imap-{time.time_ns()}@example.com>"
    mail.set_content("Read from the mailbox.")
    with imaplib.IMAP4(mailbox.host, mailbox.port) as imap:
        imap.login(mailbox.user, mailbox.password)
        imap.append(mailbox.name, "", imaplib.Time2Internaldate(time.time()), mail.as_bytes())

    first, second = imap_poll(mailbox), imap_poll(mailbox)

    assert first >= 1 and second == 0
    assert InboundEvent.objects.filter(text="Read from the mailbox.").count() == 1
