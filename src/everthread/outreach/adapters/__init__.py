"""Each sendable channel's adapter to its provider, chosen by the settings."""

from __future__ import annotations

from django.conf import settings

from everthread.consent.models import ConsentChannel
from everthread.outreach.adapters.base import (
    Adapter,
    Attachment,
    DeliveryFailed,
    Outgoing,
    PermanentFailure,
    TransientFailure,
)
from everthread.outreach.adapters.smtp import SmtpMail
from everthread.outreach.adapters.twilio import TwilioMessages
from everthread.outreach.adapters.whatsapp import WhatsAppCloud

__all__ = [
    "Adapter",
    "Attachment",
    "DeliveryFailed",
    "Outgoing",
    "PermanentFailure",
    "TransientFailure",
    "adapter_for",
]


def adapter_for(channel: str) -> Adapter:
    """The adapter that delivers this channel; PermanentFailure if none does."""
    if channel == ConsentChannel.EMAIL:
        return SmtpMail()
    if channel == ConsentChannel.SMS:
        return TwilioMessages(sender=settings.TWILIO_FROM_NUMBER)
    if channel == ConsentChannel.WHATSAPP:
        if settings.WHATSAPP_VIA == "twilio":
            return TwilioMessages(
                sender=_whatsapp(settings.TWILIO_WHATSAPP_FROM), prefix="whatsapp:"
            )
        return WhatsAppCloud()
    raise PermanentFailure(
        f"Everthread has no way yet to deliver by {ConsentChannel(channel).label}: "
        "send it from the channel's own inbox."
    )


def _whatsapp(number: str) -> str:
    return f"whatsapp:{number}" if number else ""
