"""Stories 1 and 4 on the demo organisation: a caller's phone in another format and an
order number typed into the recognise bar land straight on the customer; a misspelt
name offers look-alikes with reasons, and a new customer prefilled from the bar."""

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
def harlow_and_finch(transactional_db: None) -> None:
    call_command("demo", customers=20, stdout=io.StringIO())


def recognise(page: Page, typed: str) -> None:
    page.get_by_label("Recognise a customer").fill(typed)
    page.get_by_label("Recognise a customer").press("Enter")


def test_store_associate_recognises_callers_and_chatters(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    sign_in(page, live_server.url, "marcus")

    recognise(page, "0044 7700 900101")
    expect(page.get_by_role("heading", name="Amara Osei", level=1)).to_be_visible()
    assert_accessible(page)

    recognise(page, "hf-100482")
    expect(page.get_by_role("heading", name="Daniel Novak", level=1)).to_be_visible()
    expect(page.locator("#contact-points")).to_contain_text("HF-100482")

    recognise(page, "Daniel Nowak")
    expect(page.get_by_role("heading", name=re.compile("Who is"))).to_be_visible()
    candidate = page.get_by_role("link", name="Daniel Novak")
    expect(candidate).to_be_visible()
    expect(page.get_by_text("same given name", exact=False)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Create a new customer")).click()
    expect(page.get_by_label("Given name")).to_have_value("Daniel")
    expect(page.get_by_label("Family name")).to_have_value("Nowak")
    assert_accessible(page)
