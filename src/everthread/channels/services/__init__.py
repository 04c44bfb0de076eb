"""Writes for inbound channels: one module per way in, one name space for callers."""

from everthread.channels.services.chat import (
    chat_message_send,
    chat_open,
    chat_reply,
)
from everthread.channels.services.email import email_receive
from everthread.channels.services.inbound import (
    automatic_sender,
    inbound_event_process,
    inbound_events_retry,
    inbound_events_store,
)
from everthread.channels.services.unlinked import (
    unlinked_contact_customer_create,
    unlinked_contact_link,
)

__all__ = [
    "automatic_sender",
    "chat_message_send",
    "chat_open",
    "chat_reply",
    "email_receive",
    "inbound_event_process",
    "inbound_events_retry",
    "inbound_events_store",
    "unlinked_contact_customer_create",
    "unlinked_contact_link",
]
