"""The customers' side of `everthread import customers` and `everthread export customers`."""

from __future__ import annotations

from io import TextIOBase
from typing import IO

from everthread.core.models import Staff
from everthread.core.transfers import FIRST_REJECTS, ImportReport, Progress
from everthread.customers.selectors import customer_import_rejects, customer_import_rejects_lines
from everthread.customers.services import (
    customer_export,
    customer_import_run,
    customer_import_upload,
)


def customers_import_file(
    *, actor: Staff, file_name: str, source: IO[bytes], progress: Progress
) -> ImportReport:
    uploaded = customer_import_upload(actor=actor, file_name=file_name, source=source)
    done = customer_import_run(import_id=uploaded.pk, progress=progress)
    return ImportReport(
        rows=done.total_rows,
        created=done.created,
        updated=done.updated,
        unchanged=done.unchanged,
        rejected=done.rejected,
        first_rejects=[
            (reject.row, reject.field, reject.reason)
            for reject in customer_import_rejects(import_id=done.pk, limit=FIRST_REJECTS)
        ],
        rejects_lines=lambda: customer_import_rejects_lines(customer_import=done),
    )


def customers_export_file(*, actor: Staff | None, via: str, out: IO[str] | TextIOBase) -> int:
    export = customer_export(actor=actor, via=via)
    out.writelines(export.lines)
    return export.count
