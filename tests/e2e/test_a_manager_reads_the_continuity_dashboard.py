"""Ruth, who manages the Leeds contact centre, opens the continuity dashboard, narrows it to
live chat, sees the charts drawn, and follows the response-time bar to the chats behind it."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("demo", customers=30, stdout=io.StringIO())


def test_a_manager_filters_by_channel_and_drills_down(
    live_server: object, page: Page, demo: None
) -> None:
    sign_in(page, live_server.url, "ruth")
    page.get_by_role("link", name="Continuity").click()
    expect(page.get_by_role("heading", name="Continuity", level=1)).to_be_visible()
    expect(page.locator("[data-metric=followup_completion]")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Channel", exact=True).select_option("chat")
    expect(page).to_have_url(re.compile(r"/insights/\?.*channel=chat"))
    chart = page.locator("svg[data-chart=response]")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.chart-bar")).to_have_count(1)
    expect(chart.locator("title").first).to_have_text("Response time by channel")
    expect(page.locator("table[data-table=response] tbody tr")).to_have_count(1)
    assert_accessible(page)

    chart.locator("a").first.click()
    expect(page.get_by_role("heading", name="Contacts behind the figures")).to_be_visible()
    rows = page.locator("table[data-table=contacts] tbody tr")
    expect(rows.first).to_contain_text("Live chat")
    expect(rows.first).to_contain_text("From the customer")
    assert rows.count() >= 1
    assert_accessible(page)
