"""Reads of customers that more than one page or endpoint needs."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from everthread.core.errors import InvalidInput
from everthread.customers.contact_points import contact_point_guesses
from everthread.customers.errors import CustomerNotFound
from everthread.customers.merge_rules import merge_rules
from everthread.customers.models import (
    PROFILE_FIELDS,
    ContactPoint,
    Customer,
    CustomerMerge,
    name_key,
)


@dataclass(frozen=True)
class CustomerPage:
    items: list[Customer]
    next_cursor: str | None


def customer_detail(*, customer_id: int) -> Customer:
    """One customer with what their page shows, in 2 queries."""
    customer = (
        Customer.objects.select_related("home_store", "advisor")
        .prefetch_related("contact_points")
        .filter(pk=customer_id)
        .first()
    )
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
    """Customers by name or by any contact point in any format, in name order, in 3 queries.

    Paginated by the stable key (sort_key, id): pages never skip or repeat a
    customer while others are added.
    """
    limit = limit or settings.PAGE_SIZE
    customers = _matching(query, region=region)
    if after:
        sort_key, last_id = _cursor_decode(after)
        customers = customers.filter(
            Q(sort_key__gt=sort_key) | Q(sort_key=sort_key, id__gt=last_id)
        )
    rows = list(
        customers.select_related("home_store")
        .prefetch_related("contact_points")
        .order_by("sort_key", "id")[: limit + 1]
    )
    next_cursor = _cursor_encode(rows[limit - 1]) if len(rows) > limit else None
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
    owners = ContactPoint.objects.filter(by_contact).values("customer_id")
    return current.filter(by_name | Q(id__in=owners))


def _cursor_encode(customer: Customer) -> str:
    raw = json.dumps([customer.sort_key, customer.pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_decode(cursor: str) -> tuple[str, int]:
    try:
        sort_key, last_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(sort_key, str) and isinstance(last_id, int):
            return sort_key, last_id
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        pass
    raise InvalidInput(
        "That page link is not valid; start again from the first page.", field="cursor"
    )


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
