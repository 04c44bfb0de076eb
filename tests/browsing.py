"""Steps every browser test takes: signing in as a demo member of staff."""

from __future__ import annotations

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "everthread-demo"


def sign_in(page: Page, base_url: str, username: str) -> None:
    """Sign in from the log-in page and land on "My day", where every shift starts."""
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My day", level=1)).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
