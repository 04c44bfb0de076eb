"""Signed unsubscribe links: one customer, one channel, one purpose, valid for a while.

The signature binds the customer, so a link can only ever unsubscribe the person
it was sent to; a changed or expired link changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from everthread.consent.models import ConsentChannel, Purpose
from everthread.outreach.errors import UnsubscribeLinkInvalid

_SALT = "everthread.outreach.unsubscribe"
# Long enough for an old newsletter in someone's inbox to still work.
LINK_LIFETIME = datetime.timedelta(days=90)


@dataclass(frozen=True)
class Subscription:
    customer_id: int
    channel: str
    purpose: str


def unsubscribe_token(*, customer_id: int, channel: str, purpose: str) -> str:
    return signing.dumps([customer_id, channel, purpose], salt=_SALT)


def unsubscribe_read(token: str, *, max_age: datetime.timedelta = LINK_LIFETIME) -> Subscription:
    """What a link unsubscribes from, or UnsubscribeLinkInvalid saying why not."""
    try:
        customer_id, channel, purpose = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise UnsubscribeLinkInvalid(
            "This unsubscribe link has expired. Use the link in a more recent message, or "
            "reply to any of our messages and we will stop them."
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise UnsubscribeLinkInvalid(
            "This unsubscribe link is not one we sent: it may have been cut short or changed. "
            "Use the link exactly as it is in our message."
        ) from None
    if channel not in ConsentChannel.values or purpose not in Purpose.values:
        raise UnsubscribeLinkInvalid("This unsubscribe link is not one we sent.")
    return Subscription(int(customer_id), channel, purpose)


def unsubscribe_url(*, base_url: str, customer_id: int, channel: str, purpose: str) -> str:
    token = unsubscribe_token(customer_id=customer_id, channel=channel, purpose=purpose)
    return base_url.rstrip("/") + reverse("outreach:unsubscribe", args=[token])


def list_unsubscribe_headers(
    *, base_url: str, customer_id: int, channel: str, purpose: str
) -> dict[str, str]:
    """The List-Unsubscribe headers (RFC 2369, one-click RFC 8058) every marketing email carries."""
    token = unsubscribe_token(customer_id=customer_id, channel=channel, purpose=purpose)
    one_click = base_url.rstrip("/") + reverse("outreach:unsubscribe_one_click", args=[token])
    return {
        "List-Unsubscribe": f"<{one_click}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
