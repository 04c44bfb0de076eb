"""A manager writes a template: the live preview fills it in for a real customer as it is
typed, shows the SMS segments and the tone, and a misspelled variable is caught with the
one that was meant; saved, it is in the list for everyone who messages customers."""

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
    call_command("demo", customers=10, stdout=io.StringIO())


def test_ruth_writes_a_template_and_previews_it_for_amara(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    sign_in(page, live_server.url, "ruth")
    page.get_by_role("link", name="Templates").click()
    expect(page.get_by_role("heading", name="Message templates")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="New template").click()
    page.get_by_role("textbox", name="Name", exact=True).fill("Dress on hold")
    page.get_by_label("Channel").select_option("sms")
    page.get_by_label("Purpose").select_option("service")
    page.get_by_label("Preview for a customer").fill("Amara Osei")
    body = page.get_by_role("textbox", name="Message")
    body.fill("Hi {{ customer.frist_name }}, the dress is on hold at {{ store.name }}.")
    preview = page.locator("#template-preview")
    expect(preview).to_contain_text("Did you mean {{ customer.first_name }}?")

    body.fill(
        "Hi {{ customer.first_name }}, the emerald wrap dress is on hold for you at "
        "{{ store.name }} until Saturday. {{ staff.first_name }}"
    )
    expect(preview).to_contain_text("As Amara Osei would receive it from you.")
    expect(preview).to_contain_text("Hi Amara, the emerald wrap dress is on hold for you at")
    expect(preview).to_contain_text("until Saturday. Ruth")
    expect(preview).to_contain_text("SMS: 1 segment (GSM-7")
    expect(preview).to_contain_text("Tone: nothing to change.")
    assert_accessible(page)

    page.get_by_role("button", name="Save template").click()
    expect(page.get_by_text("Saved: Dress on hold")).to_be_visible()
    expect(page.get_by_role("row", name="Dress on hold")).to_contain_text("SMS")
