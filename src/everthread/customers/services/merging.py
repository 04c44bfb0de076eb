"""Merging two records of one person, and undoing it exactly."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from everthread.core.models import Capability, Staff
from everthread.core.services import audit_record, capability_require
from everthread.customers.errors import (
    CustomerNotFound,
    InvalidProfile,
    MergeRefused,
)
from everthread.customers.merge_rules import merge_rules
from everthread.customers.models import PROFILE_FIELDS, Customer, CustomerMerge
from everthread.customers.services.duplicates import duplicate_pairs_close_for_merge


@transaction.atomic
def customer_merge(
    *, actor: Staff, survivor_id: int, merged_id: int, take_from_merged: Iterable[str] = ()
) -> CustomerMerge:
    """Fold ``merged`` into ``survivor``: every linked row moves, per its app's merge rule.

    ``take_from_merged`` names the profile fields whose value should come from the
    merged record; every other field keeps the survivor's. The merged record is kept,
    marked, so ``customer_unmerge`` can restore both exactly.
    """
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    if survivor_id == merged_id:
        raise MergeRefused("A customer cannot be merged into themselves.", field="merged_id")
    survivor, merged = _lock_customers(survivor_id, merged_id)
    for customer in (survivor, merged):
        if customer.merged_into_id is not None:
            raise MergeRefused(
                f"{customer.full_name} (id {customer.pk}) was already merged into "
                f"customer {customer.merged_into_id}; use that record.",
                field="merged_id" if customer is merged else "survivor_id",
            )
    chosen = list(take_from_merged)
    unknown = sorted(set(chosen) - set(PROFILE_FIELDS))
    if unknown:
        raise InvalidProfile(f"{unknown[0]!r} is not a profile field.", field="take_from_merged")
    snapshot = {"survivor": _profile_snapshot(survivor), "merged": _profile_snapshot(merged)}
    for name in chosen:
        setattr(survivor, name, getattr(merged, name))
    survivor.save()
    snapshot["moved"] = {
        rule.key: rule.move(rule.rows_of(merged.pk), survivor.pk) for rule in merge_rules()
    }
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into"])
    duplicate_pairs_close_for_merge(actor=actor, merged_id=merged.pk)
    merge = CustomerMerge.objects.create(
        survivor=survivor, merged=merged, merged_by=actor, snapshot=snapshot
    )
    audit_record(
        actor=actor,
        action="customer.merged",
        subject=merge,
        customer_id=survivor.pk,
        detail={"merged_id": merged.pk, "fields_from_merged": chosen},
    )
    return merge


@transaction.atomic
def customer_unmerge(*, actor: Staff, merge_id: int) -> CustomerMerge:
    """Undo a merge: both profiles as they were, every moved row back where it came from."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    merge = CustomerMerge.objects.select_for_update().filter(pk=merge_id).first()
    if merge is None:
        raise CustomerNotFound(f"There is no merge with id {merge_id}.")
    if merge.undone_at is not None:
        raise MergeRefused("This merge has already been undone.")
    survivor, merged = _lock_customers(merge.survivor_id, merge.merged_id)
    if survivor.merged_into_id is not None:
        raise MergeRefused(
            f"{survivor.full_name} was since merged into customer {survivor.merged_into_id}; "
            "undo that merge first."
        )
    rules = {rule.key: rule for rule in merge_rules()}
    for key, moved in merge.snapshot["moved"].items():
        rule = rules[key]
        rule.restore(rule.rows_by_pk(moved), merged.pk)
    _profile_restore(survivor, merge.snapshot["survivor"])
    _profile_restore(merged, merge.snapshot["merged"])
    merged.merged_into = None
    merged.save()
    merge.undone_by, merge.undone_at = actor, timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    audit_record(
        actor=actor,
        action="customer.unmerged",
        subject=merge,
        customer_id=survivor.pk,
        detail={"merged_id": merged.pk},
    )
    return merge


def _lock_customers(*ids: int) -> tuple[Customer, ...]:
    # Lock in pk order: two people merging the same pair must not deadlock.
    locked = {
        c.pk: c for c in Customer.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    missing = [customer_id for customer_id in ids if customer_id not in locked]
    if missing:
        raise CustomerNotFound(f"There is no customer with id {missing[0]}.")
    return tuple(locked[customer_id] for customer_id in ids)


def _profile_fields() -> list[Any]:
    return [f for f in Customer._meta.concrete_fields if f.name in PROFILE_FIELDS]


def _profile_snapshot(customer: Customer) -> dict[str, Any]:
    values = {f.attname: getattr(customer, f.attname) for f in _profile_fields()}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _profile_restore(customer: Customer, snapshot: dict[str, Any]) -> None:
    for f in _profile_fields():
        setattr(customer, f.attname, f.to_python(snapshot[f.attname]))
    customer.save()
