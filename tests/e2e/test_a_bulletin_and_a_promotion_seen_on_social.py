"""A bulletin, and a live promotion seen on social (Harlow & Finch). Claire tells the
Manchester store to honour the rainy-days code; Tom finds it waiting on his day and
acknowledges it; on Rosa Alvarez's page he sees the Instagram and X offer she saw, with its
code, live now; the calendar shows it in Instagram; Claire's report shows who has read it."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in, sign_out
from everthread.bulletins.models import Bulletin, BulletinAcknowledgement
from everthread.customers.models import ContactPoint

pytestmark = pytest.mark.e2e

TITLE = "Rosa's raincoat code: honour it in store"


@pytest.fixture
def rosa(transactional_db: None) -> int:
    call_command("demo", customers=10, stdout=io.StringIO())
    return ContactPoint.objects.get(value="rosa.alvarez@example.com").customer_id


def test_a_bulletin_is_acknowledged_and_the_offer_seen_on_social_is_honoured(
    live_server: object, page: Page, rosa: int
) -> None:
    base = live_server.url
    sign_in(page, base, "claire")
    page.get_by_role("link", name="Bulletins").click()
    page.get_by_role("link", name="Write a bulletin").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("What staff need to know").fill(
        "Customers quote RAINYDAYS15 from Instagram and X: 15% off full-price raincoats."
    )
    page.get_by_label("Manchester King Street").check()
    assert_accessible(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", name=f"Who has read “{TITLE}”")).to_be_visible()
    outstanding = page.get_by_role("region", name="Not yet acknowledged")
    expect(outstanding).to_contain_text("Tom Reilly")
    expect(outstanding).to_contain_text("Hannah Price")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, base, "tom")
    waiting = page.get_by_role("region", name="Bulletins to acknowledge")
    expect(waiting).to_contain_text(TITLE)
    assert_accessible(page)
    waiting.get_by_role("button", name=f"Acknowledge: {TITLE}").click()
    expect(page.get_by_role("button", name=f"Acknowledge: {TITLE}")).to_have_count(0)
    bulletin = Bulletin.objects.get(title=TITLE)
    assert BulletinAcknowledgement.objects.filter(bulletin=bulletin).count() == 1

    page.goto(f"{base}/customers/{rosa}/")
    live = page.get_by_role("region", name="Promotions live now")
    expect(live).to_contain_text("Rainy days: 15% off raincoats")
    expect(live).to_contain_text("RAINYDAYS15")
    expect(live).to_contain_text("Instagram")
    assert_accessible(page)

    page.get_by_role("link", name="Promotions", exact=True).click()
    page.get_by_label("Channel", exact=True).select_option("instagram")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("region", name=re.compile(r"^Live now"))).to_contain_text("Rainy days")
    expect(page.get_by_role("region", name=re.compile(r"^Coming up"))).not_to_contain_text(
        "Spring occasionwear"
    )
    assert_accessible(page)
    sign_out(page)

    sign_in(page, base, "claire")
    page.goto(f"{base}/bulletins/{bulletin.pk}/report/")
    expect(page.get_by_role("region", name=re.compile(r"^Acknowledged"))).to_contain_text(
        "Tom Reilly"
    )
