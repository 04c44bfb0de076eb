"""The subject access archive: one zip with everything held about a person, as JSON and CSV."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from everthread.privacy.selectors import HeldData

README = """Everything {organisation} holds about customer {customer_id}, exported {exported_at}.

everything.json has every record in one file; each CSV file has one kind of record.
Records merged into this customer's record are included. audit event rows say who
looked at or changed this customer's data, when and from where.

{counts}
"""


def archive_build(held: HeldData, *, organisation: str, exported_at: datetime.datetime) -> bytes:
    """The zip a privacy officer hands to the customer."""
    counts = "\n".join(f"{label}: {len(rows)} record(s)" for label, rows in held.records.items())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            README.format(
                organisation=organisation,
                customer_id=held.customer_id,
                exported_at=exported_at.isoformat(timespec="seconds"),
                counts=counts,
            ),
        )
        everything = {
            "customer_id": held.customer_id,
            "exported_at": exported_at,
            "records": held.records,
        }
        archive.writestr("everything.json", json.dumps(everything, cls=DjangoJSONEncoder, indent=2))
        for label, rows in held.records.items():
            archive.writestr(f"{label.replace('.', '/')}.csv", _csv(held.fields[label], rows))
    return buffer.getvalue()


def _csv(fields: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows({name: _cell(value) for name, value in row.items()} for row in rows)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
