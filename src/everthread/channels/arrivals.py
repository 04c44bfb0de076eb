"""Reading the providers' webhooks: is it signed by them, and what did they deliver?

Pure functions over the request's bytes, no database: each payload becomes one
``Arrival`` per message, receipt or unknown notification in it.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from twilio.request_validator import RequestValidator

from everthread.channels.errors import WebhookMalformed, WebhookRefused
from everthread.channels.models import InboundEvent, Provider
from everthread.core.models import Channel

Kind = InboundEvent.Kind

# The request headers worth keeping with a raw event: enough to check it again later.
KEPT_HEADERS = (
    "Content-Type",
    "User-Agent",
    "X-Twilio-Signature",
    "X-Hub-Signature-256",
    "X-Twitter-Webhooks-Signature",
    "I-Twilio-Idempotency-Token",
)


@dataclass(frozen=True)
class Arrival:
    """One thing a provider delivered, read enough to store and find again."""

    provider: str
    kind: str
    provider_message_id: str
    channel: str = ""
    sender: str = ""
    sender_name: str = ""
    text: str = ""
    status: str = ""
    occurred_at: datetime.datetime | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def _digest(value: Any) -> str:
    """An id for a notification that carries none: the same retry gives the same id."""
    return (
        "sha256:"
        + hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()
    )


def _moment(seconds: Any, *, milliseconds: bool = False) -> datetime.datetime | None:
    try:
        number = float(seconds)
    except (TypeError, ValueError):
        return None
    return datetime.datetime.fromtimestamp(number / (1000 if milliseconds else 1), datetime.UTC)


# --- Twilio: SMS and WhatsApp ----------------------------------------------------------


def twilio_verify(*, auth_token: str, url: str, form: QueryDict, signature: str) -> None:
    """Twilio signs the URL it called and the form fields with the account's auth token."""
    if not auth_token:
        raise WebhookRefused("TWILIO_AUTH_TOKEN is not set: no Twilio request can be checked.")
    if not signature:
        raise WebhookRefused("The request carries no Twilio signature.")
    if not RequestValidator(auth_token).validate(url, form, signature):
        raise WebhookRefused("The Twilio signature does not match this request.")


def twilio_read(form: QueryDict) -> Arrival:
    """An incoming message, or a status callback (MessageStatus, no Body) for one we sent."""
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    if not sid:
        raise WebhookMalformed("A Twilio message webhook names its message in MessageSid.")
    fields = {name: form[name] for name in form}
    sender = form.get("From", "")
    channel = Channel.WHATSAPP if sender.startswith("whatsapp:") else Channel.SMS
    if "Body" in form or int(form.get("NumMedia") or 0) > 0:
        return Arrival(
            provider=Provider.TWILIO,
            kind=Kind.MESSAGE,
            provider_message_id=sid,
            channel=channel,
            sender=sender.removeprefix("whatsapp:"),
            sender_name=form.get("ProfileName", ""),
            text=form.get("Body", ""),
            payload=fields,
        )
    status = form.get("MessageStatus") or form.get("SmsStatus") or ""
    if status:
        # One message has many receipts (sent, then delivered): each is its own event.
        return Arrival(
            provider=Provider.TWILIO,
            kind=Kind.STATUS,
            provider_message_id=f"{sid}:{status}",
            channel=channel,
            status=status,
            payload=fields,
        )
    return Arrival(Provider.TWILIO, Kind.UNKNOWN, _digest(fields), payload=fields)


# --- Meta: WhatsApp Cloud API, Instagram, Messenger ------------------------------------


def meta_verify(*, app_secret: str, body: bytes, signature: str) -> None:
    """Meta signs the raw body: X-Hub-Signature-256 is sha256=<HMAC-SHA256 with the app secret>."""
    if not app_secret:
        raise WebhookRefused("META_APP_SECRET is not set: no Meta request can be checked.")
    if not signature.startswith("sha256="):
        raise WebhookRefused("The request carries no X-Hub-Signature-256 signature.")
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature.removeprefix("sha256=").strip().lower()):
        raise WebhookRefused("The X-Hub-Signature-256 signature does not match this body.")


def meta_read(body: bytes) -> list[Arrival]:
    """Every message, receipt and unknown notification in one Meta webhook payload."""
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WebhookMalformed(f"The body is not JSON: {error}.") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        raise WebhookMalformed("A Meta webhook is a JSON object with an “entry” list.")
    kind = payload.get("object")
    arrivals: list[Arrival] = []
    for entry in payload["entry"]:
        if not isinstance(entry, dict):
            raise WebhookMalformed("Each item of “entry” is an object.")
        if kind == "whatsapp_business_account":
            arrivals += _whatsapp(entry)
        elif kind in ("instagram", "page"):
            channel = Channel.INSTAGRAM if kind == "instagram" else Channel.MESSENGER
            arrivals += _messaging(entry, channel)
        else:
            arrivals.append(Arrival(Provider.META, Kind.UNKNOWN, _digest(entry), payload=entry))
    return arrivals


def _whatsapp(entry: Mapping[str, Any]) -> Iterator[Arrival]:
    for change in _objects(entry.get("changes"), "changes"):
        value = change.get("value")
        if change.get("field") != "messages" or not isinstance(value, dict):
            yield Arrival(Provider.META, Kind.UNKNOWN, _digest(change), payload=change)
            continue
        names = {
            contact.get("wa_id"): contact.get("profile", {}).get("name", "")
            for contact in _objects(value.get("contacts"), "contacts")
        }
        for message in _objects(value.get("messages"), "messages"):
            yield _whatsapp_message(message, names)
        for status in _objects(value.get("statuses"), "statuses"):
            wamid, word = str(status.get("id", "")), str(status.get("status", ""))
            if not wamid or not word:
                raise WebhookMalformed("A WhatsApp status names its message id and status.")
            yield Arrival(
                provider=Provider.META,
                kind=Kind.STATUS,
                provider_message_id=f"{wamid}:{word}",
                channel=Channel.WHATSAPP,
                status=word,
                occurred_at=_moment(status.get("timestamp")),
                payload=status,
            )


def _whatsapp_message(message: Mapping[str, Any], names: Mapping[Any, str]) -> Arrival:
    wamid, sender = str(message.get("id", "")), str(message.get("from", ""))
    if not wamid or not sender:
        raise WebhookMalformed("A WhatsApp message names its id and sender (“from”).")
    # The words are under the message's type: text.body, or an image's or document's caption.
    content = message.get(str(message.get("type")))
    words = (content.get("body") or content.get("caption")) if isinstance(content, dict) else ""
    return Arrival(
        provider=Provider.META,
        kind=Kind.MESSAGE,
        provider_message_id=wamid,
        channel=Channel.WHATSAPP,
        sender="+" + sender.lstrip("+"),
        sender_name=names.get(sender, ""),
        text=words if isinstance(words, str) else "",
        occurred_at=_moment(message.get("timestamp")),
        payload=dict(message),
    )


def _messaging(entry: Mapping[str, Any], channel: str) -> Iterator[Arrival]:
    for event in _objects(entry.get("messaging"), "messaging"):
        message = event.get("message")
        sender = event.get("sender", {}).get("id") if isinstance(event.get("sender"), dict) else ""
        if not isinstance(message, dict) or not message.get("mid") or message.get("is_echo"):
            # Reads, reactions and echoes of what the page itself sent: kept, not acted on.
            yield Arrival(Provider.META, Kind.UNKNOWN, _digest(event), channel, payload=event)
            continue
        if not sender:
            raise WebhookMalformed("A Messenger or Instagram message names its sender id.")
        yield Arrival(
            provider=Provider.META,
            kind=Kind.MESSAGE,
            provider_message_id=str(message["mid"]),
            channel=channel,
            sender=str(sender),
            text=str(message.get("text") or ""),
            occurred_at=_moment(event.get("timestamp"), milliseconds=True),
            payload=dict(event),
        )


# --- X: mentions and direct messages (Account Activity API) ------------------------------


def _x_hmac(consumer_secret: str, message: bytes) -> str:
    digest = hmac.new(consumer_secret.encode(), message, hashlib.sha256).digest()
    return "sha256=" + base64.b64encode(digest).decode()


def x_crc_answer(*, consumer_secret: str, crc_token: str) -> str:
    """X's challenge-response check: the token signed with the app's consumer secret."""
    if not consumer_secret:
        raise WebhookRefused("X_CONSUMER_SECRET is not set: X's check cannot be answered.")
    if not crc_token:
        raise WebhookMalformed("X's check sends a crc_token to sign.")
    return _x_hmac(consumer_secret, crc_token.encode())


def x_verify(*, consumer_secret: str, body: bytes, signature: str) -> None:
    """X signs the raw body: x-twitter-webhooks-signature is sha256=<base64 HMAC-SHA256>."""
    if not consumer_secret:
        raise WebhookRefused("X_CONSUMER_SECRET is not set: no X request can be checked.")
    if not signature.startswith("sha256="):
        raise WebhookRefused("The request carries no x-twitter-webhooks-signature.")
    if not hmac.compare_digest(_x_hmac(consumer_secret, body), signature.strip()):
        raise WebhookRefused("The x-twitter-webhooks-signature does not match this body.")


def x_read(body: bytes) -> list[Arrival]:
    """Mentions of the brand's account and direct messages to it; anything else (likes,
    follows, what the account itself sent) is kept as an unknown notification."""
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WebhookMalformed(f"The body is not JSON: {error}.") from None
    if not isinstance(payload, dict) or not payload.get("for_user_id"):
        raise WebhookMalformed("An X webhook is a JSON object naming its “for_user_id”.")
    ours = str(payload["for_user_id"])
    users = _object(payload.get("users"))
    arrivals = [
        _x_direct_message(event, ours, users)
        for event in _objects(payload.get("direct_message_events"), "direct_message_events")
    ]
    arrivals += [
        _x_mention(tweet, ours)
        for tweet in _objects(payload.get("tweet_create_events"), "tweet_create_events")
    ]
    others = {k: v for k, v in payload.items() if k.endswith("_events") and k not in _X_READ}
    if others:
        arrivals.append(Arrival(Provider.X, Kind.UNKNOWN, _digest(others), payload=others))
    return arrivals


_X_READ = frozenset({"direct_message_events", "tweet_create_events"})


def _x_direct_message(event: Mapping[str, Any], ours: str, users: Mapping[str, Any]) -> Arrival:
    created = event.get("message_create")
    if event.get("type") != "message_create" or not isinstance(created, dict):
        return Arrival(Provider.X, Kind.UNKNOWN, _digest(event), Channel.X, payload=dict(event))
    sender_id, message_id = str(created.get("sender_id", "")), str(event.get("id", ""))
    if not sender_id or not message_id:
        raise WebhookMalformed("An X direct message names its id and sender_id.")
    if sender_id == ours:  # what the brand's own account sent
        return Arrival(Provider.X, Kind.UNKNOWN, f"dm:{message_id}", Channel.X, payload=dict(event))
    user, data = _object(users.get(sender_id)), _object(created.get("message_data"))
    return Arrival(
        provider=Provider.X,
        kind=Kind.MESSAGE,
        provider_message_id=f"dm:{message_id}",
        channel=Channel.X,
        sender=str(user.get("screen_name") or sender_id),
        sender_name=str(user.get("name") or ""),
        text=str(data.get("text") or ""),
        occurred_at=_moment(event.get("created_timestamp"), milliseconds=True),
        payload=dict(event),
    )


def _x_mention(tweet: Mapping[str, Any], ours: str) -> Arrival:
    user = _object(tweet.get("user"))
    tweet_id = str(tweet.get("id_str") or tweet.get("id") or "")
    if not tweet_id or not user.get("screen_name"):
        raise WebhookMalformed("An X post names its id and its author's screen_name.")
    if str(user.get("id_str") or user.get("id") or "") == ours:
        return Arrival(Provider.X, Kind.UNKNOWN, f"post:{tweet_id}", Channel.X, payload=dict(tweet))
    extended = tweet.get("extended_tweet")
    text = extended.get("full_text") if isinstance(extended, dict) else tweet.get("text")
    return Arrival(
        provider=Provider.X,
        kind=Kind.MESSAGE,
        provider_message_id=f"post:{tweet_id}",
        channel=Channel.X,
        sender=str(user["screen_name"]),
        sender_name=str(user.get("name") or ""),
        text=str(text or ""),
        occurred_at=_moment(tweet.get("timestamp_ms"), milliseconds=True),
        payload=dict(tweet),
    )


def _object(value: Any) -> dict[str, Any]:
    """A part of a payload that should be an object: empty when it is not."""
    return value if isinstance(value, dict) else {}


def _objects(value: Any, name: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise WebhookMalformed(f"“{name}” is a list of objects.")
    return value
