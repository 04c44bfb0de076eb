"""A coach's week: Grace sees who is behind on microlearning (Tom's module is overdue), reads
the mystery-shop results by behaviour, store and channel, and records a visit; Tom answers
his module's check questions on his Learning page and completes it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in, sign_out

pytestmark = pytest.mark.e2e


@pytest.fixture
def harlow_and_finch(transactional_db: None) -> None:
    call_command("demo", customers=20, stdout=io.StringIO())


def test_grace_follows_learning_and_mystery_shopping_and_tom_completes_his_module(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    sign_in(page, live_server.url, "grace")
    page.get_by_role("link", name="Coaching").click()
    expect(page.get_by_role("heading", name="Coaching", level=1)).to_be_visible()
    expect(page.get_by_text("Did we acknowledge history?").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Microlearning").click()
    tom = page.get_by_role("row").filter(has_text="Tom Reilly")
    expect(tom).to_contain_text("Summarise the next step (due")
    assert_accessible(page)

    page.get_by_role("link", name="Coaching").first.click()
    page.get_by_role("link", name="Mystery shopping").click()
    results = page.get_by_role("region", name="Results by behaviour, store and channel")
    expect(results.get_by_role("row").filter(has_text="London Covent Garden").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record a visit on Cross-channel continuity visit").click()
    page.get_by_label("Date").fill("2026-03-02")
    page.get_by_role(
        "group", name="Did the colleague know about your earlier contact"
    ).get_by_label("Yes").check()
    page.get_by_role("group", name="Did they confirm what you needed").get_by_label("No").check()
    page.get_by_role("group", name="How clearly did they summarise").get_by_label("4").check()
    page.get_by_role("group", name="How well did the tone suit").get_by_label("5").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_text("Visit recorded on “Cross-channel continuity visit”.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server.url, "tom")
    page.get_by_role("link", name="Learning").click()
    page.get_by_role("link", name="Summarise the next step").click()
    assert_accessible(page)
    page.get_by_role("group", name="Which closing best summarises the next step?").get_by_label(
        "Tom at Manchester will hold"
    ).check()
    page.get_by_role("group", name="What does a handover note's next step need?").get_by_label(
        "An owner and a due time"
    ).check()
    page.get_by_role("button", name="Check my answers").click()

    expect(page.get_by_text("“Summarise the next step” complete.")).to_be_visible()
    expect(page.get_by_role("region", name="Your modules")).to_contain_text("completed")
    assert_accessible(page)
