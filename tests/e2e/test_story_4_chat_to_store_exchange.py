"""Story 4: chat to store return without repetition.

Daniel chatted with Chloe about boots from order HF-100482 that are a size too small; she
started the exchange for EU 43 in chat and promised Leeds would have the size ready (the
demo tells that part). At Leeds Briggate, Marcus types the order number as Daniel reads it
out, lands on Daniel, reads Chloe's narrative without asking again, and completes the
exchange. It is one journey, from chat to store, on Daniel's timeline.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def harlow_and_finch(transactional_db: None) -> None:
    call_command("demo", customers=20, stdout=io.StringIO())


def test_marcus_finds_the_exchange_by_the_order_number_and_completes_it(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    sign_in(page, live_server.url, "marcus")
    bar = page.get_by_label("Recognise a customer")
    bar.fill("hf-100482")  # as Daniel reads it from his phone, in lower case
    bar.press("Enter")
    expect(page.get_by_role("heading", name="Daniel Novak", level=1)).to_be_visible()

    brief = page.get_by_role("region", name="The thread so far")
    expect(brief).to_contain_text("Chloe Evans")
    commerce = page.get_by_role("region", name="Products, orders and wishlist")
    in_progress = commerce.get_by_role("listitem").filter(has_text="Exchange from order HF-100482")
    expect(in_progress).to_contain_text("wants EU 43, ready at Leeds Briggate")
    expect(in_progress).to_contain_text("chat")
    assert_accessible(page)

    in_progress.get_by_role("button", name="Complete the exchange").click()

    expect(page.get_by_text("Exchange from order HF-100482 completed.")).to_be_visible()
    expect(commerce.get_by_text("Returns in progress")).to_have_count(0)
    timeline = page.get_by_role("region", name="Timeline")
    exchange = timeline.get_by_role("listitem").filter(has_text="Completed at Leeds Briggate")
    expect(exchange).to_contain_text("Chelsea boot Black EU 42 → Chelsea boot Black EU 43")
    expect(exchange).to_contain_text("by Marcus Bell")
    assert_accessible(page)
