"""A manager observes an agent's real chat from the customer's timeline.

Ruth, who manages the Leeds contact centre, opens Daniel Novak and reads the thread so far:
Chloe's chat agreeing the boots exchange. "Observe" on that contact opens the rubric beside
what the automatic review already said of Chloe's notes and messages; Ruth scores the
behaviours she saw, says why, and lands on Chloe's coaching page, where the observation is.
On the continuity dashboard, narrowed to Chloe, her behaviours now count Ruth's scores.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Locator, Page, expect

from accessibility import assert_accessible
from browsing import sign_in

pytestmark = pytest.mark.e2e

COMMENT = "Confirmed the size and the store before promising: Daniel will not repeat himself."


@pytest.fixture
def harlow_and_finch(transactional_db: None) -> None:
    call_command("demo", customers=20, stdout=io.StringIO())


def _chloes_behaviour(page: Page, behaviour: str) -> Locator:
    """The row of Chloe's behaviours table on the continuity dashboard for ``behaviour``."""
    page.get_by_role("link", name="Continuity", exact=True).click()
    page.get_by_label("Person", exact=True).select_option(label="Chloe Evans")
    expect(page).to_have_url(re.compile(r"/insights/\?.*staff=\d+"))
    return page.locator("table[data-table=behaviours] tbody tr").filter(has_text=behaviour)


def _scores_observed(row: Locator) -> int:
    return int(row.locator("td").first.inner_text()) if row.count() else 0


def test_ruth_observes_chloes_chat_and_sees_it_on_her_coaching_page(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    sign_in(page, live_server.url, "ruth")
    before = _scores_observed(_chloes_behaviour(page, "Acknowledge history"))

    bar = page.get_by_label("Recognise a customer")
    bar.fill("daniel.novak@example.com")
    bar.press("Enter")
    expect(page.get_by_role("heading", name="Daniel Novak", level=1)).to_be_visible()

    timeline = page.get_by_role("region", name="Timeline")
    chat = timeline.get_by_role("listitem").filter(has_text="Exchange agreed")
    chat.get_by_role("link", name="Observe Chloe Evans on this contact").click()

    expect(page.get_by_role("heading", name="Observe Chloe Evans", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Automatic review")).to_contain_text("of 4")
    assert_accessible(page)
    page.get_by_label("Did we acknowledge history?").select_option("4")
    page.get_by_label("Confirm needs").select_option("4")
    page.get_by_label("Summarise what has been agreed and what will happen next").select_option("3")
    page.get_by_label("Comment").fill(COMMENT)
    page.get_by_role("button", name="Save the observation").click()

    expect(page.get_by_text("Observation of Chloe Evans saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Chloe Evans", level=1)).to_be_visible()
    observations = page.get_by_role("region", name="Observations")
    latest = observations.get_by_role("listitem").filter(has_text=COMMENT)
    expect(latest).to_contain_text("by Ruth Okafor")
    expect(latest).to_contain_text("Acknowledge history: 4/4")
    assert_accessible(page)

    row = _chloes_behaviour(page, "Acknowledge history")
    expect(row.locator("td").first).to_have_text(str(before + 1))
    expect(page.locator("svg[data-chart=behaviours]")).to_contain_text("Acknowledge history")
    assert_accessible(page)
