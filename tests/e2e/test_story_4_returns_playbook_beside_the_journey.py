"""Story 4 with the knowledge base: at Leeds Briggate, Marcus Bell recognises Daniel Novak
by his order number, finds the returns playbook beside the boots' return journey, ticks its
steps as he goes, and searches the guidance for the exchange rule without leaving Daniel;
the matching words are highlighted. His manager, James, owns the click-and-collect article
that is past review and finds it waiting for him."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in, sign_out

pytestmark = pytest.mark.e2e

FIRST_STEP = "Find the journey from the order number, phone or email before asking anything"


@pytest.fixture
def harlow_and_finch(transactional_db: None, settings) -> None:
    settings.KNOWLEDGE_SEMANTIC_ENABLED = False
    call_command("demo", customers=10, stdout=io.StringIO())


def test_marcus_ticks_the_returns_playbook_and_searches_guidance(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    sign_in(page, live_server.url, "marcus")
    page.get_by_label("Recognise a customer").fill("HF-100482")
    page.get_by_label("Recognise a customer").press("Enter")
    expect(page.get_by_role("heading", name="Daniel Novak", level=1)).to_be_visible()

    guidance = page.get_by_role("region", name="Guidance")
    expect(guidance).to_contain_text("Returns and exchanges: one story, told once")
    expect(guidance).to_contain_text("Checklist: 0 of 6 done")
    guidance.get_by_role("button", name=FIRST_STEP).click()
    expect(guidance).to_contain_text("Checklist: 1 of 6 done")
    expect(guidance).to_contain_text("Marcus Bell")
    assert_accessible(page)

    guidance.get_by_label("Search guidance: returns, tone, consent, playbooks").fill(
        "exchange refund"
    )
    results = guidance.locator("#customer-knowledge-results")
    expect(results).to_contain_text("by words")
    expect(results.locator("mark").first).to_be_visible()
    expect(results.get_by_role("link").first).to_have_text(
        "Returns and exchanges: one story, told once"
    )
    assert_accessible(page)

    page.reload()
    expect(page.get_by_role("region", name="Guidance")).to_contain_text("Checklist: 1 of 6 done")
    sign_out(page)

    sign_in(page, live_server.url, "james")
    page.get_by_role("link", name="Knowledge").click()
    due = page.get_by_role("region", name="Yours to review")
    expect(due).to_contain_text("Click-and-collect ready times")
    expect(due).to_contain_text("Past review")
    assert_accessible(page)
    due.get_by_role("link", name="Click-and-collect ready times").click()
    expect(page.get_by_text("Past review since")).to_be_visible()
    assert_accessible(page)
