"""Story 4 with a duplicate: the chat created a second record for Daniel. At Leeds,
Marcus merges it into Daniel's own record, choosing what to keep, and can undo it."""

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
def daniel_twice(transactional_db: None) -> None:
    call_command("demo", customers=10, stdout=io.StringIO())
    customer_create(
        actor=staff_by_username("chloe"),
        profile={"given_name": "Dan", "family_name": "Novak", "postcode": "LS1 6AB"},
        contact_points=[("phone", "07700 900404")],
    )


def test_associate_merges_a_duplicate_and_undoes_it(
    live_server: object, page: Page, daniel_twice: None
) -> None:
    sign_in(page, live_server.url, "marcus")

    page.get_by_label("Recognise a customer").fill("HF-100482")
    page.get_by_label("Recognise a customer").press("Enter")
    expect(page.get_by_role("heading", name="Daniel Novak", level=1)).to_be_visible()

    page.get_by_label("Other record to merge into this one").fill("07700 900404")
    page.get_by_role("button", name="Preview merge").click()
    expect(page.get_by_role("heading", name="Merge Dan Novak into Daniel Novak")).to_be_visible()
    expect(page.get_by_text("1 contact points")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="Postcode").get_by_label("Other record: LS1 6AB").check()
    page.get_by_role("button", name="Merge records").click()

    expect(page.get_by_text("Merged.")).to_be_visible()
    expect(page.locator("#contact-points")).to_contain_text("+44 7700 900404")
    expect(page.locator("#profile")).to_contain_text("LS1 6AB")
    assert_accessible(page)

    page.get_by_role("button", name="Undo merge of Dan Novak").click()
    expect(page.get_by_text("Merge undone")).to_be_visible()
    expect(page.locator("#contact-points")).not_to_contain_text("+44 7700 900404")
    expect(page.locator("#profile")).not_to_contain_text("LS1 6AB")
