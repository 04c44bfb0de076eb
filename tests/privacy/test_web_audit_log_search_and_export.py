"""The privacy officer searches the audit log by customer and by member of staff, pages
back through it, and exports it as CSV; the export is itself in the log."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from everthread.core.models import AuditEvent
from everthread.core.services import audit_record
from factories import CustomerFactory, StaffFactory


@pytest.fixture
def views(associate):
    """Tom views Amara 30 times and Ben once; Priya views Ben once."""
    amara = CustomerFactory(given_name="Amara")
    ben = CustomerFactory(given_name="Ben")
    priya = StaffFactory(username="priya", role="manager")
    for _ in range(30):
        audit_record(actor=associate, action="customer.viewed", subject=amara, customer_id=amara.pk)
    audit_record(actor=associate, action="customer.viewed", subject=ben, customer_id=ben.pk)
    audit_record(actor=priya, action="customer.viewed", subject=ben, customer_id=ben.pk)
    return amara, ben


def _rows(page: str) -> int:
    return page.count("<tr>") - 1  # less the header


def test_search_by_customer_pages_newest_first_without_repeats(
    client: Client, officer, views, settings
) -> None:
    amara, _ = views
    settings.PAGE_SIZE = 25
    client.force_login(officer)

    first = client.get("/privacy/audit/", {"customer": amara.pk})
    assert _rows(first.content.decode()) == 25
    cursor = first.context["next_cursor"]
    second = client.get("/privacy/audit/", {"customer": amara.pk, "cursor": cursor})

    seen = [event.pk for event in first.context["events"] + second.context["events"]]
    assert len(seen) == len(set(seen)) == 30
    assert seen == sorted(seen, reverse=True)
    assert second.context["next_cursor"] is None


def test_search_by_staff_member(client: Client, officer, views) -> None:
    _, ben = views
    client.force_login(officer)

    response = client.get("/privacy/audit/", {"staff": "priya"})

    assert [(e.actor.username, e.customer_id) for e in response.context["events"]] == [
        ("priya", ben.pk)
    ]


def test_a_customer_is_searched_by_id(client: Client, officer) -> None:
    client.force_login(officer)

    response = client.get("/privacy/audit/", {"customer": "Amara"})

    assert response.status_code == 400
    assert "by their id" in response.content.decode()


def test_the_csv_export_holds_the_matches_and_is_audited(client: Client, officer, views) -> None:
    _, ben = views
    client.force_login(officer)

    response = client.get("/privacy/audit.csv", {"customer": ben.pk})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [(row["staff"], row["action"]) for row in rows] == [
        ("isabelle", "audit.exported"),
        ("priya", "customer.viewed"),
        ("tom", "customer.viewed"),
    ]
    exported = AuditEvent.objects.get(action="audit.exported")
    assert (exported.actor, exported.customer_id) == (officer, ben.pk)


def test_an_associate_cannot_read_the_audit_log(signed_in: Client) -> None:
    assert signed_in.get("/privacy/audit/").status_code == 403
    assert signed_in.get("/privacy/audit.csv").status_code == 403
