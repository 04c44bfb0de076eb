"""Story 6 in the web chat: Rosa opens the widget on the brand's own site (another origin),
asks about the red toggle raincoat, and sees Chloe's answer arrive; after a page change the
conversation is still there."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from everthread.channels.models import ChatConversation
from everthread.channels.services import chat_reply
from everthread.conversations.models import Interaction
from factories import ContactPointFactory, CustomerFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.e2e

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harlow &amp; Finch</title></head><body><h1>Raincoats</h1><p>The red toggle raincoat.</p>
<script src="{everthread}/static/channels/chat-widget.js" data-everthread-url="{everthread}"
        data-everthread-key="e2e-chat-key" data-everthread-poll-ms="300"></script></body></html>"""


@pytest.fixture
def brand_site(live_server: object) -> Iterator[str]:
    """The brand's own site, on another origin than Everthread, with the widget's script tag."""
    html = PAGE.format(everthread=live_server.url).encode()  # type: ignore[attr-defined]

    class Shop(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Shop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_rosa_chats_on_the_brands_site_and_sees_the_answer(
    live_server: object, page: Page, transactional_db: None, brand_site: str, settings
) -> None:
    settings.CHAT_PUBLIC_KEY = "e2e-chat-key"
    settings.CHAT_ALLOWED_ORIGINS = [brand_site]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    OrganisationFactory()
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    ContactPointFactory(customer=rosa, kind="email", value="rosa.alvarez@example.com")
    chloe = StaffFactory(username="chloe", first_name="Chloe", last_name="Evans", role="agent")

    page.goto(brand_site)
    page.get_by_role("button", name="Chat with us").click()
    assert_accessible(page)
    chat = page.get_by_role("dialog", name="Chat with us")
    chat.get_by_label("Your name").fill("Rosa")
    chat.get_by_label("Your email").fill("rosa.alvarez@example.com")
    chat.get_by_label("How can we help?").fill("Does the red toggle raincoat cover my legs?")
    chat.get_by_role("button", name="Start chat").click()
    log = chat.get_by_role("log", name="Messages")
    expect(log).to_contain_text("Does the red toggle raincoat cover my legs?")
    assert_accessible(page)

    conversation = ChatConversation.objects.get()
    assert conversation.customer == rosa  # recognised by her email, on her timeline
    chat_reply(actor=chloe, conversation_id=conversation.pk, text="It falls just below the knee.")
    expect(log).to_contain_text("Chloe (Harlow & Finch)")
    expect(log).to_contain_text("It falls just below the knee.")

    chat.get_by_role("textbox", name="Message", exact=True).fill("Lovely, thank you!")
    chat.get_by_role("button", name="Send", exact=True).click()
    expect(log).to_contain_text("Lovely, thank you!")

    page.reload()
    page.get_by_role("button", name="Chat with us").click()
    expect(page.get_by_role("log", name="Messages")).to_contain_text(
        "It falls just below the knee."
    )
    bodies = list(
        Interaction.objects.filter(customer=rosa).order_by("pk").values_list("direction", "body")
    )
    assert bodies == [
        ("inbound", "Does the red toggle raincoat cover my legs?"),
        ("outbound", "It falls just below the knee."),
        ("inbound", "Lovely, thank you!"),
    ]
