"""Marcus imports the guest list of a spring event: he checks how the columns will be read,
starts it, watches it finish without reloading, and downloads the row it could not take."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from browsing import sign_in
from importing import worker_run_queued

pytestmark = pytest.mark.e2e

GUESTS = (
    "First Name,Surname,E-mail,Mobile,Table\n"
    "Iris,Bell,iris.bell@example.com,07700 900611,4\n"
    "Jon,Park,jon@example,,7\n"
)


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("demo", customers=10, stdout=io.StringIO())


def test_manager_imports_a_file_and_downloads_its_rejects(
    live_server: object, page: Page, demo: None, tmp_path: Path
) -> None:
    guests = tmp_path / "spring-event.csv"
    guests.write_text(GUESTS, encoding="utf-8")
    sign_in(page, live_server.url, "marcus")
    page.get_by_role("link", name="Customers", exact=True).click()

    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import customers")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("CSV file").set_input_files(guests)
    page.get_by_role("button", name="Upload and check the columns").click()

    expect(page.get_by_role("heading", name="Import of spring-event.csv")).to_be_visible()
    expect(page.get_by_role("row", name="Table Ignored")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import 2 rows").click()
    expect(page.get_by_text("Waiting for a worker to start it")).to_be_visible()
    assert_accessible(page)

    worker_run_queued()

    # The page asks for progress every second: the summary arrives without a reload.
    expect(page.get_by_role("status")).to_have_text(
        "2 of 2 rows: 1 created, 0 updated, 0 unchanged, 1 rejected."
    )
    expect(page.get_by_role("cell", name="'jon@example' is not a valid email")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download rejects (CSV)").click()
    rejects = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rejects[0] == "row,field,reason,First Name,Surname,E-mail,Mobile,Table"
    assert rejects[1].startswith("3,E-mail,")

    page.get_by_role("link", name="Go to customers").click()
    page.get_by_label("Find a customer by name, phone, email, handle or id").fill("07700 900611")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Iris Bell")).to_be_visible()
