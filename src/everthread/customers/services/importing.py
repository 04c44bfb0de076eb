"""Importing customers from a CSV file: every row recognised, then updated, created or refused.

A file is checked and kept first (``customer_import_upload``), then run, usually
as a background task. Each row is all-or-nothing: a row that cannot be imported
is kept with its column and reason, and the rows around it go on. Rows are
matched on their contact points (or an Everthread id from an export), so
importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from everthread.core.errors import DomainError
from everthread.core.models import Capability, Staff, Store
from everthread.core.selectors import organisation_get, store_list
from everthread.core.services import audit_record, capability_require
from everthread.customers.contact_points import (
    ContactKind,
    contact_point_display,
    contact_point_normalise,
)
from everthread.customers.csv_files import (
    Columns,
    ContactCell,
    CustomerRow,
    csv_columns,
    csv_decode,
    csv_records,
    csv_row_read,
)
from everthread.customers.errors import (
    ImportFileRefused,
    ImportRowRefused,
    InvalidContactPoint,
    InvalidProfile,
)
from everthread.customers.matching.nicknames import FORMAL_NAMES
from everthread.customers.models import (
    Customer,
    CustomerImport,
    CustomerImportReject,
    name_key,
)
from everthread.customers.recognition import Clues, recognise
from everthread.customers.selectors import customer_import_get
from everthread.customers.services.contacts import contact_point_add
from everthread.customers.services.profiles import customer_create, customer_update

# Rows committed together, with the progress that staff see: a crash loses at most these,
# and running the file again redoes them without duplicating anything.
IMPORT_BATCH_ROWS = 100
CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, REJECTED)

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
    total = sum(1 for _ in csv_records(text, columns, file_name=file_name))
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
    """Queue an uploaded file for the worker; starting it again changes nothing."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    queued = CustomerImport.objects.filter(
        pk=import_id, status=CustomerImport.Status.UPLOADED
    ).update(status=CustomerImport.Status.QUEUED)
    customer_import = customer_import_get(import_id=import_id)
    if queued:
        from everthread.customers.tasks import run_customer_import  # tasks.py imports services

        transaction.on_commit(lambda: run_customer_import.enqueue(import_id=import_id))
    return customer_import


def customer_import_run(*, import_id: int, progress: Progress | None = None) -> CustomerImport:
    """Import every row of an uploaded or queued file, committing a batch at a time.

    Whoever claims the file runs it; a second worker, or a retry of a finished
    import, returns it as it is.
    """
    claimed = CustomerImport.objects.filter(
        pk=import_id, status__in=(CustomerImport.Status.UPLOADED, CustomerImport.Status.QUEUED)
    ).update(status=CustomerImport.Status.RUNNING, started_at=timezone.now())
    customer_import = customer_import_get(import_id=import_id)
    if claimed != 1:
        return customer_import
    try:
        capability_require(staff=customer_import.started_by, capability=Capability.EDIT_CUSTOMERS)
        tally = _rows_import(customer_import, progress)
    except Exception as error:
        # Recorded so the page stops waiting and says why; the error still goes up to the worker.
        message = (
            error.message
            if isinstance(error, DomainError)
            else f"Unexpected {type(error).__name__}; the worker's log has the details."
        )
        CustomerImport.objects.filter(pk=import_id).update(
            status=CustomerImport.Status.FAILED, error=message, finished_at=timezone.now()
        )
        raise
    # The customers are in; only the rejected rows' cells are kept, not the whole file.
    CustomerImport.objects.filter(pk=import_id).update(
        status=CustomerImport.Status.DONE, finished_at=timezone.now(), content=""
    )
    audit_record(
        actor=customer_import.started_by,
        action="customer.imported",
        subject=customer_import,
        detail={"file": customer_import.file_name, **tally},
    )
    return customer_import_get(import_id=import_id)


@dataclass(frozen=True)
class _Run:
    actor: Staff
    region: str
    columns: Columns
    stores: dict[str, Store]


@dataclass(frozen=True)
class _Point:
    cell: ContactCell
    value: str  # normalised
    owner: Customer | None


def _rows_import(customer_import: CustomerImport, progress: Progress | None) -> dict[str, int]:
    columns = Columns.from_stored(customer_import.columns, customer_import.delimiter)
    run = _Run(
        actor=customer_import.started_by,
        region=organisation_get().phone_region,
        columns=columns,
        stores={key.casefold(): s for s in store_list() for key in (s.code, s.name)},
    )
    records = csv_records(customer_import.content, columns, file_name=customer_import.file_name)
    tally: Counter[str] = Counter()
    done = 0
    while batch := list(itertools.islice(records, IMPORT_BATCH_ROWS)):
        rejects: list[CustomerImportReject] = []
        with transaction.atomic():
            for number, cells in batch:
                try:
                    with transaction.atomic():  # a savepoint: a refused row leaves nothing behind
                        outcome = _row_import(run, csv_row_read(number, cells, columns))
                except DomainError as error:
                    outcome = REJECTED
                    rejects.append(_reject(customer_import, number, cells, error, columns))
                tally[outcome] += 1
            done += len(batch)
            CustomerImportReject.objects.bulk_create(rejects)
            counts = {key: tally[key] for key in OUTCOMES}
            CustomerImport.objects.filter(pk=customer_import.pk).update(rows_done=done, **counts)
        if progress is not None:
            progress(done, customer_import.total_rows)
    return {key: tally[key] for key in OUTCOMES}


def _reject(
    customer_import: CustomerImport,
    number: int,
    cells: list[str],
    error: DomainError,
    columns: Columns,
) -> CustomerImportReject:
    # Our own row errors already name the column; the services name the profile field or kind.
    column = error.field if isinstance(error, ImportRowRefused) else columns.column_for(error.field)
    return CustomerImportReject(
        customer_import=customer_import,
        row=number,
        field=column or "",
        reason=error.message,
        values=cells,
    )


def _row_import(run: _Run, row: CustomerRow) -> str:
    if not row.contact_points and row.everthread_id is None:
        raise ImportRowRefused(
            "The row has no email, phone, handle, loyalty or CRM id, so importing it again "
            "could not find the same customer: add one.",
            field="",
        )
    points = _points_recognised(run, row)
    customer = _owner(run, row, points)
    profile = _profile_resolved(run, row.profile)
    if customer is None:
        customer_create(
            actor=run.actor,
            profile=profile,
            contact_points=[(point.cell.kind, point.value) for point in points],
        )
        return CREATED
    changes = _changes(customer, profile)
    changed = False
    if changes:
        before = customer.updated_at
        updated = customer_update(actor=run.actor, customer_id=customer.pk, profile=changes)
        changed = updated.updated_at != before
    new_points = [point for point in points if point.owner is None]
    for point in new_points:
        contact_point_add(
            actor=run.actor, customer_id=customer.pk, kind=point.cell.kind, value=point.value
        )
    return UPDATED if changed or new_points else UNCHANGED


def _points_recognised(run: _Run, row: CustomerRow) -> list[_Point]:
    cells: dict[tuple[str, str], ContactCell] = {}
    for cell in row.contact_points:
        try:
            value = contact_point_normalise(cell.kind, cell.value, region=run.region)
        except InvalidContactPoint as error:
            raise ImportRowRefused(error.message, field=cell.column) from None
        cells.setdefault((cell.kind, value), cell)
    return [
        _Point(cell=cell, value=value, owner=_recognised(kind, value, run.region))
        for (kind, value), cell in cells.items()
    ]


def _recognised(kind: str, value: str, region: str) -> Customer | None:
    return recognise(clues=Clues(contact_point=value, kind=kind), region=region).customer


def _owner(run: _Run, row: CustomerRow, points: list[_Point]) -> Customer | None:
    """The one customer the row names, if any; a row naming two is refused."""
    owner, owner_column = None, run.columns.column_for("everthread_id")
    if row.everthread_id is not None:
        owner = _by_everthread_id(row.everthread_id, owner_column)
    for point in points:
        if point.owner is None:
            continue
        if owner is None:
            owner, owner_column = point.owner, point.cell.column
            _refuse_shared(owner, point, row)
        elif point.owner.pk != owner.pk:
            kind = point.cell.kind
            what = f"{ContactKind(kind).label} {contact_point_display(kind, point.value)}"
            raise ImportRowRefused(
                f"{what} belongs to {point.owner.full_name} (id {point.owner.pk}), but "
                f"{owner_column} is {owner.full_name}'s (id {owner.pk}): correct the row, "
                "or merge the two customers first.",
                field=point.cell.column,
            )
    return owner


def _refuse_shared(owner: Customer, point: _Point, row: CustomerRow) -> None:
    """A contact point on someone with another given name is shared (a household landline, a
    family email): updating that customer from this row would merge two people."""
    typed = name_key(row.profile.get("given_name", "")).split()[:1]
    known = [name_key(name).split()[:1] for name in (owner.given_name, owner.preferred_name)]
    if not typed or any(_same_given_name(typed[0], name[0]) for name in known if name):
        return
    kind = point.cell.kind
    raise ImportRowRefused(
        f"{ContactKind(kind).label} {contact_point_display(kind, point.value)} belongs to "
        f"{owner.full_name} (id {owner.pk}), not to "
        f"{row.profile['given_name']}: if they share it, leave it out of this row; if the "
        "name has changed, change it on the customer's page or import with their Everthread id.",
        field=point.cell.column,
    )


def _same_given_name(a: str, b: str) -> bool:
    """Dan and Daniel, Bob and Robert: one person; Jane and John: two."""
    return (
        a.startswith(b)
        or b.startswith(a)
        or bool(FORMAL_NAMES.get(a, {a}) & FORMAL_NAMES.get(b, {b}))
    )


def _by_everthread_id(customer_id: int, column: str) -> Customer:
    customer = (
        Customer.objects.select_related("home_store", "merged_into").filter(pk=customer_id).first()
    )
    if customer is None:
        raise ImportRowRefused(
            f"There is no customer with Everthread id {customer_id}.", field=column
        )
    if customer.merged_into is not None:
        # The merge chose the survivor's values; a row from before it must not undo that.
        survivor = customer.merged_into
        raise ImportRowRefused(
            f"Everthread id {customer_id} ({customer.full_name}) was merged into "
            f"{survivor.full_name} (id {survivor.pk}): export again, or use that id.",
            field=column,
        )
    return customer


def _profile_resolved(run: _Run, profile: dict[str, Any]) -> dict[str, Any]:
    if "home_store" not in profile:
        return profile
    store = run.stores.get(profile["home_store"].casefold())
    if store is None:
        raise InvalidProfile(
            f"There is no store with the code or name {profile['home_store']!r}.",
            field="home_store",
        )
    return {**profile, "home_store": store}


def _changes(customer: Customer, profile: dict[str, Any]) -> dict[str, Any]:
    """The row's values that differ from the customer's; tags are added, never removed."""
    changes = {}
    for name, value in profile.items():
        if name == "tags":
            value = [*customer.tags, *(tag for tag in value if tag not in customer.tags)]
        current = customer.home_store_id if name == "home_store" else getattr(customer, name)
        if current != (value.pk if name == "home_store" else value):
            changes[name] = value
    return changes
