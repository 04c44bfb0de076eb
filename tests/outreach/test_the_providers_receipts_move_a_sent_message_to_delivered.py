"""The outbox asks Twilio for delivery receipts (StatusCallback); the local provider posts
them back signed the way Twilio signs, and fed to outreach_delivery_update they move the
message from sent to delivered."""

from __future__ import annotations

import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from everthread.outreach.delivery import outreach_deliver
from everthread.outreach.localprovider import twilio_signature
from everthread.outreach.services import outreach_delivery_update
from outboxing import daytime, queue_message
from providers import free_port, provider_start


class _Receipts(BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], str]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        params = dict(urllib.parse.parse_qsl(body))
        self.received.append((params, self.headers.get("X-Twilio-Signature", "")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receipts_url():
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), _Receipts)
    _Receipts.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/hooks/twilio/messages"
    server.shutdown()


@pytest.fixture
def calling_back(tmp_path, settings, receipts_url):
    provider = provider_start(tmp_path, "--callbacks")
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.TWILIO_STATUS_CALLBACK_URL = receipts_url
    yield provider
    provider.stop()


def test_receipts_come_back_signed_and_move_the_message_on(
    calling_back, receipts_url, charlotte, advisor
) -> None:
    message = queue_message(charlotte, advisor, "sms")
    sent = outreach_deliver(message_id=message.pk, now=daytime())
    assert sent is not None and sent.status == "sent"

    deadline = time.monotonic() + 10
    while len(_Receipts.received) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)

    assert [params["MessageStatus"] for params, _ in _Receipts.received] == ["sent", "delivered"]
    for params, signature in _Receipts.received:
        assert params["MessageSid"] == sent.provider_message_id
        assert signature == twilio_signature("local-token", receipts_url, params)
        outreach_delivery_update(
            provider_message_id=params["MessageSid"], status=params["MessageStatus"]
        )
    message.refresh_from_db()
    assert message.status == "delivered"
