"""Story 4 gone wrong: at Leeds Briggate Daniel tells Marcus again what Chloe's note already
held (boots from HF-100482, too small, EU 43). His page shows it under "Asked again", what
we knew beside what he told us again, with who heard each."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in
from everthread.conversations.services import InteractionDraft, interaction_record
from everthread.core.models import Staff
from everthread.customers.models import Customer

pytestmark = pytest.mark.e2e


@pytest.fixture
def daniel_told_marcus_again(transactional_db: None) -> None:
    call_command("demo", customers=20, stdout=io.StringIO())
    marcus = Staff.objects.get(username="marcus")
    interaction_record(
        customer=Customer.objects.get(given_name="Daniel", family_name="Novak"),
        staff=marcus,
        draft=InteractionDraft(
            channel="in_store",
            direction="inbound",
            summary="Daniel explained the boots from HF-100482 are too small; he needs a 43",
            occurred_at=timezone.now(),
            store=marcus.home_store,
        ),
    )


def test_the_customer_page_shows_what_he_had_to_tell_us_again(
    live_server: object, page: Page, daniel_told_marcus_again: None
) -> None:
    sign_in(page, live_server.url, "marcus")
    bar = page.get_by_label("Recognise a customer")
    bar.fill("HF-100482")
    bar.press("Enter")
    expect(page.get_by_role("heading", name="Daniel Novak", level=1)).to_be_visible()

    asked_again = page.get_by_role("region", name="Asked again")
    expect(asked_again.get_by_role("heading", name="Told again")).to_be_visible()
    expect(asked_again.get_by_role("heading", name="Already known")).to_be_visible()
    expect(asked_again).to_contain_text("order number (HF-100482)")
    expect(asked_again).to_contain_text("told again in store to Marcus Bell")
    assert_accessible(page)
