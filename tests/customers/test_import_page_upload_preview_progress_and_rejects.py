"""From the customers list, staff upload a CSV file, check how its columns will be read,
start it, watch its progress, and download the rows it could not import."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from everthread.customers.models import Customer, CustomerImport

pytestmark = pytest.mark.django_db

CLIENTS = (
    "First Name,Surname,E-mail,Mobile,Shoe size\n"
    "Amara,Osei,amara.osei@example.com,07700 900101,6\n"
    "Daniel,Novak,daniel@example,,9\n"
    "Rosa,Alvarez,rosa@example.com,07700 900303,5\n"
)


@pytest.fixture
def immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(client: Client, text: str | bytes, name: str = "clients.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        "/customers/import/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )


def test_the_list_page_links_to_import_and_export(signed_in: Client) -> None:
    page = signed_in.get("/customers/").content.decode()

    assert 'href="/customers/import/">Import</a>' in page
    # Bulk export is the privacy officer's (tests/core/test_role_sensitive_fields.py).
    assert 'href="/customers/export.csv"' not in page


def test_upload_preview_start_then_summary_and_rejects(
    signed_in: Client, immediate_tasks, django_capture_on_commit_callbacks
) -> None:
    uploaded = _upload(signed_in, CLIENTS)
    customer_import = CustomerImport.objects.get()
    assert uploaded.status_code == 302
    assert uploaded["Location"] == f"/customers/imports/{customer_import.pk}/"

    preview = signed_in.get(uploaded["Location"]).content.decode()
    assert "3 rows to import" in preview
    assert "<tr><td>E-mail</td><td>Email</td></tr>" in preview
    assert '<tr><td>Shoe size</td><td><span class="muted">Ignored</span></td></tr>' in preview
    assert "<td>amara.osei@example.com</td>" in preview  # the first rows, as they will be read
    assert not Customer.objects.exists()  # nothing is imported before staff start it

    with django_capture_on_commit_callbacks(execute=True):
        started = signed_in.post(f"/customers/imports/{customer_import.pk}/start/")
    assert started.status_code == 302

    summary = signed_in.get(started["Location"]).content.decode()
    assert "3 of 3 rows: 2 created, 0 updated, 0 unchanged, 1 rejected." in summary
    assert 'hx-trigger="every 1s"' not in summary  # finished: the page stops asking
    assert "<td>3</td><td>E-mail</td>" in summary
    assert f'href="/customers/imports/{customer_import.pk}/rejects.csv"' in summary

    download = signed_in.get(f"/customers/imports/{customer_import.pk}/rejects.csv")
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="rejects-clients.csv"'
    body = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "row",
        "field",
        "reason",
        "First Name",
        "Surname",
        "E-mail",
        "Mobile",
        "Shoe size",
    ]
    assert rows[1][:3] == ["3", "E-mail", rows[1][2]]
    assert rows[1][3:] == ["Daniel", "Novak", "daniel@example", "", "9"]


def test_while_it_waits_or_runs_the_page_polls_for_progress(signed_in: Client) -> None:
    _upload(signed_in, CLIENTS)
    customer_import = CustomerImport.objects.get()
    signed_in.post(f"/customers/imports/{customer_import.pk}/start/")  # queued for the worker
    CustomerImport.objects.filter(pk=customer_import.pk).update(status="running", rows_done=1)

    page = signed_in.get(f"/customers/imports/{customer_import.pk}/").content.decode()
    partial = signed_in.get(f"/customers/imports/{customer_import.pk}/", HTTP_HX_REQUEST="true")

    assert 'hx-trigger="every 1s"' in page
    assert '<progress id="import-progress" max="3" value="1">33%</progress>' in page
    assert partial.content.decode().startswith('<div id="import-status" hx-get=')
    assert "<html" not in partial.content.decode()


def test_a_file_it_cannot_read_is_shown_against_the_upload(signed_in: Client) -> None:
    response = _upload(signed_in, "Email,Mobile\nx@example.com,07700 900101\n", "contacts.csv")

    assert response.status_code == 400
    assert "contacts.csv has no name column. Found: &#x27;Email&#x27;, &#x27;Mobile&#x27;." in (
        response.content.decode()
    )
    assert not CustomerImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused(signed_in: Client, settings) -> None:
    settings.IMPORT_MAX_BYTES = 100

    response = _upload(signed_in, CLIENTS)

    assert response.status_code == 400
    assert "clients.csv is larger than 100 bytes: split it, or import it with" in (
        response.content.decode()
    )
    assert not CustomerImport.objects.exists()


def test_a_coach_cannot_import_or_export(client: Client, coach) -> None:
    client.force_login(coach)

    assert client.get("/customers/import/").status_code == 403
    assert client.get("/customers/export.csv").status_code == 403
