"""A client unsubscribes from a marketing email's link without signing in: the page says
what will change, the button changes it; a link cut short changes nothing and says so."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from consenting import GRANTED, client_of, record
from everthread.consent.selectors import consent_standing
from everthread.outreach.unsubscribe import unsubscribe_url
from factories import OrganisationFactory

pytestmark = pytest.mark.e2e


def test_sofia_unsubscribes_from_email_marketing(
    live_server: object, page: Page, transactional_db: None
) -> None:
    OrganisationFactory()
    sofia = client_of(None, "Sofia", "Marchetti", "+447700900113")
    record(sofia, "email", "marketing", GRANTED)
    link = unsubscribe_url(
        base_url=live_server.url, customer_id=sofia.pk, channel="email", purpose="marketing"
    )

    page.goto(link[:-6] + "/")
    expect(page.get_by_role("heading", name="This link did not work")).to_be_visible()
    expect(page.get_by_text("Nothing has been changed.")).to_be_visible()
    assert_accessible(page)

    page.goto(link)
    expect(page.get_by_text("You will stop getting marketing by Email")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe from marketing by Email").click()

    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert_accessible(page)
    assert consent_standing(customer_id=sofia.pk).state("email", "marketing").withdrawn
