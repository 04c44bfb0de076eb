"""Email as it arrives by SMTP or IMAP: kept once, its files saved."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from everthread.channels.arrivals import Arrival
from everthread.channels.email_in import Email, email_read
from everthread.channels.models import InboundEvent, Provider
from everthread.channels.services.inbound import inbound_events_store
from everthread.core.models import Channel


def email_receive(
    *, raw: bytes, envelope_recipients: list[str] | None = None
) -> InboundEvent | None:
    """An email as it arrived by SMTP or IMAP: kept once by its Message-ID, its files saved.

    None when that Message-ID is already held (a re-delivery, or the poller reading again).
    """
    mail = email_read(raw, envelope_recipients=envelope_recipients)
    if InboundEvent.objects.filter(
        provider=Provider.EMAIL, provider_message_id=mail.message_id[:255]
    ).exists():
        return None
    arrival = Arrival(
        provider=Provider.EMAIL,
        kind=InboundEvent.Kind.MESSAGE,
        provider_message_id=mail.message_id,
        channel=Channel.EMAIL,
        sender=mail.sender,
        sender_name=mail.sender_name,
        text=mail.text,
        occurred_at=mail.sent_at,
        payload=_email_payload(mail),
    )
    headers = {"Subject": mail.subject, "From": mail.sender, "Message-ID": mail.message_id}
    stored = inbound_events_store(
        arrivals=[arrival], raw_body=raw.decode("utf-8", "replace"), headers=headers
    )
    return stored[0] if stored else None


def _email_payload(mail: Email) -> dict[str, object]:
    folder = "inbound-email/" + hashlib.sha256(mail.message_id.encode()).hexdigest()[:24]
    files = []
    for number, attachment in enumerate(mail.attachments, start=1):
        path = default_storage.save(
            f"{folder}/{number}-{default_storage.get_valid_name(attachment.filename)}",
            ContentFile(attachment.content),
        )
        files.append(
            {
                "name": attachment.filename,
                "content_type": attachment.content_type,
                "size": len(attachment.content),
                "path": path,
            }
        )
    return {
        "subject": mail.subject,
        "message_id": mail.message_id,
        "in_reply_to": mail.in_reply_to,
        "references": mail.references,
        "recipients": mail.recipients,
        "attachments": files,
        "defects": mail.defects,
    }
