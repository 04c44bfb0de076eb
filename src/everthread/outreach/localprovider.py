"""A local stand-in for Twilio's Messages API, WhatsApp's Cloud API and an SMTP server, so
the demo and the tests send over real HTTP and SMTP without reaching anyone.

It answers like the real APIs (Twilio JSON with an "SM…" sid; WhatsApp
``{"messages": [{"id": "wamid…"}]}``; SMTP ``250``), keeps what it took in a JSON-lines
file, lists it at ``GET /_sent`` (``POST /_reset`` forgets it), and fails on demand, by
the address sent to:

======================  ============================  =====================================
phone number ends in    email local part starts with  answer
======================  ============================  =====================================
``990``                 ``invalid``                   refused for good: Twilio 21211,
                                                      WhatsApp 131026, SMTP 550
``991``                 ``flaky``                     HTTP 500 / SMTP 451 for the first
                                                      ``flaky_attempts`` tries, then taken
``992``                 ``slow``                      no answer for ``hang_seconds``
``993``                 ``busy``                      HTTP 429 / SMTP 452 for the first
                                                      ``flaky_attempts`` tries, then taken
======================  ============================  =====================================

Like the real providers, a repeat of a message it already took (same ``Idempotency-Key``
header, WhatsApp ``biz_opaque_callback_data`` or email Message-ID) returns the first
answer and is not taken twice; every request is counted by key (``requests`` in
``GET /_sent``). Twilio lists messages (``GET …/Messages.json?To=&From=&DateSent>=``).
"""

from __future__ import annotations

import base64
import datetime
import email
import hashlib
import hmac
import json
import re
import secrets
import socketserver
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

TWILIO_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<sid>[^/]+)/Messages\.json$")
WHATSAPP_PATH = re.compile(r"^/v\d+\.\d+/(?P<number_id>[^/]+)/messages$")


@dataclass
class Behaviour:
    flaky_attempts: int = 2
    hang_seconds: float = 30.0
    # Taken, then the answer is slow to come back: the window in which a worker that dies
    # has reached the provider without knowing it.
    latency: float = 0.0
    callbacks: bool = False
    # The one secret it takes: Twilio's auth token and Meta's access token alike.
    token: str = "local-token"


@dataclass
class Ledger:
    """What the provider took, by key, kept in a JSON-lines file that survives a restart."""

    path: Path
    messages: list[dict[str, Any]] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)
    # Bumped by forget(): a request that hung across it is not kept after it.
    generation: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            lines = self.path.read_text().splitlines()
            self.messages = [json.loads(line) for line in lines if line.strip()]

    def attempt(self, key: str) -> int:
        """Count a request for this key; how many there have been, this one included."""
        with self.lock:
            self.requests[key] += 1
            return self.requests[key]

    def taken(self, key: str) -> dict[str, Any] | None:
        with self.lock:
            return next((m for m in self.messages if key and m["key"] == key), None)

    def take(self, record: dict[str, Any]) -> dict[str, Any]:
        """Keep the message, or return the one already kept under its key."""
        with self.lock:
            first = next(
                (m for m in self.messages if record["key"] and m["key"] == record["key"]), None
            )
            if first is not None:
                return first
            record["received_at"] = datetime.datetime.now(datetime.UTC).isoformat()
            self.messages.append(record)
            with self.path.open("a") as out:
                out.write(json.dumps(record) + "\n")
            return record

    def forget(self) -> None:
        """Start afresh (tests between stories)."""
        with self.lock:
            self.messages, self.requests = [], Counter()
            self.generation += 1
            self.path.write_text("")

    def listing(self) -> dict[str, Any]:
        with self.lock:
            return {"messages": list(self.messages), "requests": dict(self.requests)}


def _fault(address: str) -> str:
    """Which failure an address asks for: invalid, flaky, slow, busy, or ''."""
    local = address.split("@")[0].removeprefix("whatsapp:").lower()
    if "@" in address:
        return next((f for f in ("invalid", "flaky", "slow", "busy") if local.startswith(f)), "")
    return {"990": "invalid", "991": "flaky", "992": "slow", "993": "busy"}.get(local[-3:], "")


class _Api(BaseHTTPRequestHandler):
    server: LocalProviderHttp
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the ledger is the record

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_sent":
            return self._answer(200, self.server.ledger.listing())
        if match := TWILIO_PATH.match(url.path):
            if not self._twilio_auth(match["sid"]):
                return None
            return self._answer(200, self._twilio_list(urllib.parse.parse_qs(url.query)))
        return self._answer(404, {"error": "not found"})

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        body = self._body()
        if path == "/_reset":
            self.server.ledger.forget()
            return self._answer(200, {"messages": [], "requests": {}})
        if match := TWILIO_PATH.match(path):
            if self._twilio_auth(match["sid"]):
                self._twilio_send(match["sid"], urllib.parse.parse_qs(body.decode()))
            return None
        if WHATSAPP_PATH.match(path):
            return self._whatsapp_send(body)
        return self._answer(404, {"error": "not found"})

    # Twilio.

    def _twilio_auth(self, sid: str) -> bool:
        user, _, token = _basic(self.headers.get("Authorization", ""))
        if user == sid and hmac.compare_digest(token, self.server.behaviour.token):
            return True
        self._answer(401, {"code": 20003, "message": "Authenticate", "status": 401})
        return False

    def _twilio_send(self, sid: str, form: dict[str, list[str]]) -> None:
        to, sender = _one(form, "To"), _one(form, "From")
        key = self.headers.get("Idempotency-Key", "")
        if not to or not sender or not _one(form, "Body"):
            return self._answer(
                400,
                {
                    "code": 21604,
                    "message": "A 'To', 'From' and 'Body' are required.",
                    "status": 400,
                },
            )
        if self._failing(
            key, to, invalid=(21211, f"The 'To' number {to} is not a valid phone number.")
        ):
            return None
        record = self.server.ledger.take(
            {
                "provider": "twilio",
                "id": "SM" + secrets.token_hex(16),
                "key": key,
                "to": to,
                "from": sender,
                "body": _one(form, "Body"),
                "status_callback": _one(form, "StatusCallback"),
            }
        )
        self._slow_answer(201, _twilio_message(sid, record))
        if self.server.behaviour.callbacks and record["status_callback"]:
            _twilio_callbacks(sid, _basic(self.headers.get("Authorization", ""))[2], record)
        return None

    def _twilio_list(self, query: dict[str, list[str]]) -> dict[str, Any]:
        to, sender = _one(query, "To"), _one(query, "From")
        since = _one(query, "DateSent>")
        found = [
            m
            for m in self.server.ledger.listing()["messages"]
            if m["provider"] == "twilio"
            and (not to or m["to"] == to)
            and (not sender or m["from"] == sender)
            and (not since or m["received_at"][:10] >= since)
        ]
        messages = [_twilio_message(m["from"], m) for m in reversed(found)]
        return {"messages": messages, "page": 0, "page_size": len(messages), "next_page_uri": None}

    # WhatsApp Cloud API.

    def _whatsapp_send(self, raw: bytes) -> None:
        bearer = self.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(bearer, self.server.behaviour.token):
            return self._answer(
                401,
                {
                    "error": {
                        "message": "Invalid OAuth access token.",
                        "type": "OAuthException",
                        "code": 190,
                    }
                },
            )
        try:
            payload = json.loads(raw)
            to, text = str(payload["to"]), str(payload["text"]["body"])
        except (ValueError, KeyError, TypeError):
            return self._answer(
                400,
                {
                    "error": {
                        "message": "(#100) Invalid parameter",
                        "type": "OAuthException",
                        "code": 100,
                    }
                },
            )
        key = self.headers.get("Idempotency-Key") or str(
            payload.get("biz_opaque_callback_data", "")
        )
        invalid = (131026, "Message undeliverable")
        if self._failing(key, to, invalid=invalid, meta=True):
            return None
        record = self.server.ledger.take(
            {
                "provider": "whatsapp",
                "id": "wamid." + secrets.token_urlsafe(24),
                "key": key,
                "to": to,
                "from": "",
                "body": text,
            }
        )
        return self._slow_answer(
            200,
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": record["id"]}],
            },
        )

    # Failing on demand.

    def _failing(self, key: str, to: str, *, invalid: tuple[int, str], meta: bool = False) -> bool:
        """Answer with the failure the address asks for; True if it did."""
        attempt = self.server.ledger.attempt(key or to)
        fault = _fault(to)
        behaviour = self.server.behaviour
        if fault == "slow":
            generation = self.server.ledger.generation
            time.sleep(behaviour.hang_seconds)
            if generation != self.server.ledger.generation:
                self._answer(503, {"code": 20503, "message": "Forgotten", "status": 503})
                return True
        code, message = invalid
        if fault == "invalid":
            body: dict[str, Any] = (
                {
                    "error": {
                        "message": f"({code}) {message}",
                        "type": "OAuthException",
                        "code": code,
                        "error_data": {"messaging_product": "whatsapp", "details": message},
                    }
                }
                if meta
                else {
                    "code": code,
                    "message": message,
                    "more_info": f"https://www.twilio.com/docs/errors/{code}",
                    "status": 400,
                }
            )
            self._answer(400, body)
            return True
        if fault in ("flaky", "busy") and attempt <= behaviour.flaky_attempts:
            status = 500 if fault == "flaky" else 429
            self._answer(
                status,
                {
                    "code": 20500 if status == 500 else 20429,
                    "message": "Try again later",
                    "status": status,
                },
            )
            return True
        return False

    def _slow_answer(self, status: int, body: dict[str, Any]) -> None:
        time.sleep(self.server.behaviour.latency)
        self._answer(status, body)


def _basic(header: str) -> tuple[str, str, str]:
    try:
        decoded = base64.b64decode(header.removeprefix("Basic ").strip()).decode()
    except ValueError:
        return "", "", ""
    return decoded.partition(":")


def _one(values: dict[str, list[str]], name: str) -> str:
    return (values.get(name) or [""])[0]


def _twilio_message(sid: str, record: dict[str, Any]) -> dict[str, Any]:
    return {
        "sid": record["id"],
        "account_sid": sid,
        "to": record["to"],
        "from": record["from"],
        "body": record["body"],
        "status": "queued",
        "direction": "outbound-api",
        "date_created": record.get("received_at"),
        "error_code": None,
        "error_message": None,
        "api_version": "2010-04-01",
    }


def twilio_signature(token: str, url: str, params: dict[str, str]) -> str:
    """Twilio's X-Twilio-Signature: HMAC-SHA1 of the URL and the sorted form fields."""
    signed = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    digest = hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _twilio_callbacks(sid: str, token: str, record: dict[str, Any]) -> None:
    """Post "sent" then "delivered" to the message's StatusCallback, signed, like Twilio."""

    def post() -> None:
        for status in ("sent", "delivered"):
            time.sleep(0.2)
            params = {
                "MessageSid": record["id"],
                "SmsSid": record["id"],
                "AccountSid": sid,
                "MessageStatus": status,
                "SmsStatus": status,
                "To": record["to"],
                "From": record["from"],
                "ApiVersion": "2010-04-01",
            }
            request = urllib.request.Request(
                record["status_callback"],
                data=urllib.parse.urlencode(params).encode(),
                headers={
                    "X-Twilio-Signature": twilio_signature(token, record["status_callback"], params)
                },
            )
            try:
                urllib.request.urlopen(request, timeout=5).close()
            except OSError:
                return  # like Twilio: a callback nobody takes is dropped

    threading.Thread(target=post, daemon=True).start()


class LocalProviderHttp(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], ledger: Ledger, behaviour: Behaviour) -> None:
        super().__init__(address, _Api)
        self.ledger, self.behaviour = ledger, behaviour


# SMTP: just enough of RFC 5321 for smtplib and any mail client.


class _Smtp(socketserver.StreamRequestHandler):
    server: LocalProviderSmtp

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._say("220 localprovider ESMTP ready")
        sender, recipients = "", list[str]()
        while raw := self.rfile.readline():
            command = raw.decode(errors="replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._say(
                    "250-localprovider\r\n250-8BITMIME\r\n250 SIZE 10485760"
                    if verb == "EHLO"
                    else "250 localprovider"
                )
            elif verb == "MAIL":
                sender, recipients = command.partition(":")[2].strip(" <>"), []
                self._say("250 2.1.0 Ok")
            elif verb == "RCPT":
                recipient = command.partition(":")[2].strip(" <>")
                reply = self._recipient(recipient)
                self._say(reply)
                if reply.startswith("250"):
                    recipients.append(recipient)
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                self._say(self._data(sender, recipients))
            elif verb == "RSET":
                sender, recipients = "", []
                self._say("250 2.0.0 Ok")
            elif verb == "NOOP":
                self._say("250 2.0.0 Ok")
            elif verb == "QUIT":
                self._say("221 2.0.0 Bye")
                return
            else:
                self._say("502 5.5.2 Command not recognised")

    def _recipient(self, recipient: str) -> str:
        fault, behaviour = _fault(recipient), self.server.behaviour
        if fault == "slow":
            time.sleep(behaviour.hang_seconds)
        if fault == "invalid":
            return f"550 5.1.1 <{recipient}>: Recipient address rejected: User unknown"
        tries = self.server.ledger.attempt(recipient)
        if fault == "flaky" and tries <= behaviour.flaky_attempts:
            return "451 4.3.0 Try again later"
        if fault == "busy" and tries <= behaviour.flaky_attempts:
            return "452 4.3.1 Too busy, try later"
        return "250 2.1.5 Ok"

    def _data(self, sender: str, recipients: list[str]) -> str:
        lines = []
        while (raw := self.rfile.readline()) and raw.rstrip(b"\r\n") != b".":
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        if not recipients:
            return "554 5.5.1 No valid recipients"
        mail = email.message_from_bytes(b"".join(lines), policy=policy.default)
        message_id = str(mail.get("Message-ID", "")).strip()
        key = message_id.strip("<>").split("@")[0]
        self.server.ledger.attempt(key)
        body = mail.get_body(preferencelist=("plain",))
        record = self.server.ledger.take(
            {
                "provider": "smtp",
                "id": message_id,
                "key": key,
                "to": ", ".join(recipients),
                "from": sender,
                "subject": str(mail.get("Subject", "")),
                "body": body.get_content().strip() if body is not None else "",
                "headers": {name: str(value) for name, value in mail.items()},
                "attachments": [
                    {
                        "filename": part.get_filename() or "",
                        "content_type": part.get_content_type(),
                        "content": part.get_content(),
                    }
                    for part in mail.iter_attachments()
                ],
            }
        )
        time.sleep(self.server.behaviour.latency)
        return f"250 2.0.0 Ok: queued as {record['id']}"


class LocalProviderSmtp(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], ledger: Ledger, behaviour: Behaviour) -> None:
        super().__init__(address, _Smtp)
        self.ledger, self.behaviour = ledger, behaviour
