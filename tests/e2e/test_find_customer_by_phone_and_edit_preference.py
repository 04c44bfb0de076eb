"""Story 1: Tom at Manchester recognises Amara from her phone number typed his
own way, reads her profile and records a preference that is still there after
a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from everthread.core.services import organisation_configure, staff_upsert, store_upsert
from everthread.customers.services import customer_create

pytestmark = pytest.mark.e2e


@pytest.fixture
def amara(transactional_db: None) -> None:
    organisation_configure(name="Harlow & Finch", time_zone="Europe/London", phone_region="GB")
    manchester = store_upsert(code="manchester", name="Manchester King Street", city="Manchester")
    tom = staff_upsert(
        username="tom",
        password="everthread-demo",
        first_name="Tom",
        last_name="Reilly",
        role="associate",
        home_store=manchester,
    )
    customer_create(
        actor=tom,
        profile={
            "given_name": "Amara",
            "family_name": "Osei",
            "home_store": manchester,
            "preferences": {"colours": ["emerald", "navy"], "fits": ["tailored"]},
        },
        contact_points=[("email", "amara.osei@example.com"), ("phone", "+44 7700 900101")],
    )


def test_associate_finds_customer_by_phone_and_saves_a_preference(
    live_server: object, page: Page, amara: None
) -> None:
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login/"))
    assert_accessible(page)

    page.get_by_label("Username").fill("tom")
    page.get_by_label("Password").fill("everthread-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My day")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Customers", exact=True).click()

    page.get_by_label(re.compile("Find a customer")).fill("07700 900101")
    result = page.get_by_role("link", name=re.compile("Amara Osei"))
    expect(result).to_be_visible()
    expect(page.get_by_text("+44 7700 900101")).to_be_visible()
    assert_accessible(page)

    result.click()
    expect(page.get_by_role("heading", name="Amara Osei", level=1)).to_be_visible()
    expect(page.locator("#preferences")).to_contain_text("emerald, navy")
    assert_accessible(page)

    page.get_by_role("link", name="Edit preferences").click()
    colours = page.get_by_label("Colours")
    expect(colours).to_have_value("emerald, navy")
    assert_accessible(page)
    colours.fill("emerald, navy, ivory")
    page.get_by_label("Sizes").fill("Dresses: UK 12 (10 in some brands)")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator("#preferences")).to_contain_text("Saved.")
    expect(page.locator("#preferences")).to_contain_text("emerald, navy, ivory")
    assert_accessible(page)

    page.reload()
    preferences = page.locator("#preferences")
    expect(preferences).to_contain_text("emerald, navy, ivory")
    expect(preferences).to_contain_text("UK 12")
    expect(preferences).to_contain_text("10 in some brands")
    assert_accessible(page)
