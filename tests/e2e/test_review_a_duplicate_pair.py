"""A manager reviews what `everthread dedupe` found: Amara was entered twice. She opens
the pair, merges it keeping the better values, and can undo it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in
from everthread.core.selectors import staff_by_username
from everthread.customers.services import customer_create

pytestmark = pytest.mark.e2e


@pytest.fixture
def amara_twice(transactional_db: None) -> None:
    call_command("demo", customers=150, stdout=io.StringIO())
    customer_create(
        actor=staff_by_username("priya"),
        profile={"given_name": "Amara", "family_name": "Osei", "postcode": "M2 4WU"},
        contact_points=[("email", "amara.osei+styling@example.com"), ("phone", "07700 900505")],
    )
    call_command("dedupe", stdout=io.StringIO())


def test_manager_reviews_merges_and_undoes_a_duplicate(
    live_server: object, page: Page, amara_twice: None
) -> None:
    sign_in(page, live_server.url, "hannah")

    page.get_by_role("link", name="Duplicates").click()
    pair = page.get_by_role("region", name="Amara Osei and Amara Osei")
    expect(pair).to_be_visible()
    assert_accessible(page)

    pair.get_by_role("link", name="Review merge").click()
    expect(page.get_by_role("heading", name="Merge Amara Osei into Amara Osei")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Merge records").click()

    expect(page.get_by_text("Merged.")).to_be_visible()
    expect(page.locator("#contact-points")).to_contain_text("amara.osei+styling@example.com")
    page.get_by_role("link", name="Duplicates").click()
    expect(page.get_by_role("region", name="Amara Osei and Amara Osei")).to_have_count(0)

    page.go_back()
    page.get_by_role("button", name="Undo merge of Amara Osei").click()
    expect(page.get_by_text("Merge undone")).to_be_visible()
    expect(page.locator("#contact-points")).not_to_contain_text("amara.osei+styling@example.com")
