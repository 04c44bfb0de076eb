"""Integrations import a CSV file (202, then poll its status), read the rejected rows, and
export every customer as CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from everthread.core.models import AuditEvent
from everthread.customers.models import Customer, CustomerImport
from everthread.customers.services import customer_import_run
from factories import StaffFactory

pytestmark = pytest.mark.django_db

CLIENTS = (
    b"First Name,Surname,Email\nAmara,Osei,amara.osei@example.com\nDaniel,Novak,daniel@example\n"
)


def _post(api: Client, data: bytes = CLIENTS, **headers: str):
    upload = SimpleUploadedFile("clients.csv", data, content_type="text/csv")
    return api.post("/api/v1/customers/import", {"file": upload}, **headers)


def test_import_is_accepted_then_reports_progress_and_rejects(
    api: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as queued:
        accepted = _post(api)

    assert accepted.status_code == 202
    body = accepted.json()
    assert body == {
        "id": body["id"],
        "status": "queued",
        "status_url": f"/api/v1/customers/imports/{body['id']}",
    }
    assert len(queued) == 1  # the task is queued once the upload is committed

    waiting = api.get(body["status_url"]).json()
    assert (waiting["status"], waiting["total_rows"], waiting["rows_done"]) == ("queued", 2, 0)
    assert waiting["columns"] == [
        {"header": "First Name", "field": "given_name"},
        {"header": "Surname", "field": "family_name"},
        {"header": "Email", "field": "email"},
    ]

    customer_import_run(import_id=body["id"])  # what the worker does with the task

    done = api.get(body["status_url"]).json()
    assert done["status"] == "done"
    assert (done["rows_done"], done["created"], done["rejected"]) == (2, 1, 1)
    rejects = api.get(done["rejects_url"])
    assert rejects["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(rejects.streaming_content).decode().splitlines()
    assert lines[0] == "row,field,reason,First Name,Surname,Email"
    assert lines[1].startswith("3,Email,")


def test_a_file_it_cannot_read_is_a_400_naming_it(api: Client) -> None:
    response = _post(api, "First Name\nRené\n".encode("cp1252"))

    assert response.status_code == 400
    assert response.json()["code"] == "import_file_refused"
    assert response.json()["field"] == "file"
    assert response.json()["detail"].startswith("clients.csv is not UTF-8 text: byte 14 (line 2)")
    assert not CustomerImport.objects.exists()


def test_a_retry_with_the_same_idempotency_key_is_the_same_import(api: Client) -> None:
    first = _post(api, HTTP_IDEMPOTENCY_KEY="nightly-2026-05-01")
    retry = _post(api, HTTP_IDEMPOTENCY_KEY="nightly-2026-05-01")

    assert retry.status_code == first.status_code == 202
    assert retry.json() == first.json()
    assert CustomerImport.objects.count() == 1


def test_an_unknown_import_is_404(api: Client) -> None:
    response = api.get("/api/v1/customers/imports/999")

    assert response.status_code == 404
    assert response.json()["code"] == "customer_import_not_found"


def test_export_is_csv_of_every_customer_and_is_audited(bearer_client, organisation) -> None:
    officer = StaffFactory(username="isabelle", role="privacy_officer")
    Customer.objects.create(given_name="Amara", family_name="Osei")

    response = bearer_client(officer).get("/api/v1/customers/export")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["given_name"], row["family_name"]) for row in rows] == [("Amara", "Osei")]
    exported = AuditEvent.objects.get(action="customer.exported")
    assert (exported.actor, exported.detail) == (officer, {"count": 1, "via": "api"})


def test_only_the_privacy_officer_exports(api: Client) -> None:
    # Bulk export is the privacy officer's alone (core.models.ROLE_CAPABILITIES).
    assert api.get("/api/v1/customers/export").status_code == 403
    assert not AuditEvent.objects.filter(action="customer.exported").exists()


def test_a_coach_can_neither_import_nor_export(coach_api: Client) -> None:
    assert _post(coach_api).status_code == 403
    assert coach_api.get("/api/v1/customers/export").status_code == 403
