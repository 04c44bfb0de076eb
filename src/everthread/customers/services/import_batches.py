"""One batch of an import's rows: read and checked in Python, recognised with one query,
decided in memory, written with a few bulk inserts.

Rows are decided in file order, against what the database holds and what the batch's
earlier rows decided, so a batch ends as importing its rows one at a time would: a row that
names a customer an earlier row of the batch created updates that customer, and a row that
claims an email an earlier row gave to someone else is refused, as it would be if that
customer were stored already.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from everthread.core.bulk_writes import rows_insert, rows_update
from everthread.core.errors import DomainError, ImportRowRefused
from everthread.core.models import Staff, Store
from everthread.core.services import Audited, audit_record_many
from everthread.customers.contact_points import (
    ContactKind,
    contact_point_display,
    contact_point_normalise,
)
from everthread.customers.csv_files import Columns, ContactCell, CustomerRow, csv_row_read
from everthread.customers.errors import InvalidContactPoint, InvalidProfile
from everthread.customers.import_columns import ImportColumns, ImportColumnsBatch, import_columns_in
from everthread.customers.matching.nicknames import FORMAL_NAMES
from everthread.customers.models import (
    PROFILE_FIELDS,
    ContactPoint,
    Customer,
    CustomerImportReject,
    name_key,
)
from everthread.customers.services.profiles import profile_clean

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, REJECTED)

# A row as csv_records gives it: its number as a spreadsheet shows it, and its cells.
Record = tuple[int, list[str]]


@dataclass(frozen=True)
class ImportJob:
    """What every batch of one import reads: who runs it, the file's columns, the stores."""

    import_id: int
    actor: Staff
    region: str
    columns: Columns
    stores: dict[str, Store]

    @functools.cached_property
    def id_column(self) -> str:
        return self.columns.column_for("everthread_id")

    @functools.cached_property
    def customer_fields(self) -> list[str]:
        """What a batch reads of a stored customer: the names (for its messages and search
        keys), what the file's columns can change, and what tells of a merge or an edit."""
        profile = {field for field in self.columns.fields if field in PROFILE_FIELDS}
        names = {"given_name", "family_name", "preferred_name"}
        return sorted(profile | names | {"merged_into", "updated_at"})

    @functools.cached_property
    def other_columns(self) -> list[ImportColumns]:
        """Other apps' columns in the file (consent, say)."""
        return import_columns_in(self.columns.fields)


class BatchRaced(Exception):
    """A customer the batch read was changed by someone else before the batch wrote it."""


def import_batch_write(*, job: ImportJob, records: list[Record]) -> Counter[str]:
    """Import these rows in the caller's transaction, and count their outcomes.

    A refused row is kept as a CustomerImportReject and leaves nothing else behind. When
    another writer gets in between the read and the write, this raises BatchRaced or the
    database's IntegrityError: the caller rolls back and tries again with fresh reads.
    """
    batch = _Batch(job)
    reads = [read for number, cells in records if (read := batch.read(number, cells))]
    batch.recognise(reads)
    for read in reads:
        batch.decide(read)
    batch.write()
    return batch.tally


@dataclass(eq=False)
class _Draft:
    """A customer as the batch leaves them: stored or new, with what the batch adds."""

    customer: Customer
    row: int = 0  # the row that created them; 0 when they were stored before the batch
    read_at: datetime.datetime | None = None
    fields: set[str] = field(default_factory=set)
    points: list[tuple[str, str]] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"row {self.row} of this file" if self.row else f"id {self.customer.pk}"


@dataclass(frozen=True)
class _Read:
    number: int
    cells: list[str]
    row: CustomerRow
    points: list[tuple[ContactCell, str]]  # each cell with its normalised value, once per key
    other: dict[str, Any]  # other apps' columns, read by them: by the app's name


class _Batch:
    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.owners: dict[tuple[str, str], _Draft] = {}
        self.stored: dict[int, _Draft] = {}
        self.new: list[_Draft] = []
        self.rejects: list[dict[str, Any]] = []
        self.tally: Counter[str] = Counter()
        self.others: dict[str, ImportColumnsBatch] = {}
        self.other_rows: list[tuple[str, _Draft, Any]] = []

    def read(self, number: int, cells: list[str]) -> _Read | None:
        try:
            row = csv_row_read(number, cells, self.job.columns)
            if not row.contact_points and row.everthread_id is None:
                raise ImportRowRefused(
                    "The row has no email, phone, handle, loyalty or CRM id, so importing it "
                    "again could not find the same customer: add one.",
                    field="",
                )
            other = {
                columns.name: value
                for columns in self.job.other_columns
                if columns.name in row.other
                and (value := columns.read(row.other[columns.name], column=self._column_for))
                is not None
            }
            points = _points_normalised(row, self.job.region)
            return _Read(number, cells, row, points, other)
        except DomainError as error:
            self._reject(number, cells, error)
            return None

    def recognise(self, reads: list[_Read]) -> None:
        """Who owns each contact point of the batch and who each Everthread id is: one query
        for the points, one for their owners and the ids' customers together."""
        keys = sorted({(cell.kind, value) for read in reads for cell, value in read.points})
        owned = _contact_points_owned(keys)
        ids = {read.row.everthread_id for read in reads if read.row.everthread_id is not None}
        ids.update(customer_id for _, _, customer_id in owned)
        if ids:
            for customer in Customer.objects.only(*self.job.customer_fields).filter(pk__in=ids):
                self.stored[customer.pk] = _Draft(customer, read_at=customer.updated_at)
        for kind, value, customer_id in owned:
            self.owners[(kind, value)] = self.stored[customer_id]
        self.others = {
            columns.name: columns.batch(customer_ids=list(self.stored))
            for columns in self.job.other_columns
        }

    def decide(self, read: _Read) -> None:
        try:
            owner = self._owner(read)
            profile = self._profile_resolved(read.row.profile)
            adds = self._others_check(owner, read)
            outcome = (
                self._create(read, profile) if owner is None else self._update(owner, read, profile)
            )
        except DomainError as error:
            self._reject(read.number, read.cells, error)
        else:
            draft = owner or self.new[-1]
            self.other_rows.extend((name, draft, value) for name, value in read.other.items())
            self.tally[UPDATED if outcome == UNCHANGED and adds else outcome] += 1

    def _others_check(self, owner: _Draft | None, read: _Read) -> bool:
        """Other apps' checks of the row (a refusal rejects it); whether any would add."""
        customer = owner.customer if owner is not None and not owner.row else None
        adds = [
            self.others[name].check(customer=customer, value=value, column=self._column_for)
            for name, value in read.other.items()
        ]
        return any(adds)

    def _column_for(self, field: str) -> str:
        return self.job.columns.column_for(field)

    # _create and _update check everything before they change anything: a refused row leaves
    # the batch as it found it.

    def _create(self, read: _Read, profile: dict[str, Any]) -> str:
        draft = _Draft(_customer_new(profile_clean({"given_name": "", **profile})), row=read.number)
        self.new.append(draft)
        self._points_add(draft, read)
        return CREATED

    def _update(self, owner: _Draft, read: _Read, profile: dict[str, Any]) -> str:
        customer = owner.customer
        changes = profile_clean(_changes(customer, profile))
        changed = [name for name, value in changes.items() if _differs(customer, name, value)]
        for name in changed:
            setattr(customer, name, changes[name])
        owner.fields.update(changed)
        added = self._points_add(owner, read)
        return UPDATED if changed or added else UNCHANGED

    def _points_add(self, draft: _Draft, read: _Read) -> int:
        """Give the draft the row's contact points nobody has (_owner refused the others')."""
        added = [(cell.kind, value) for cell, value in read.points]
        added = [key for key in added if key not in self.owners]
        for key in added:
            self.owners[key] = draft
        draft.points.extend(added)
        return len(added)

    def _owner(self, read: _Read) -> _Draft | None:
        """The one customer the row names, if any; a row naming two is refused."""
        row, owner, owner_column = read.row, None, self.job.id_column
        if row.everthread_id is not None:
            owner = self._by_everthread_id(row.everthread_id, owner_column)
        for cell, value in read.points:
            found = self.owners.get((cell.kind, value))
            if found is None:
                continue
            if owner is None:
                owner, owner_column = found, cell.column
                _refuse_shared(found, cell, value, row)
            elif found is not owner:
                raise ImportRowRefused(
                    f"{_what(cell.kind, value)} belongs to {found.customer.full_name} "
                    f"({found.where}), but {owner_column} is {owner.customer.full_name}'s "
                    f"({owner.where}): correct the row, or merge the two customers first.",
                    field=cell.column,
                )
        return owner

    def _by_everthread_id(self, customer_id: int, column: str) -> _Draft:
        draft = self.stored.get(customer_id)
        if draft is None:
            raise ImportRowRefused(
                f"There is no customer with Everthread id {customer_id}.", field=column
            )
        customer = draft.customer
        if customer.merged_into_id is not None:
            # The merge chose the survivor's values; a row from before it must not undo that.
            survivor = customer.merged_into
            assert survivor is not None
            raise ImportRowRefused(
                f"Everthread id {customer_id} ({customer.full_name}) was merged into "
                f"{survivor.full_name} (id {survivor.pk}): export again, or use that id.",
                field=column,
            )
        return draft

    def _profile_resolved(self, profile: dict[str, Any]) -> dict[str, Any]:
        if "home_store" not in profile:
            return profile
        store = self.job.stores.get(profile["home_store"].casefold())
        if store is None:
            raise InvalidProfile(
                f"There is no store with the code or name {profile['home_store']!r}.",
                field="home_store",
            )
        return {**profile, "home_store": store}

    def _reject(self, number: int, cells: list[str], error: DomainError) -> None:
        # Our own row errors already name the column; the services name the field or kind.
        columns = self.job.columns
        column = (
            error.field if isinstance(error, ImportRowRefused) else columns.column_for(error.field)
        )
        self.rejects.append(
            {
                "customer_import_id": self.job.import_id,
                "row": number,
                "field": column or "",
                "reason": error.message,
                "values": cells,
            }
        )
        self.tally[REJECTED] += 1

    def write(self) -> None:
        """Everything the batch decided, in a few bulk statements."""
        touched = [draft for draft in self.stored.values() if draft.fields or draft.points]
        _lock_unchanged(touched)
        _customers_insert([draft.customer for draft in self.new])
        _customers_update([draft for draft in touched if draft.fields])
        points = [
            {"customer_id": draft.customer.pk, "kind": kind, "value": value}
            for draft in [*self.new, *touched]
            for kind, value in draft.points
        ]
        rows_insert(ContactPoint, points)
        for name, others in self.others.items():
            rows = [
                (draft.customer, value) for owner, draft, value in self.other_rows if owner == name
            ]
            if rows:
                others.write(rows=rows, actor=self.job.actor, import_id=self.job.import_id)
        audit_record_many(actor=self.job.actor, entries=self._audited(touched))
        rows_insert(CustomerImportReject, self.rejects)

    def _audited(self, touched: list[_Draft]) -> Iterator[Audited]:
        """One entry per customer the batch created or changed, naming the import."""
        for draft in [*self.new, *touched]:
            detail: dict[str, Any] = {"import_id": self.job.import_id}
            if draft.fields:
                detail["fields"] = sorted(draft.fields)
            if draft.points:
                detail["contact_points"] = sorted({kind for kind, _ in draft.points})
            action = "customer.created" if draft.row else "customer.updated"
            yield Audited(action, draft.customer, draft.customer.pk, detail)


def _contact_points_owned(keys: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """(kind, value, customer id) of each of these contact points that is stored."""
    if not keys:
        return []
    if connection.vendor == "postgresql":
        # Two array parameters, where the ORM would bind thousands: binding them one by one
        # costs more than the lookup.
        with connection.cursor() as cursor:
            cursor.execute(_OWNED_SQL, [[kind for kind, _ in keys], [value for _, value in keys]])
            return cursor.fetchall()
    values: dict[str, list[str]] = defaultdict(list)
    for kind, value in keys:
        values[kind].append(value)
    wanted = functools.reduce(
        operator.or_, (Q(kind=kind, value__in=found) for kind, found in values.items())
    )
    return list(ContactPoint.objects.filter(wanted).values_list("kind", "value", "customer_id"))


_OWNED_SQL = (
    f"SELECT p.kind, p.value, p.customer_id FROM {ContactPoint._meta.db_table} p "
    "JOIN unnest(%s::text[], %s::text[]) AS wanted(kind, value) "
    "ON p.kind = wanted.kind AND p.value = wanted.value"
)


def _points_normalised(row: CustomerRow, region: str) -> list[tuple[ContactCell, str]]:
    cells: dict[tuple[str, str], ContactCell] = {}
    for cell in row.contact_points:
        try:
            value = contact_point_normalise(cell.kind, cell.value, region=region)
        except InvalidContactPoint as error:
            raise ImportRowRefused(error.message, field=cell.column) from None
        cells.setdefault((cell.kind, value), cell)
    return [(cell, value) for (_, value), cell in cells.items()]


def _changes(customer: Customer, profile: dict[str, Any]) -> dict[str, Any]:
    """The row's values that differ from the customer's; tags are added, never removed."""
    changes = {}
    for name, value in profile.items():
        if name == "tags":
            value = [*customer.tags, *(tag for tag in value if tag not in customer.tags)]
        if _differs(customer, name, value):
            changes[name] = value
    return changes


def _differs(customer: Customer, name: str, value: Any) -> bool:
    if name == "home_store":  # by id: reading the customer's store would cost a query
        return customer.home_store_id != (value.pk if value is not None else None)
    return bool(getattr(customer, name) != value)


def _customer_new(profile: dict[str, Any]) -> Customer:
    """An unsaved customer with this checked profile, made from its values in field order:
    Django's quick way to make an instance, where keywords cost twice as long (a thousand
    times a batch)."""
    values = {field.attname: field.get_default() for field in _CUSTOMER_FIELDS}
    for name, value in profile.items():
        if name in _RELATIONS:  # a store or a member of staff, kept by its id
            values[_RELATIONS[name]] = value.pk if value is not None else None
        else:
            values[name] = value
    return Customer(*values.values())


_CUSTOMER_FIELDS = Customer._meta.concrete_fields
_RELATIONS = {field.name: field.attname for field in _CUSTOMER_FIELDS if field.is_relation}


def _customers_insert(customers: list[Customer]) -> None:
    for customer in customers:
        customer.name_keys_set()
    # An instance's vars() are its field values by attname: the row, with nothing copied.
    keys = rows_insert(Customer, [vars(customer) for customer in customers], returning_ids=True)
    for customer, key in zip(customers, keys, strict=True):
        customer.pk = key


def _customers_update(drafts: list[_Draft]) -> None:
    if not drafts:
        return
    now = timezone.now()
    for draft in drafts:
        draft.customer.updated_at = now
        draft.customer.name_keys_set()
    fields = set().union(*(draft.fields for draft in drafts))
    rows_update(
        [draft.customer for draft in drafts],
        sorted(fields | {"sort_key", "search_text", "updated_at"}),
    )


def _lock_unchanged(drafts: list[_Draft]) -> None:
    """Lock the stored customers the batch writes to, and check nobody changed them since."""
    if not drafts:
        return
    # In primary-key order: two imports touching the same customers must not deadlock.
    current = dict(
        Customer.objects.select_for_update()
        .filter(pk__in=[draft.customer.pk for draft in drafts])
        .order_by("pk")
        .values_list("pk", "updated_at")
    )
    if any(current.get(draft.customer.pk) != draft.read_at for draft in drafts):
        raise BatchRaced


def _refuse_shared(owner: _Draft, cell: ContactCell, value: str, row: CustomerRow) -> None:
    """A contact point on someone with another given name is shared (a household landline, a
    family email): updating that customer from this row would merge two people."""
    customer = owner.customer
    typed = name_key(row.profile.get("given_name", "")).split()[:1]
    known = [name_key(name).split()[:1] for name in (customer.given_name, customer.preferred_name)]
    if not typed or any(_same_given_name(typed[0], name[0]) for name in known if name):
        return
    raise ImportRowRefused(
        f"{_what(cell.kind, value)} belongs to {customer.full_name} ({owner.where}), not to "
        f"{row.profile['given_name']}: if they share it, leave it out of this row; if the "
        "name has changed, change it on the customer's page or import with their Everthread id.",
        field=cell.column,
    )


def _same_given_name(a: str, b: str) -> bool:
    """Dan and Daniel, Bob and Robert: one person; Jane and John: two."""
    return (
        a.startswith(b)
        or b.startswith(a)
        or bool(FORMAL_NAMES.get(a, {a}) & FORMAL_NAMES.get(b, {b}))
    )


def _what(kind: str, value: str) -> str:
    return f"{ContactKind(kind).label} {contact_point_display(kind, value)}"
