"""Practice in the browser: Ellie continues Daniel's chat in the sandbox (the real timeline,
note form and composer on practice data), writes a handover note and a reply, submits,
and sees her scores; Grace reviews the attempt and her score is on it. Nothing real is
written about Daniel."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in, sign_out
from everthread.conversations.models import Interaction
from everthread.notes.models import Note
from everthread.outreach.models import OutboundMessage

pytestmark = pytest.mark.e2e

SCENARIO = "Continue Daniel's chat about his boots"


@pytest.fixture
def harlow_and_finch(transactional_db: None) -> None:
    call_command("demo", customers=10, stdout=io.StringIO())


def test_ellie_continues_daniels_chat_and_grace_reviews_it(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    real = (Interaction.objects.count(), Note.objects.count(), OutboundMessage.objects.count())
    sign_in(page, live_server.url, "ellie")
    page.get_by_role("link", name="Practice").click()
    expect(page.get_by_role("heading", name="My practice", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=f"Start {SCENARIO}").click()

    expect(page.get_by_role("heading", name=f"Practice: {SCENARIO}")).to_be_visible()
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("EU 43 please. I would rather collect them in Leeds.")
    expect(timeline).to_contain_text("Chloe Evans")
    assert_accessible(page)

    page.get_by_label("What the customer wants").fill(
        "Exchange the boots from order HF-100482 for EU 43, collected in Leeds."
    )
    page.get_by_label("What has been promised").fill(
        "Leeds Briggate will have EU 43 ready to collect by Saturday."
    )
    page.get_by_label("Agreed next step").fill("Put EU 43 aside at Leeds Briggate for Daniel")
    page.get_by_label("Next step owner").select_option(label="Leeds store team queue")
    due = timezone.localtime() + datetime.timedelta(days=2)
    page.get_by_label("Next step due").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Note saved to your practice timeline.")).to_be_visible()
    expect(timeline).to_contain_text("Handover note by Ellie Ward")

    page.get_by_role("textbox", name="Message").fill(
        "Hello Daniel, thank you for waiting. I can see you would like EU 43: the Leeds "
        "Briggate team will have them ready for you by Saturday. Kind regards, Ellie"
    )
    expect(page.get_by_text("Tone: nothing to change.")).to_be_visible()
    page.get_by_role("button", name="Send in practice").click()
    expect(page.get_by_text("Sent in practice: it is on your practice timeline.")).to_be_visible()
    expect(timeline).to_contain_text("Hello Daniel, thank you for waiting.")

    page.get_by_role("button", name="Submit my attempt").click()
    scores = page.get_by_role("table", name="Scores on Continuity behaviours")
    expect(scores.get_by_role("row", name="Did we follow through?")).to_contain_text("4")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server.url, "grace")
    page.get_by_role("link", name="Coaching").click()
    page.get_by_role("link", name="Practice scenarios").click()
    waiting = page.get_by_role("region", name="Waiting for review")
    waiting.get_by_role("link", name=f"Review {SCENARIO}, Ellie Ward").click()
    expect(page.get_by_role("heading", name=f"Review: Ellie Ward on {SCENARIO}")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Confirm needs").select_option("3")
    page.get_by_label("Comment").fill("Picked up Chloe's thread without asking again.")
    page.get_by_role("button", name="Save the review").click()

    expect(page.get_by_text("Review of Ellie Ward saved.")).to_be_visible()
    reviewed = page.get_by_role("table", name="Scores on Continuity behaviours")
    expect(reviewed.get_by_role("row", name="Confirm needs")).to_contain_text("3")
    expect(page.get_by_text("Picked up Chloe's thread without asking again.")).to_be_visible()
    assert (
        Interaction.objects.count(),
        Note.objects.count(),
        OutboundMessage.objects.count(),
    ) == real
