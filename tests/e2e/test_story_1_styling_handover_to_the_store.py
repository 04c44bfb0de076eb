"""Story 1: virtual styling to the store.

Priya runs Amara's virtual styling session, logs it and writes the handover: what
Amara wants, what was promised, what was tried, and the next step owned by Tom at
Manchester, due Saturday 10:00. Tom sees it on his day, recognises Amara from her
phone number in another format, reads the thread so far and completes the follow-up
with its outcome, which every colleague then reads on her timeline.
"""

from __future__ import annotations

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in, sign_out

pytestmark = pytest.mark.e2e

LONDON = ZoneInfo("Europe/London")
NEXT_STEP = "Show Amara the emerald wrap dress in 12 and two alternatives"


@pytest.fixture
def harlow_and_finch(transactional_db: None) -> None:
    call_command("demo", customers=20, stdout=io.StringIO())


def saturday_at_ten() -> datetime.datetime:
    """The coming Saturday at 10:00 in London, always in the future."""
    now = datetime.datetime.now(LONDON)
    days = (5 - now.weekday()) % 7
    saturday = (now + datetime.timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return saturday if saturday > now else saturday + datetime.timedelta(days=7)


def choose(page: Page, field: str, option_text: str) -> None:
    """Pick the option of a select whose text starts with ``option_text``."""
    select = page.get_by_label(field, exact=True)
    value = select.locator("option", has_text=option_text).first.get_attribute("value")
    select.select_option(value)


def test_styling_handover_is_picked_up_in_store(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    due = saturday_at_ten()
    sign_in(page, live_server.url, "priya")
    page.get_by_label("Recognise a customer").fill("amara.osei@example.com")
    page.get_by_label("Recognise a customer").press("Enter")
    expect(page.get_by_role("heading", name="Amara Osei", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Log a contact").click()
    page.get_by_label("Channel").select_option("video")
    page.get_by_label("Direction").select_option("inbound")
    page.get_by_label("Summary").fill("Virtual styling session for her sister's wedding")
    page.get_by_label("What was said").fill("Pulled three looks; loved the emerald wrap dress.")
    page.get_by_label("Part of").select_option("new")
    page.get_by_label("New journey's kind").select_option("styling")
    page.get_by_label("New journey's title").fill("Outfit for her sister's wedding, 14 March")
    assert_accessible(page)
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Contact logged on the timeline.")).to_be_visible()

    page.get_by_role("link", name="Write a handover note").click()
    page.get_by_label("What the customer wants").fill(
        "An outfit for her sister's wedding on 14 March: UK 12 dresses (10 in some brands), "
        "tailored fit, £300–500, emerald or navy."
    )
    page.get_by_label("What has been promised").fill(
        "We will hold the emerald wrap dress in 12 at Manchester until Saturday."
    )
    page.get_by_label("What has been tried").fill(
        "Three looks over video; the emerald wrap dress was her favourite."
    )
    page.get_by_label("Agreed next step").fill(NEXT_STEP)
    choose(page, "Next step owner", "Tom Reilly")
    page.get_by_label("Next step due").fill(due.strftime("%Y-%m-%dT%H:%M"))
    choose(page, "Part of", "Outfit for her sister's wedding, 14 March")
    assert_accessible(page)
    page.get_by_role("button", name="Save note").click()

    expect(page.get_by_text("Colleagues in every channel can read it now")).to_be_visible()
    expect(page.get_by_role("heading", name="Quality: 4 of 4")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Next step with\s+Tom Reilly"))).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server.url, "tom")
    day = page.get_by_role("main")
    expect(day.get_by_role("link", name=NEXT_STEP, exact=True)).to_be_visible()
    expect(day.get_by_text("From Priya Shah: " + NEXT_STEP)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Recognise a customer").fill("07700 900101")
    page.get_by_label("Recognise a customer").press("Enter")
    expect(page.get_by_role("heading", name="Amara Osei", level=1)).to_be_visible()
    brief = page.get_by_role("region", name="The thread so far")
    expect(brief).to_contain_text("Outfit for her sister's wedding, 14 March")
    expect(brief).to_contain_text("Video appointment")
    expect(brief).to_contain_text(NEXT_STEP)
    expect(brief).to_contain_text("Tom Reilly")
    assert_accessible(page)

    brief.get_by_role("link", name=NEXT_STEP, exact=True).click()
    expect(page.get_by_role("heading", name=f"Follow-up: {NEXT_STEP}")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What happened").fill(
        "Amara tried the emerald wrap in 12 and bought it, with the navy clutch."
    )
    page.get_by_role("button", name="Mark done").click()

    expect(page.get_by_role("heading", name="Amara Osei", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="The thread so far")).not_to_contain_text(NEXT_STEP)
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Outcome: Amara tried the emerald wrap in 12 and bought it")
    expect(timeline).to_contain_text("Handover note by Priya Shah")
    assert_accessible(page)
