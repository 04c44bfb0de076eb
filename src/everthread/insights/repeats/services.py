"""Keeping what the detector finds: the customers whose timelines grew are read again."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max, Subquery

from everthread.conversations.models import TimelineEntry
from everthread.insights.models import RepeatHeard, RepeatScan
from everthread.insights.repeats.detect import Passage, Repeat, repeats_detect
from everthread.insights.repeats.selectors import (
    CUSTOMERS_PER_READ,
    TIMELINE_FIELDS,
    TIMELINE_KINDS,
    Timeline,
)


def repeats_refresh(*, customer_ids: Iterable[int]) -> int:
    """Run the detector over these customers' whole timelines and keep what it finds in
    place of what was kept for them; how many repeats are kept.

    1 query to read, 2 to write, per CUSTOMERS_PER_READ customers."""
    ids = sorted(set(customer_ids))
    kept = 0
    for first in range(0, len(ids), CUSTOMERS_PER_READ):
        chunk = ids[first : first + CUSTOMERS_PER_READ]
        entries = TimelineEntry.objects.filter(customer_id__in=chunk, kind__in=TIMELINE_KINDS)
        timeline = Timeline.of(entries.values(*TIMELINE_FIELDS))
        rows = [
            RepeatHeard(
                customer_id=customer_id,
                interaction_id=timeline.interaction_of[repeat.later.entry_id],
                channel=repeat.later.channel,
                repeat=dataclasses.asdict(repeat),
            )
            for customer_id, passages in timeline.passages.items()
            for repeat in repeats_detect(passages, customer_id=customer_id)
            if repeat.later.entry_id in timeline.interaction_of
        ]
        with transaction.atomic():
            RepeatHeard.objects.filter(customer_id__in=chunk).delete()
            RepeatHeard.objects.bulk_create(rows)
        kept += len(rows)
    return kept


def repeats_catch_up() -> int:
    """Bring the kept repeats up to date with the contacts and notes that reached timelines
    since the last catch-up: their customers are read again. How many customers were read.

    1 query when nothing is new; after a bulk load it reads every timeline once. One
    catch-up at a time: a second waits for the first, then finds nothing new."""
    newest = TimelineEntry.objects.order_by("-id").values("id")[:1]
    seen = (
        RepeatScan.objects.filter(pk=1)
        .annotate(newest=Subquery(newest))
        .values_list("through_entry_id", "newest")
        .first()
    )
    if seen is not None and (seen[1] or 0) <= seen[0]:
        return 0
    with transaction.atomic():
        RepeatScan.objects.get_or_create(pk=1)
        scan = RepeatScan.objects.select_for_update().get(pk=1)
        through = TimelineEntry.objects.aggregate(newest=Max("id"))["newest"] or 0
        customers = set(
            TimelineEntry.objects.filter(
                id__gt=scan.through_entry_id, id__lte=through, kind__in=TIMELINE_KINDS
            ).values_list("customer_id", flat=True)
        )
        repeats_refresh(customer_ids=customers)
        scan.through_entry_id = max(through, scan.through_entry_id)
        scan.save(update_fields=["through_entry_id"])
    return len(customers)


def repeat_from_kept(kept: dict) -> Repeat:
    """The detector's Repeat from its kept form (RepeatHeard.repeat)."""

    def passage(fields: dict) -> Passage:
        at = datetime.datetime.fromisoformat(fields["occurred_at"])
        return Passage(**{**fields, "occurred_at": at})

    return Repeat(**{**kept, "earlier": passage(kept["earlier"]), "later": passage(kept["later"])})
