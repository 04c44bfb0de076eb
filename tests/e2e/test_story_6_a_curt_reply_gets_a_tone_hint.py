"""Story 6, the raincoat: Rosa asked on X, then in live chat. Writing to her, a curt
"Length: 98 cm." gets its tone hints as it is typed (curt, and her earlier contact not
acknowledged); the warm answer that picks up where she left off gets none; sending the
curt one anyway asks first, and the choice is kept with the message."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in
from everthread.customers.models import ContactPoint
from everthread.outreach.models import OutboundMessage

pytestmark = pytest.mark.e2e


@pytest.fixture
def rosa(transactional_db: None) -> int:
    call_command("demo", customers=10, stdout=io.StringIO())
    return ContactPoint.objects.get(value="rosa.alvarez@example.com").customer_id


def test_a_curt_reply_gets_a_tone_hint_before_it_is_sent(
    live_server: object, page: Page, rosa: int
) -> None:
    # Rosa's fitting confirmation went before; only what Chloe writes here is counted.
    chloes = OutboundMessage.objects.filter(customer_id=rosa, created_by__username="chloe")
    sign_in(page, live_server.url, "chloe")
    page.goto(f"{live_server.url}/customers/{rosa}/message/?purpose=service")
    expect(page.get_by_role("heading", name="Send a message to Rosa Alvarez")).to_be_visible()
    page.get_by_label("Purpose").last.select_option("service")
    page.get_by_label("Channel").select_option("email")

    message = page.get_by_role("textbox", name="Message")
    message.fill("Length: 98 cm.")
    hints = page.locator(".tone-hints")
    expect(hints).to_contain_text("“Length: 98 cm.” is very short and has no greeting or thanks")
    # The demo's chat was 40 minutes ago: yesterday, when the suite runs just after midnight.
    expect(hints).to_contain_text(
        re.compile("The customer contacted us by Live chat (earlier today|yesterday)")
    )
    assert_accessible(page)

    message.fill(
        "Hi Rosa, following up on your question in chat: the Covent Garden team tried the red "
        "toggle raincoat on, and it falls just below the knee.\n\nWarm regards, Chloe"
    )
    expect(hints).to_contain_text("Tone: nothing to change.")

    message.fill("Length: 98 cm.")
    expect(hints).to_contain_text("is very short")
    page.get_by_role("button", name="Send through the gate").click()
    expect(
        page.get_by_text("The tone check has 2 suggestions for this message to Rosa")
    ).to_be_visible()
    assert not chloes.exists()

    page.get_by_label("Send anyway: I have read the tone hints").check()
    page.get_by_role("button", name="Send through the gate").click()
    expect(page.get_by_role("region", name="What happened")).to_contain_text("Rosa Alvarez, Email")
    sent = chloes.get()
    assert sent.sent_anyway
    assert [hint["rule"] for hint in sent.tone_hints] == [
        "curt",
        "no-sign-off",
        "history-not-acknowledged",
    ]
