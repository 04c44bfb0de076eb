"""Story 3: pre-arrival messages and service recovery at The Marlow York.

Mei Lin Chen asked on WhatsApp for feather-free pillows before her stay; the guest
team passed it to the York front desk, and the pillows were missed. The next morning
duty manager Owen Hughes finds the overdue request on his day, takes it, recognises
her by phone, reads the thread, apologises with options, records what she chose and
completes the request. The next shift (Ella) reads the resolution without asking her.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in, sign_out

pytestmark = pytest.mark.e2e

PILLOWS = "Feather-free pillows in Mei Lin Chen's room before she arrives (allergy)"
CHOSEN = "She chose breakfast on the house for both of them; new feather-free pillows at 08:10."


@pytest.fixture
def marlow_hotels(transactional_db: None) -> None:
    call_command("demo", industry="hospitality", customers=10, stdout=io.StringIO())


def log_contact(page: Page, channel: str, direction: str, summary: str, journey: str) -> None:
    page.get_by_role("link", name="Log a contact").click()
    page.get_by_label("Channel").select_option(channel)
    page.get_by_label("Direction").select_option(direction)
    page.get_by_label("Summary").fill(summary)
    part_of = page.get_by_label("Part of", exact=True)
    part_of.select_option(part_of.locator("option", has_text=journey).first.get_attribute("value"))
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Contact logged on the timeline.")).to_be_visible()


def test_duty_manager_recovers_the_missed_pillows(
    live_server: object, page: Page, marlow_hotels: None
) -> None:
    sign_in(page, live_server.url, "owen")
    team = page.get_by_role("region", name="Your team's follow-ups")
    expect(team.get_by_role("link", name=PILLOWS)).to_be_visible()
    expect(team).to_contain_text("overdue")
    assert_accessible(page)

    queue = page.get_by_role("region", name="Your team's queue")
    queue.get_by_role("button", name=f"Take it: {PILLOWS}").click()
    expect(page.get_by_text(f"It's yours: {PILLOWS}")).to_be_visible()
    expect(
        page.get_by_role("region", name="Overdue").get_by_role("link", name=PILLOWS)
    ).to_be_visible()

    page.get_by_label("Recognise a customer").fill("07700 900303")
    page.get_by_label("Recognise a customer").press("Enter")
    expect(page.get_by_role("heading", name="Mei Lin Chen", level=1)).to_be_visible()
    brief = page.get_by_role("region", name="The thread so far")
    expect(brief).to_contain_text("Awaiting our reply")
    expect(brief).to_contain_text(PILLOWS)
    expect(brief).to_contain_text("WhatsApp")
    assert_accessible(page)
    stay = brief.locator(".brief-item").first.locator("strong").first.inner_text()

    log_contact(
        page,
        "whatsapp",
        "outbound",
        "Apologised for the pillows; offered a room move or breakfast on the house",
        stay,
    )
    log_contact(page, "in_store", "inbound", CHOSEN, stay)

    brief.get_by_role("link", name=PILLOWS).click()
    page.get_by_label("What happened").fill(
        "Apologised in person; " + CHOSEN[0].lower() + CHOSEN[1:]
    )
    page.get_by_role("button", name="Mark done").click()
    expect(page.get_by_role("heading", name="Mei Lin Chen", level=1)).to_be_visible()

    brief = page.get_by_role("region", name="The thread so far")
    brief.get_by_text("Update", exact=False).first.click()
    brief.get_by_label("Where it stands").first.fill(
        "Recovered: pillows replaced, breakfast on the house; check in with her at checkout"
    )
    brief.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text("updated.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server.url, "ella")
    page.get_by_label("Recognise a customer").fill("+44 7700 900303")
    page.get_by_label("Recognise a customer").press("Enter")
    brief = page.get_by_role("region", name="The thread so far")
    expect(brief).to_contain_text("Recovered: pillows replaced, breakfast on the house")
    expect(brief).not_to_contain_text(PILLOWS)
    expect(brief).not_to_contain_text("Awaiting our reply")
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Outcome: Apologised in person; she chose breakfast")
    expect(timeline).to_contain_text(CHOSEN)
    assert_accessible(page)
