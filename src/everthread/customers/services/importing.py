"""Importing customers from a CSV file: every row recognised, then updated, created or refused.

A file is checked and kept first (``customer_import_upload``), then run, usually
as a background task, a batch of rows at a time (``import_batches``). Each row is
all-or-nothing: a row that cannot be imported is kept with its column and reason,
and the rows around it go on. Rows are matched on their contact points (or an
Everthread id from an export), so importing the same file twice changes nothing
the second time, and a run that died can be resumed from its last batch.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from pathlib import PurePath
from typing import IO

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from everthread.core.csv_files import csv_decode, csv_records
from everthread.core.errors import DomainError, ImportFileRefused
from everthread.core.models import Capability, Staff
from everthread.core.selectors import organisation_get, store_list
from everthread.core.services import audit_record, capability_require
from everthread.customers.csv_files import Columns, csv_columns
from everthread.customers.models import CustomerImport
from everthread.customers.selectors import customer_import_get
from everthread.customers.services.import_batches import (
    OUTCOMES,
    BatchRaced,
    ImportJob,
    Record,
    import_batch_write,
)

# Rows committed together, with the progress staff see: large enough that a batch's few
# statements cost little per row, small enough that the page moves every second or so.
IMPORT_BATCH_ROWS = 1000

Progress = Callable[[int, int], None]


@transaction.atomic
def customer_import_upload(
    *, actor: Staff, file_name: str, source: IO[bytes], max_bytes: int | None = None
) -> CustomerImport:
    """Check a CSV file and keep it, waiting to start; no customer is touched yet.

    A file that cannot be imported at all (not UTF-8, no name column, a row that is
    not CSV, too large) is refused here with a message naming the file.
    """
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    file_name = PurePath(file_name.replace("\\", "/")).name[-255:] or "customers.csv"
    data = source.read() if max_bytes is None else source.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        limit = f"{max_bytes // 2**20} MB" if max_bytes >= 2**20 else f"{max_bytes} bytes"
        raise ImportFileRefused(
            f"{file_name} is larger than {limit}: split it, or import it "
            "with `everthread import customers`.",
            field="file",
        )
    text = csv_decode(data, file_name=file_name)
    columns = csv_columns(text, file_name=file_name)
    total = sum(1 for _ in csv_records(text, delimiter=columns.delimiter, file_name=file_name))
    return CustomerImport.objects.create(
        file_name=file_name,
        content=text,
        delimiter=columns.delimiter,
        columns=columns.stored(),
        total_rows=total,
        started_by=actor,
    )


@transaction.atomic
def customer_import_start(*, actor: Staff, import_id: int) -> CustomerImport:
    """Queue an uploaded file for the worker, or a stalled one again to go on where it stopped.

    Starting it again while it is queued or running changes nothing.
    """
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    now = timezone.now()
    stalled = Q(
        status=CustomerImport.Status.RUNNING, updated_at__lt=now - CustomerImport.STALLED_AFTER
    )
    queued = (
        CustomerImport.objects.filter(Q(status=CustomerImport.Status.UPLOADED) | stalled)
        .filter(pk=import_id)
        .update(status=CustomerImport.Status.QUEUED, updated_at=now)
    )
    customer_import = customer_import_get(import_id=import_id)
    if queued:
        from everthread.customers.tasks import run_customer_import  # tasks.py imports services

        transaction.on_commit(lambda: run_customer_import.enqueue(import_id=import_id))
    return customer_import


def customer_import_run(*, import_id: int, progress: Progress | None = None) -> CustomerImport:
    """Import the rows of an uploaded or queued file, a batch at a time, from the first row
    no earlier run committed.

    Whoever claims the file runs it; a second worker, or a retry of a finished import,
    returns it as it is. Each batch commits with the progress staff see, so a run that dies
    loses at most one batch, and resuming it goes on from there.
    """
    now = timezone.now()
    claimed = CustomerImport.objects.filter(
        pk=import_id, status__in=(CustomerImport.Status.UPLOADED, CustomerImport.Status.QUEUED)
    ).update(
        status=CustomerImport.Status.RUNNING,
        started_at=Coalesce("started_at", Value(now)),
        updated_at=now,
        runs=F("runs") + 1,
    )
    customer_import = customer_import_get(import_id=import_id)
    if claimed != 1:
        return customer_import
    mine = CustomerImport.objects.filter(pk=import_id, runs=customer_import.runs)
    try:
        capability_require(staff=customer_import.started_by, capability=Capability.EDIT_CUSTOMERS)
        _rows_import(customer_import, mine, progress)
    except _Superseded:
        return customer_import_get(import_id=import_id)
    except Exception as error:
        # Recorded so the page stops waiting and says why; the error still goes up to the worker.
        message = (
            error.message
            if isinstance(error, DomainError)
            else f"Unexpected {type(error).__name__}; the worker's log has the details."
        )
        mine.update(status=CustomerImport.Status.FAILED, error=message, finished_at=timezone.now())
        raise
    return _finish(mine, customer_import)


class _Superseded(Exception):
    """The import was resumed by another run while this one was thought dead: it stops."""


def _rows_import(
    customer_import: CustomerImport, mine: QuerySet[CustomerImport], progress: Progress | None
) -> None:
    job = ImportJob(
        import_id=customer_import.pk,
        actor=customer_import.started_by,
        region=organisation_get().phone_region,
        columns=Columns.from_stored(customer_import.columns, customer_import.delimiter),
        stores={key.casefold(): s for s in store_list() for key in (s.code, s.name)},
    )
    records = csv_records(
        customer_import.content,
        delimiter=customer_import.delimiter,
        file_name=customer_import.file_name,
    )
    # Rows an earlier run of this import committed are not read again.
    done = customer_import.rows_done
    records = itertools.islice(records, done, None)
    while batch := list(itertools.islice(records, IMPORT_BATCH_ROWS)):
        try:
            with transaction.atomic():
                tally = import_batch_write(job=job, records=batch)
                _progress_record(mine, len(batch), tally)
        except (BatchRaced, IntegrityError):
            with transaction.atomic():
                tally = sum((_row_import(job, record) for record in batch), Counter())
                _progress_record(mine, len(batch), tally)
        done += len(batch)
        if progress is not None:
            progress(done, customer_import.total_rows)


def _row_import(job: ImportJob, record: Record) -> Counter[str]:
    """One row alone, in a savepoint, when someone else wrote to the batch's customers."""
    try:
        with transaction.atomic():
            return import_batch_write(job=job, records=[record])
    except (BatchRaced, IntegrityError):
        # They wrote this row's customer between its read and its write: read it again.
        with transaction.atomic():
            return import_batch_write(job=job, records=[record])


def _progress_record(mine: QuerySet[CustomerImport], rows: int, tally: Counter[str]) -> None:
    """Count a batch in, in the batch's transaction: the counts and the rows never disagree."""
    counted = mine.filter(status=CustomerImport.Status.RUNNING).update(
        rows_done=F("rows_done") + rows,
        updated_at=timezone.now(),
        **{outcome: F(outcome) + tally[outcome] for outcome in OUTCOMES},
    )
    if counted != 1:
        raise _Superseded  # rolls this batch back: the run that resumed the import redoes it


@transaction.atomic
def _finish(mine: QuerySet[CustomerImport], customer_import: CustomerImport) -> CustomerImport:
    # The customers are in; only the rejected rows' cells are kept, not the whole file.
    finished = mine.filter(status=CustomerImport.Status.RUNNING).update(
        status=CustomerImport.Status.DONE, finished_at=timezone.now(), content=""
    )
    done = customer_import_get(import_id=customer_import.pk)
    if finished:
        audit_record(
            actor=customer_import.started_by,
            action="customer.imported",
            subject=done,
            detail={"file": done.file_name, **{key: getattr(done, key) for key in OUTCOMES}},
        )
    return done
