"""Story 5: compliant luxury outreach at Harlow & Finch, Covent Garden.

Client advisor Isabelle Laurent shares new arrivals with her clients. Before sending she
sees who may be contacted on which channel and why not: Charlotte Hale granted email and
WhatsApp marketing, Henry Adeyemi replied STOP to SMS, Sofia Marchetti has the email soft
opt-in and no WhatsApp consent. Charlotte is where it is 22:xx now, so a WhatsApp message
to her is held until 08:00 her time, with the reason shown.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in
from everthread.customers.models import ContactPoint, Customer

pytestmark = pytest.mark.e2e


def zone_where_it_is_22_now() -> str:
    """A fixed-offset zone whose clock reads 22:xx now: quiet hours for the next hour."""
    offset = (22 - datetime.datetime.now(datetime.UTC).hour) % 24
    offset = offset - 24 if offset > 14 else offset
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


@pytest.fixture
def harlow_and_finch(transactional_db: None) -> str:
    call_command("demo", customers=10, stdout=io.StringIO())
    zone = zone_where_it_is_22_now()
    charlotte = ContactPoint.objects.get(value="charlotte.hale@example.com").customer_id
    Customer.objects.filter(pk=charlotte).update(time_zone=zone)
    return zone


def test_isabelle_sees_who_may_be_contacted_and_a_late_message_waits(
    live_server: object, page: Page, harlow_and_finch: str
) -> None:
    sign_in(page, live_server.url, "isabelle")
    page.get_by_label("Recognise a customer").fill("charlotte.hale@example.com")
    page.get_by_label("Recognise a customer").press("Enter")
    expect(page.get_by_role("heading", name="Charlotte Hale", level=1)).to_be_visible()
    consent = page.get_by_role("region", name="Consent")
    whatsapp = consent.get_by_role("row", name="WhatsApp")
    expect(whatsapp.get_by_role("cell").nth(1)).to_contain_text("Granted")
    expect(whatsapp).to_contain_text("recorded by Isabelle Laurent")
    # The consent history and the change form come when opened.
    consent.get_by_text("History (").click()
    expect(consent.locator(".consent-history")).to_contain_text("recorded by Isabelle Laurent")
    consent.get_by_text("Record a consent change").click()
    expect(consent.get_by_label("What they saw or said")).to_be_visible()
    assert_accessible(page)

    consent.get_by_role("link", name="Message all my clients").click()
    who = page.get_by_role("region", name="Who may be contacted")
    expect(who).to_contain_text("Henry replied STOP to SMS on")
    expect(who).to_contain_text("no SMS marketing")
    expect(who).to_contain_text("Sofia has not agreed to WhatsApp marketing: ask them first.")
    expect(who).to_contain_text(f"for Charlotte ({harlow_and_finch}): quiet hours until 08:00")
    assert_accessible(page)

    who.get_by_role("link", name="Charlotte Hale").click()
    page.get_by_role("link", name="Send a message").click()
    expect(page.get_by_role("heading", name="Send a message to Charlotte Hale")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Purpose").last.select_option("marketing")
    # Charlotte has not written on WhatsApp for a day: only the template Meta approved may go.
    page.get_by_label("Start from a template").select_option(
        label="New arrivals (WhatsApp, approved by Meta)"
    )
    page.get_by_role("button", name="Use this template").click()
    expect(page.get_by_label("Channel")).to_have_value("whatsapp")
    expect(page.get_by_role("textbox", name="Message")).to_have_value(
        "Hello Charlotte, new pieces have arrived at London Covent Garden that I think you will "
        "love. Shall I put some aside for you? Isabelle"
    )
    expect(page.locator(".whatsapp-window")).to_contain_text("outside the 24-hour window")
    page.get_by_role("button", name="Send through the gate").click()

    happened = page.get_by_role("region", name="What happened")
    expect(happened).to_contain_text("Charlotte Hale, WhatsApp: Held until")
    expect(happened).to_contain_text(
        f"for Charlotte ({harlow_and_finch}): quiet hours until 08:00 — it will wait for morning."
    )
    assert_accessible(page)
