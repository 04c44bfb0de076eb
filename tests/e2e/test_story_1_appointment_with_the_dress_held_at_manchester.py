"""Story 1's appointment: Priya's virtual styling with Amara is in her week, prepared with
what Amara wants and the emerald wrap dress in 12 held at Manchester King Street. She
records the outcome with the next step for Tom; at Manchester, Tom finds the appointment on
the store's calendar with the dress held and what was agreed."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in, sign_out

pytestmark = pytest.mark.e2e

LONDON = ZoneInfo("Europe/London")
HELD = "Wrap dress Emerald UK 12 held at Manchester King Street"
OUTCOME = "Pulled three looks; the emerald wrap dress was her favourite."
NEXT_STEP = "Amara tries on the emerald wrap dress at Manchester"


@pytest.fixture
def harlow_and_finch(transactional_db: None) -> None:
    call_command("demo", customers=20, stdout=io.StringIO())


def _to_amaras_week(page: Page) -> None:
    """The demo books Amara for tomorrow: next week's page when today is Sunday."""
    if datetime.datetime.now(LONDON).weekday() == 6:
        page.get_by_role("link", name="Next week").click()
    expect(page.get_by_text("Styling for Amara Osei")).to_be_visible()


def test_the_appointment_is_prepared_run_and_seen_at_manchester(
    live_server: object, page: Page, harlow_and_finch: None
) -> None:
    sign_in(page, live_server.url, "priya")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Appointments").click()
    expect(page.get_by_role("heading", name="My appointments", level=1)).to_be_visible()
    _to_amaras_week(page)
    assert_accessible(page)

    page.get_by_role("link", name="Styling for Amara Osei").click()
    expect(
        page.get_by_role("heading", name="Virtual styling with Priya Shah", level=1)
    ).to_be_visible()
    preparation = page.get_by_role("region", name="Preparation")
    expect(preparation).to_contain_text("Her sister's wedding on 14 March")
    expect(preparation).to_contain_text(HELD)
    expect(preparation).to_contain_text("Wrap dress Navy UK 12")  # to pull
    assert_accessible(page)

    page.get_by_role("textbox", name="Outcome").fill(OUTCOME)
    page.get_by_label("Next step (opens a follow-up)").fill(NEXT_STEP)
    owner = page.get_by_label("Owned by")
    owner.select_option(owner.locator("option", has_text="Tom Reilly").get_attribute("value"))
    saturday = datetime.datetime.now(LONDON) + datetime.timedelta(days=3)
    page.get_by_label("Due").fill(saturday.strftime("%Y-%m-%dT10:00"))
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text(f"Follow-up for Tom Reilly: {NEXT_STEP}.")).to_be_visible()
    expect(page.get_by_role("region", name="Outcome")).to_contain_text(OUTCOME)
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server.url, "tom")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Appointments").click()
    page.get_by_role("navigation", name="Store calendars").get_by_role(
        "link", name="Manchester King Street"
    ).click()
    expect(
        page.get_by_role("heading", name="Appointments at Manchester King Street", level=1)
    ).to_be_visible()
    _to_amaras_week(page)
    expect(page.get_by_text("Fitting for Rosa Alvarez")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Styling for Amara Osei").click()
    expect(page.get_by_role("region", name="Preparation")).to_contain_text(HELD)
    expect(page.get_by_role("region", name="Outcome")).to_contain_text(OUTCOME)
    assert_accessible(page)
    page.get_by_role("link", name="Amara Osei").first.click()
    expect(page.get_by_role("heading", name="Amara Osei", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="The thread so far")).to_contain_text(NEXT_STEP)
