"""A subject access export hands over everything held about the customer, from every
model that holds personal data: a new model that registers its data is in it at once."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from everthread.core.errors import Forbidden
from everthread.core.models import AuditEvent
from everthread.privacy.registry import personal_data
from everthread.privacy.services import customer_data_export
from personal_data import EMAIL, ORDER, PHONE


def _open(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def test_every_registered_model_appears_with_the_customers_rows(amara_erased_once, officer) -> None:
    export = customer_data_export(actor=officer, customer_id=amara_erased_once.customer.pk)

    records = json.loads(_open(export.content).read("everything.json"))["records"]
    linked = [entry.label for entry in personal_data() if entry.customer]
    empty = [label for label in linked if not records.get(label)]
    assert not empty, (
        f"No rows exported for {', '.join(empty)}: give Amara some in tests/personal_data.py"
    )


def test_each_kind_is_also_a_csv_file_with_its_columns(amara, officer) -> None:
    export = customer_data_export(actor=officer, customer_id=amara.customer.pk)

    archive = _open(export.content)
    points = list(csv.DictReader(io.StringIO(archive.read("customers/ContactPoint.csv").decode())))
    assert sorted(point["value"] for point in points) == sorted([EMAIL, PHONE, ORDER])
    # A kind with no rows still says what it would hold.
    header = archive.read("privacy/ErasureRecord.csv").decode().splitlines()
    assert header == ["id,erased_by__username,erased_at,counts"]
    assert "README.txt" in archive.namelist()


def test_records_merged_into_the_customer_are_included(amara, officer) -> None:
    export = customer_data_export(actor=officer, customer_id=amara.customer.pk)

    records = json.loads(_open(export.content).read("everything.json"))["records"]
    assert {row["id"] for row in records["customers.Customer"]} == {
        amara.customer.pk,
        amara.merged.pk,
    }


def test_the_export_includes_who_looked_at_the_data_and_is_itself_recorded(amara, officer) -> None:
    export = customer_data_export(actor=officer, customer_id=amara.customer.pk)

    records = json.loads(_open(export.content).read("everything.json"))["records"]
    actions = [row["action"] for row in records["core.AuditEvent"]]
    assert "customer.created" in actions
    assert "privacy.exported" in actions
    assert AuditEvent.objects.filter(
        action="privacy.exported", actor=officer, customer_id=amara.customer.pk
    ).exists()


def test_an_associate_may_not_export_and_the_attempt_is_recorded(amara, associate) -> None:
    with pytest.raises(Forbidden):
        customer_data_export(actor=associate, customer_id=amara.customer.pk)

    assert AuditEvent.objects.filter(
        action="privacy.export_refused", actor=associate, customer_id=amara.customer.pk
    ).exists()
