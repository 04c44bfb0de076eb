"""An export has one row per current customer with their contact points by kind; importing
it again changes nothing, and a row exported before a merge cannot undo the merge."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from everthread.core.models import AuditEvent
from everthread.customers.models import Customer
from everthread.customers.services import customer_create, customer_merge
from factories import StaffFactory
from importing import import_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def base(associate, store) -> dict[str, Customer]:
    amara = customer_create(
        actor=associate,
        profile={
            "given_name": "Amara",
            "family_name": "Osei",
            "preferred_name": "Mara",
            "date_of_birth": "1985-03-14",
            "postcode": "M1 1AA",
            "home_store": store,
            "tags": ["vip", "bridal"],
            "language": "en-GB",
            "time_zone": "Europe/London",
        },
        contact_points=[
            ("email", "amara.osei@example.com"),
            ("phone", "07700 900101"),
            ("phone", "020 7946 0000"),
            ("instagram", "@amara.styles"),
            ("loyalty", "HF-1001"),
            ("order", "HF-100482"),
        ],
    )
    # No contact point at all: the Everthread id in the export still finds her again.
    walk_in = customer_create(actor=associate, profile={"given_name": "=HYPERLINK(1)"})
    dan = customer_create(
        actor=associate,
        profile={"given_name": "Dan", "family_name": "Osei"},
        contact_points=[("email", "dan@example.com")],
    )
    return {"amara": amara, "walk_in": walk_in, "dan": dan}


def _export(*options: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("export", "customers", "-", *options, stdout=out, stderr=io.StringIO())
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_one_row_per_current_customer_with_contact_points_by_kind(associate, base) -> None:
    customer_merge(actor=associate, survivor_id=base["amara"].pk, merged_id=base["dan"].pk)

    rows = _export()

    assert [row["given_name"] for row in rows] == ["Amara", "'=HYPERLINK(1)"]
    amara = rows[0]
    assert amara["everthread_id"] == str(base["amara"].pk)
    assert amara["email"] == "amara.osei@example.com; dan@example.com"
    assert amara["phone"] == "+447700900101; +442079460000"
    assert (amara["instagram"], amara["loyalty_id"], amara["order_numbers"]) == (
        "amara.styles",
        "HF1001",
        "HF-100482",
    )
    assert (amara["date_of_birth"], amara["home_store"], amara["tags"]) == (
        "1985-03-14",
        "manchester-king-street",
        "vip, bridal",
    )


def test_importing_an_export_again_changes_nothing(associate, base, tmp_path) -> None:
    export = tmp_path / "customers.csv"
    call_command("export", "customers", str(export), stdout=io.StringIO())
    customers = list(Customer.objects.order_by("pk").values())

    done = import_csv(associate, export.read_bytes())

    assert (done.created, done.updated, done.unchanged, done.rejected) == (0, 0, 3, 0)
    assert list(Customer.objects.order_by("pk").values()) == customers


def test_each_export_is_audited_once_with_its_count(base) -> None:
    officer = StaffFactory(username="isabelle", role="privacy_officer")
    _export("--as", "isabelle")

    exported = AuditEvent.objects.get(action="customer.exported")
    assert exported.actor == officer
    assert exported.detail["count"] == 3
    assert exported.detail["via"].startswith("command line (")


def test_an_export_reads_a_page_at_a_time(base, django_assert_max_num_queries) -> None:
    # Count and bound, organisation, audit row; then customers and their contact points per page.
    with django_assert_max_num_queries(3 + 2):
        rows = _export()

    assert len(rows) == 3


def test_the_export_button_downloads_a_csv_excel_opens_as_utf8(client, base) -> None:
    client.force_login(StaffFactory(username="isabelle", role="privacy_officer"))
    response = client.get("/customers/export.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="customers-')
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffeverthread_id,given_name,family_name,")
    assert len(body.splitlines()) == 1 + 3
    assert AuditEvent.objects.get(action="customer.exported").detail == {"count": 3, "via": "web"}


def test_a_row_from_before_a_merge_does_not_undo_it(associate, base) -> None:
    customer_merge(actor=associate, survivor_id=base["amara"].pk, merged_id=base["dan"].pk)

    done = import_csv(
        associate,
        f"everthread_id,given_name,postcode\n{base['dan'].pk},Dan,LS1 6AB\n999999,Nobody,M1 1AA\n",
    )

    assert done.rejected == 2
    assert Customer.objects.get(pk=base["amara"].pk).postcode == "M1 1AA"
    assert [(r.field, r.reason) for r in done.rejects.order_by("row")] == [
        (
            "everthread_id",
            f"Everthread id {base['dan'].pk} (Dan Osei) was merged into Amara Osei "
            f"(id {base['amara'].pk}): export again, or use that id.",
        ),
        ("everthread_id", "There is no customer with Everthread id 999999."),
    ]
