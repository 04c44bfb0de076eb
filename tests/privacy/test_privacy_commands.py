"""`everthread privacy export|erase|retention`: the same services, from the command line,
recorded in the audit log as coming from it."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from everthread.core.models import AuditEvent
from everthread.customers.models import Customer


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("privacy", *args, stdout=out)
    return out.getvalue()


def test_export_writes_the_zip_and_records_the_command_line(amara, officer, tmp_path) -> None:
    target = tmp_path / "amara.zip"

    output = _run("export", str(amara.customer.pk), "--out", str(target), "--as", "isabelle")

    assert f"Wrote {target}" in output
    assert "everything.json" in zipfile.ZipFile(target).namelist()
    assert AuditEvent.objects.get(action="privacy.exported").origin == "command line"


def test_erase_then_erase_again(amara, officer) -> None:
    assert "is erased" in _run("erase", str(amara.customer.pk), "--as", "isabelle")
    assert "already erased" in _run("erase", str(amara.customer.pk), "--as", "isabelle")


def test_a_role_without_the_right_is_refused(amara, associate) -> None:
    with pytest.raises(CommandError, match="does not allow"):
        _run("erase", str(amara.customer.pk), "--as", "tom")

    assert Customer.objects.get(pk=amara.customer.pk).erased_at is None
    assert AuditEvent.objects.filter(action="privacy.erase_refused").count() == 1


def test_an_unknown_customer_is_named(officer) -> None:
    with pytest.raises(CommandError, match="no customer with id 999999"):
        _run("export", "999999", "--as", "isabelle")
