"""Signed webhook requests, built as each provider documents its signing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

from django.test import Client
from twilio.request_validator import RequestValidator

TWILIO_AUTH_TOKEN = "tests-twilio-auth-token"
META_APP_SECRET = "tests-meta-app-secret"
META_VERIFY_TOKEN = "tests-meta-verify-token"
TWILIO_PATH = "/hooks/twilio/messages"
META_PATH = "/hooks/meta"
X_CONSUMER_SECRET = "tests-x-consumer-secret"
X_PATH = "/hooks/x"
X_BRAND_ID = "3805104374"  # the brand's own account on X


def twilio_signature(url: str, form: dict[str, str], token: str = TWILIO_AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, form)


def twilio_post(
    client: Client, form: dict[str, str], *, signed_url: str = "", **headers: str
) -> Any:
    """POST a form as Twilio does, signed for the URL Twilio called (the test server's)."""
    url = signed_url or f"http://testserver{TWILIO_PATH}"
    return client.post(
        TWILIO_PATH,
        urlencode(form),
        content_type="application/x-www-form-urlencoded",
        headers={"X-Twilio-Signature": twilio_signature(url, form), **headers},
    )


def meta_signature(body: bytes, secret: str = META_APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def meta_post(client: Client, payload: dict[str, Any] | bytes, **headers: str) -> Any:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return client.post(
        META_PATH,
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": meta_signature(body), **headers},
    )


def sms(sid: str, sender: str, body: str, to: str = "+447700900000") -> dict[str, str]:
    """An incoming SMS as Twilio posts it (WhatsApp: sender "whatsapp:+44…")."""
    return {
        "AccountSid": "AC" + "1" * 32,
        "MessageSid": sid,
        "SmsSid": sid,
        "From": sender,
        "To": to,
        "Body": body,
        "NumMedia": "0",
        "SmsStatus": "received",
        "ApiVersion": "2010-04-01",
    }


def twilio_status(sid: str, status: str, **extra: str) -> dict[str, str]:
    return {
        "AccountSid": "AC" + "1" * 32,
        "MessageSid": sid,
        "SmsSid": sid,
        "MessageStatus": status,
        "SmsStatus": status,
        "To": "+447700900101",
        "From": "+447700900000",
        "ApiVersion": "2010-04-01",
        **extra,
    }


def whatsapp_cloud(
    messages: list[dict[str, Any]] = (),
    statuses: list[dict[str, Any]] = (),
    name: str = "",  # type: ignore[assignment]
) -> dict[str, Any]:
    """A WhatsApp Cloud API webhook: entry[].changes[].value.messages[] / .statuses[]."""
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "447700900000", "phone_number_id": "1234567890"},
    }
    if messages:
        value["contacts"] = [{"profile": {"name": name}, "wa_id": m.get("from")} for m in messages]
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA-1", "changes": [{"field": "messages", "value": value}]}],
    }


def whatsapp_text(wamid: str, sender: str, body: str, timestamp: int | None = None) -> dict:
    """A message as WhatsApp delivers it, written now unless ``timestamp`` says when."""
    return {
        "from": sender,
        "id": wamid,
        "timestamp": str(int(time.time()) if timestamp is None else timestamp),
        "type": "text",
        "text": {"body": body},
    }


def messaging(kind: str, events: list[dict[str, Any]], page_id: str = "PAGE-1") -> dict[str, Any]:
    """An Instagram (kind "instagram") or Messenger (kind "page") webhook: entry[].messaging[]."""
    return {
        "object": kind,
        "entry": [{"id": page_id, "time": 1_767_000_000_000, "messaging": events}],
    }


def dm(mid: str, sender: str, text: str, timestamp_ms: int = 1_767_000_000_000) -> dict:
    return {
        "sender": {"id": sender},
        "recipient": {"id": "PAGE-1"},
        "timestamp": timestamp_ms,
        "message": {"mid": mid, "text": text},
    }


def x_signature(body: bytes, secret: str = X_CONSUMER_SECRET) -> str:
    """As X documents it: sha256= and the base64 HMAC-SHA256 of the body, consumer secret."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return "sha256=" + base64.b64encode(digest).decode()


def x_post(client: Client, payload: dict[str, Any] | bytes, **headers: str) -> Any:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return client.post(
        X_PATH,
        body,
        content_type="application/json",
        headers={"X-Twitter-Webhooks-Signature": x_signature(body), **headers},
    )


def x_mention(tweet_id: str, screen_name: str, text: str, user_id: str = "1001") -> dict:
    """An Account Activity payload: a post that mentions the brand's account."""
    return {
        "for_user_id": X_BRAND_ID,
        "user_has_blocked": False,
        "tweet_create_events": [
            {
                "created_at": "Mon Dec 07 19:40:00 +0000 2026",
                "id": int(tweet_id),
                "id_str": tweet_id,
                "text": text,
                "user": {"id": int(user_id), "id_str": user_id, "screen_name": screen_name},
                "timestamp_ms": "1796586000000",
            }
        ],
    }


def x_direct_message(
    message_id: str, sender_id: str, text: str, screen_name: str = "", name: str = ""
) -> dict:
    """An Account Activity payload: a direct message, with the users it names."""
    users = {sender_id: {"id": sender_id, "screen_name": screen_name, "name": name}}
    users[X_BRAND_ID] = {"id": X_BRAND_ID, "screen_name": "harlowfinch", "name": "Harlow & Finch"}
    return {
        "for_user_id": X_BRAND_ID,
        "direct_message_events": [
            {
                "type": "message_create",
                "id": message_id,
                "created_timestamp": "1796586000000",
                "message_create": {
                    "target": {"recipient_id": X_BRAND_ID},
                    "sender_id": sender_id,
                    "message_data": {"text": text, "entities": {}},
                },
            }
        ],
        "users": users,
    }
