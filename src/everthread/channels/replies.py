"""Replies that apps above this one read in what customers send (a survey's answer, say).

Opt-out keywords are consent's and come first. Then each reader an app registers from its
``ready()`` is offered the message in turn, with the customer, the consent channel it came
in and its time; the first that recognises it as its own acts on it and says what it did
(the note kept with the inbound event), so channels never imports the apps above it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from everthread.customers.models import Customer

# (customer, consent channel, text, received at) -> what was done, or "" when not its own.
ReplyReader = Callable[[Customer, str, str, datetime.datetime], str]

_READERS: list[ReplyReader] = []


def inbound_reply_register(reader: ReplyReader) -> None:
    if reader not in _READERS:
        _READERS.append(reader)


def inbound_reply_read(
    *, customer: Customer, channel: str, text: str, at: datetime.datetime
) -> str:
    """What the first reader that recognised the message did with it, or ""."""
    for reader in _READERS:
        done = reader(customer, channel, text, at)
        if done:
            return done
    return ""
