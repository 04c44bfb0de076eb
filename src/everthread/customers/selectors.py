"""Reads of customers that more than one page or endpoint needs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from everthread.core.csv_files import csv_lines, csv_records
from everthread.core.pagination import cursor_decode, cursor_encode
from everthread.customers.contact_points import contact_point_guesses
from everthread.customers.csv_files import Columns
from everthread.customers.errors import CustomerImportNotFound, CustomerNotFound
from everthread.customers.matching.records import CustomerRecord
from everthread.customers.merge_rules import merge_rules
from everthread.customers.models import (
    PROFILE_FIELDS,
    ContactPoint,
    Customer,
    CustomerImport,
    CustomerImportReject,
    CustomerMerge,
    DuplicatePair,
    name_key,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class MergesKept(TypedDict):
    keeps_merges: bool


@dataclass(frozen=True)
class CustomerPage:
    items: list[Customer]
    next_cursor: str | None


def customer_detail(
    *, customer_id: int, contact_points: bool = True
) -> WithAnnotations[Customer, MergesKept]:
    """One customer with what their page shows, in 2 queries (1 without contact points,
    for a part of the page that shows none).

    ``keeps_merges`` says whether records merged into this one can still be undone:
    almost no customer has any, so the page reads them only when there are some.
    """
    kept = CustomerMerge.objects.filter(survivor_id=OuterRef("pk"), undone_at__isnull=True)
    customers = Customer.objects.select_related("home_store", "advisor").annotate(
        keeps_merges=Exists(kept)
    )
    if contact_points:
        customers = customers.prefetch_related("contact_points")
    customer = customers.filter(pk=customer_id).first()
    if customer is None:
        raise CustomerNotFound(f"There is no customer with id {customer_id}.")
    return customer


def customer_merges_kept(*, customer_id: int) -> list[CustomerMerge]:
    """Records merged into this customer that can still be undone, newest first, in 1 query."""
    return list(
        CustomerMerge.objects.filter(survivor_id=customer_id, undone_at__isnull=True)
        .select_related("merged", "merged_by")
        .order_by("-merged_at", "-id")
    )


def customer_search(
    *, query: str = "", region: str, after: str | None = None, limit: int | None = None
) -> CustomerPage:
    """Customers by name or by any contact point in any format, in name order, in 3 queries
    (4 when the text could be a contact point).

    Paginated by the stable key (sort_key, id): pages never skip or repeat a
    customer while others are added.
    """
    limit = limit or settings.PAGE_SIZE
    customers = _matching(query, region=region)
    if after:
        sort_key, last_id = cursor_decode(after, str, int)
        customers = customers.filter(
            Q(sort_key__gt=sort_key) | Q(sort_key=sort_key, id__gt=last_id)
        )
    rows = list(
        customers.select_related("home_store")
        .prefetch_related("contact_points")
        .order_by("sort_key", "id")[: limit + 1]
    )
    next_cursor = (
        cursor_encode(rows[limit - 1].sort_key, rows[limit - 1].pk) if len(rows) > limit else None
    )
    return CustomerPage(items=rows[:limit], next_cursor=next_cursor)


def _matching(query: str, *, region: str) -> QuerySet[Customer]:
    query = query.strip()
    current = Customer.objects.filter(merged_into__isnull=True)
    if not query:
        return current
    by_name = Q()
    for token in name_key(query).split():
        by_name &= Q(search_text__contains=token)
    guesses = contact_point_guesses(query, region=region)
    if not guesses:
        return current.filter(by_name)
    by_contact = Q()
    for kind, value in guesses:
        by_contact |= Q(kind=kind, value=value)
    # The owners as plain ids (a lookup by the unique index, a handful at most), not a
    # subquery: "name matches OR id in (…)" then lets PostgreSQL combine the name's
    # trigram index with the primary key, where a subquery would make it read every
    # customer in name order and test each.
    owners = list(ContactPoint.objects.filter(by_contact).values_list("customer_id", flat=True))
    return current.filter(by_name | Q(id__in=owners)) if owners else current.filter(by_name)


@dataclass(frozen=True)
class FieldConflict:
    name: str
    label: str
    survivor_value: object
    merged_value: object


@dataclass(frozen=True)
class MergePreview:
    survivor: Customer
    merged: Customer
    conflicts: list[FieldConflict]
    moves: dict[str, int]  # rows that will move, by what they are


def customer_merge_preview(*, survivor_id: int, merged_id: int) -> MergePreview:
    """What merging ``merged`` into ``survivor`` would move and which fields disagree."""
    survivor = customer_detail(customer_id=survivor_id)
    merged = customer_detail(customer_id=merged_id)
    conflicts = [
        FieldConflict(
            name,
            name.replace("_", " ").capitalize(),
            getattr(survivor, name),
            getattr(merged, name),
        )
        for name in PROFILE_FIELDS
        if getattr(merged, name) not in (None, "", [], {})
        and getattr(survivor, name) != getattr(merged, name)
    ]
    moves = {}
    for rule in merge_rules():
        count = rule.rows_of(merged_id).count()
        if count and rule.model is not CustomerMerge:
            moves[str(rule.model._meta.verbose_name_plural)] = count
    return MergePreview(survivor=survivor, merged=merged, conflicts=conflicts, moves=moves)


def customer_match_records(*, batch: int = 5000) -> Iterator[CustomerRecord]:
    """Every current customer as the matching engine reads them, in id order, batch by batch."""
    last_id = 0
    while True:
        rows = list(
            Customer.objects.filter(merged_into__isnull=True, id__gt=last_id)
            .order_by("id")
            .values_list("id", "given_name", "family_name", "date_of_birth", "postcode")[:batch]
        )
        if not rows:
            return
        last_id = rows[-1][0]
        points: dict[int, dict[str, list[str]]] = {}
        for customer_id, kind, value in ContactPoint.objects.filter(
            customer_id__in=[row[0] for row in rows], kind__in=("email", "phone")
        ).values_list("customer_id", "kind", "value"):
            points.setdefault(customer_id, {}).setdefault(kind, []).append(value)
        for customer_id, given, family, born, postcode in rows:
            mine = points.get(customer_id, {})
            yield CustomerRecord(
                id=customer_id,
                given_name=given,
                family_name=family,
                date_of_birth=born,
                postcode=postcode,
                phones=tuple(mine.get("phone", ())),
                emails=tuple(mine.get("email", ())),
            )


def duplicate_pairs_open(*, after: str | None = None, limit: int | None = None) -> DuplicatePage:
    """Open pairs, most likely first, both profiles joined, paginated by (score, id)."""
    limit = limit or settings.PAGE_SIZE
    pairs = DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN)
    if after:
        score, last_id = cursor_decode(after, float | int, int)
        pairs = pairs.filter(Q(score__lt=score) | Q(score=score, id__gt=last_id))
    rows = list(
        pairs.select_related("customer_a__home_store", "customer_b__home_store")
        .prefetch_related("customer_a__contact_points", "customer_b__contact_points")
        .order_by("-score", "id")[: limit + 1]
    )
    next_cursor = None
    if len(rows) > limit:
        next_cursor = cursor_encode(rows[limit - 1].score, rows[limit - 1].pk)
    return DuplicatePage(items=rows[:limit], next_cursor=next_cursor)


@dataclass(frozen=True)
class DuplicatePage:
    items: list[DuplicatePair]
    next_cursor: str | None


# Import and export.

EXPORT_PAGE_SIZE = 500


def customer_export_bounds() -> tuple[int, int]:
    """How many current customers there are and the highest id among them, in 1 query."""
    bounds = Customer.objects.filter(merged_into__isnull=True).aggregate(
        count=Count("id"), last_id=Max("id")
    )
    return bounds["count"], bounds["last_id"] or 0


def customer_export_pages(
    *, up_to_id: int, page_size: int = EXPORT_PAGE_SIZE
) -> Iterator[Customer]:
    """Current customers by id with their store and contact points, 2 queries a page.

    Paged by id, not offset, so memory stays flat and a page never skips a customer.
    """
    last_id = 0
    while True:
        page = list(
            Customer.objects.filter(merged_into__isnull=True, pk__gt=last_id, pk__lte=up_to_id)
            .select_related("home_store")
            .prefetch_related("contact_points")
            .order_by("pk")[:page_size]
        )
        yield from page
        if len(page) < page_size:
            return
        last_id = page[-1].pk


def customer_import_get(*, import_id: int) -> CustomerImport:
    customer_import = (
        CustomerImport.objects.select_related("started_by").filter(pk=import_id).first()
    )
    if customer_import is None:
        raise CustomerImportNotFound(f"There is no customer import with id {import_id}.")
    return customer_import


def customer_import_recent(*, limit: int = 10) -> list[CustomerImport]:
    """The latest imports, without their files' content, in 1 query."""
    return list(
        CustomerImport.objects.defer("content")
        .select_related("started_by")
        .order_by("-uploaded_at", "-id")[:limit]
    )


def customer_import_sample(*, customer_import: CustomerImport, limit: int = 3) -> list[list[str]]:
    """The first rows of the file, as its columns will read them."""
    columns = Columns.from_stored(customer_import.columns, customer_import.delimiter)
    records = csv_records(
        customer_import.content, delimiter=columns.delimiter, file_name=customer_import.file_name
    )
    return [cells for _, cells in itertools.islice(records, limit)]


def customer_import_rejects(
    *, import_id: int, limit: int | None = None
) -> list[CustomerImportReject]:
    rejects = CustomerImportReject.objects.filter(customer_import_id=import_id).order_by("row")
    return list(rejects[:limit] if limit is not None else rejects)


def customer_import_rejects_lines(*, customer_import: CustomerImport) -> Iterator[str]:
    """The refused rows as CSV: row, field and reason, then the row as it was in the file."""
    headers = [column["header"] for column in customer_import.columns]
    rejects = (
        CustomerImportReject.objects.filter(customer_import=customer_import)
        .order_by("row")
        .iterator(chunk_size=500)
    )
    rows = ([str(r.row), r.field, r.reason, *r.values] for r in rejects)
    return csv_lines(itertools.chain([["row", "field", "reason", *headers]], rows))
