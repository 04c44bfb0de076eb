"""WhatsApp with Meta's Cloud API: POST /v21.0/{phone-number-id}/messages."""

from __future__ import annotations

import datetime
import urllib.parse

from django.conf import settings

from everthread.outreach.adapters.base import Outgoing, PermanentFailure, refusal_reason
from everthread.outreach.adapters.http import http_call

GRAPH_VERSION = "v21.0"
# Cloud API error codes staff meet, in their words.
_REASONS: dict[int, str] = {
    100: "WhatsApp refused the request as malformed.",
    131026: "{to} cannot receive WhatsApp messages (no WhatsApp account, or an old app).",
    131030: "{to} is not on the test account's list of allowed recipients.",
    131047: "More than 24 hours since {to} last wrote: WhatsApp needs an approved template.",
    131050: "{to} has stopped marketing messages from us on WhatsApp.",
    131051: "WhatsApp does not support this kind of message.",
}


class WhatsAppCloud:
    """Text messages; the wamid in ``messages[0].id`` is the provider id."""

    def send(self, outgoing: Outgoing) -> str:
        if not (settings.META_ACCESS_TOKEN and settings.META_PHONE_NUMBER_ID):
            raise PermanentFailure(
                "WhatsApp is not set up: set META_ACCESS_TOKEN and META_PHONE_NUMBER_ID, "
                "then retry."
            )
        number_id = urllib.parse.quote(settings.META_PHONE_NUMBER_ID)
        url = f"{settings.META_GRAPH_BASE.rstrip('/')}/{GRAPH_VERSION}/{number_id}/messages"
        payload = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": outgoing.address.lstrip("+"),
            "type": "text",
            "text": {"preview_url": False, "body": outgoing.body},
            # Meta hands this back in the status webhooks: the receipt names our message.
            "biz_opaque_callback_data": outgoing.idempotency_key,
        }
        headers = {
            "Authorization": f"Bearer {settings.META_ACCESS_TOKEN}",
            "Idempotency-Key": outgoing.idempotency_key,
        }
        answer = http_call("POST", url, provider="WhatsApp", headers=headers, payload=payload)
        messages = answer.body.get("messages") or [{}]
        if answer.status >= 400 or not messages[0].get("id"):
            error = answer.body.get("error")
            raise PermanentFailure(
                refusal_reason(
                    "WhatsApp",
                    error if isinstance(error, dict) else {},
                    to=outgoing.address,
                    known=_REASONS,
                    status=answer.status,
                )
            )
        return str(messages[0]["id"])

    def find(self, outgoing: Outgoing, *, since: datetime.datetime) -> str | None:
        return None  # the Cloud API cannot list sent messages: the key on the retry must do
