"""Finding likely duplicates across the whole base, and deciding about each pair."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from everthread.core.errors import NotFound
from everthread.core.models import Capability, Staff
from everthread.core.services import audit_record, capability_require
from everthread.customers.matching.engine import MatchResult, ScoredPair, find_duplicates
from everthread.customers.models import DuplicatePair
from everthread.customers.selectors import customer_match_records


@dataclass(frozen=True)
class DedupeSummary:
    result: MatchResult
    new: int
    updated: int
    already_reviewed: int


def duplicates_find() -> DedupeSummary:
    """Run the matching engine over every current customer and keep its pairs for review."""
    result = find_duplicates(list(customer_match_records()))
    return DedupeSummary(result=result, **duplicate_pairs_store(pairs=result.pairs))


@transaction.atomic
def duplicate_pairs_store(*, pairs: Iterable[ScoredPair]) -> dict[str, int]:
    """Keep each pair once: new ones open, open ones refreshed, reviewed ones left decided."""
    found = {_ordered(pair): pair for pair in pairs}
    existing = {
        (row.customer_a_id, row.customer_b_id): row
        for row in DuplicatePair.objects.filter(
            customer_a_id__in={a for a, _ in found}, customer_b_id__in={b for _, b in found}
        )
    }
    counts = {"new": 0, "updated": 0, "already_reviewed": 0}
    fresh, refreshed = [], []
    for key, pair in found.items():
        row = existing.get(key)
        if row is None:
            fresh.append(
                DuplicatePair(
                    customer_a_id=key[0],
                    customer_b_id=key[1],
                    score=pair.match_probability,
                    reasons=list(pair.reasons),
                )
            )
        elif row.status == DuplicatePair.Status.OPEN:
            row.score, row.reasons = pair.match_probability, list(pair.reasons)
            refreshed.append(row)
        else:
            counts["already_reviewed"] += 1
    DuplicatePair.objects.bulk_create(fresh, batch_size=1000, ignore_conflicts=True)
    DuplicatePair.objects.bulk_update(refreshed, ["score", "reasons"], batch_size=1000)
    counts["new"], counts["updated"] = len(fresh), len(refreshed)
    return counts


@transaction.atomic
def duplicate_pair_dismiss(*, actor: Staff, pair_id: int) -> DuplicatePair:
    """A person decided these are two different people; dedupe will not suggest them again."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    pair = DuplicatePair.objects.select_for_update().filter(pk=pair_id).first()
    if pair is None:
        raise NotFound(f"There is no duplicate pair with id {pair_id}.")
    pair.status = DuplicatePair.Status.DISMISSED
    pair.reviewed_by, pair.reviewed_at = actor, timezone.now()
    pair.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    audit_record(
        actor=actor,
        action="duplicate_pair.dismissed",
        subject=pair,
        customer_id=pair.customer_a_id,
        detail={"other_id": pair.customer_b_id},
    )
    return pair


def duplicate_pairs_close_for_merge(*, actor: Staff, merged_id: int) -> None:
    """After a merge, open pairs naming the merged record are settled."""
    DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN).filter(
        Q(customer_a_id=merged_id) | Q(customer_b_id=merged_id)
    ).update(status=DuplicatePair.Status.MERGED, reviewed_by=actor, reviewed_at=timezone.now())


def _ordered(pair: ScoredPair) -> tuple[int, int]:
    a, b = int(pair.left_id), int(pair.right_id)
    return (a, b) if a < b else (b, a)
