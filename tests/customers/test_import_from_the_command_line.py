"""`everthread import customers FILE.csv` prints what it did, and writes the rejected rows
with their row, field and reason where it is told to."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from everthread.core.models import AuditEvent
from everthread.customers.models import Customer, CustomerImport

pytestmark = pytest.mark.django_db

CLIENTS = (
    "First Name,Last Name,Email,Mobile\n"
    "Amara,Osei,amara.osei@example.com,07700 900101\n"
    "Daniel,Novak,not-an-email,\n"
    "Rosa,Alvarez,rosa@example.com,\n"
)


@pytest.fixture
def clients_file(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(CLIENTS, encoding="utf-8")
    return path


def test_the_summary_and_the_rejects_file(associate, clients_file, tmp_path) -> None:
    rejects = tmp_path / "rejects.csv"
    out = io.StringIO()

    call_command(
        "import",
        "customers",
        str(clients_file),
        "--as",
        "tom",
        "--rejects",
        str(rejects),
        stdout=out,
        stderr=io.StringIO(),
    )

    assert out.getvalue().splitlines() == [
        "clients.csv: 3 rows: 2 created, 0 updated, 0 unchanged, 1 rejected.",
        f"Rejected rows, with row, field and reason: {rejects}",
    ]
    with rejects.open(encoding="utf-8", newline="") as written:
        assert list(csv.reader(written)) == [
            ["row", "field", "reason", "First Name", "Last Name", "Email", "Mobile"],
            [
                "3",
                "Email",
                "'not-an-email' is not a valid email address: "
                "An email address must have an @-sign.",
                "Daniel",
                "Novak",
                "not-an-email",
                "",
            ],
        ]
    assert Customer.objects.count() == 2
    imported = AuditEvent.objects.get(action="customer.imported")
    assert imported.actor == associate
    assert imported.detail == {
        "file": "clients.csv",
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
    }


def test_without_a_rejects_file_the_rows_are_named_on_stderr(associate, clients_file) -> None:
    err = io.StringIO()

    call_command(
        "import", "customers", str(clients_file), "--as", "tom", stdout=io.StringIO(), stderr=err
    )

    assert "row 3, Email: 'not-an-email' is not a valid email address" in err.getvalue()


def test_a_second_run_reports_every_row_unchanged(associate, clients_file) -> None:
    call_command(
        "import",
        "customers",
        str(clients_file),
        "--as",
        "tom",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    out = io.StringIO()

    call_command(
        "import", "customers", str(clients_file), "--as", "tom", stdout=out, stderr=io.StringIO()
    )

    assert "2 created" not in out.getvalue()
    assert "0 created, 0 updated, 2 unchanged, 1 rejected." in out.getvalue()
    assert CustomerImport.objects.count() == 2


def test_an_unknown_operator_or_file_is_named(associate, clients_file, tmp_path) -> None:
    with pytest.raises(CommandError, match="No active staff member has the username 'nobody'"):
        call_command(
            "import", "customers", str(clients_file), "--as", "nobody", stdout=io.StringIO()
        )
    with pytest.raises(CommandError, match=r"Cannot read .*missing.csv: No such file"):
        call_command("import", "customers", str(tmp_path / "missing.csv"), "--as", "tom")


def test_someone_who_may_not_edit_customers_cannot_import(coach, clients_file) -> None:
    with pytest.raises(CommandError, match=r"Your role \(Coach \(L&D\)\) does not allow this"):
        call_command(
            "import", "customers", str(clients_file), "--as", "coach", stdout=io.StringIO()
        )
    assert not Customer.objects.exists()
