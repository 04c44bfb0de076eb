"""Keeping what the detector finds: the customers whose timelines grew are read again."""

from __future__ import annotations

import dataclasses
import datetime
import time
from collections.abc import Iterable

from django.db import transaction

from everthread.conversations.models import TimelineEntry
from everthread.insights.models import RepeatHeard, RepeatScan
from everthread.insights.repeats.detect import Passage, Repeat, repeats_detect
from everthread.insights.repeats.selectors import (
    CUSTOMERS_PER_READ,
    TIMELINE_FIELDS,
    TIMELINE_KINDS,
    Timeline,
    repeats_read_mark,
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


# New timeline entries a catch-up reads per step: each step keeps what it found and moves
# the mark past them in one transaction, so work stopped half-way is never done twice.
ENTRIES_PER_STEP = 5_000


@dataclasses.dataclass(frozen=True)
class CaughtUp:
    customers_read: int
    finished: bool  # False: it stopped for time with more to read


def repeats_catch_up(*, seconds: float | None = None) -> CaughtUp:
    """Bring the kept repeats up to date with the contacts and notes that reached timelines
    since the last catch-up: their customers are read again (how many, and whether all
    that is new was read).

    1 query when nothing is new. Otherwise step by step, oldest entries first; two
    catch-ups at once take turns step by step. With ``seconds``, it stops after the step
    that passes them and leaves the rest (repeats_unread says how much) to the next one:
    after a bulk load, reading every timeline takes far longer than a page may wait."""
    through, newest = repeats_read_mark()
    if newest <= through:
        return CaughtUp(0, finished=True)
    started = time.monotonic()
    read = 0
    while True:
        if seconds is not None and time.monotonic() - started >= seconds:
            return CaughtUp(read, finished=False)
        with transaction.atomic():
            RepeatScan.objects.get_or_create(pk=1)
            scan = RepeatScan.objects.select_for_update().get(pk=1)
            step = list(
                TimelineEntry.objects.filter(id__gt=scan.through_entry_id)
                .order_by("id")
                .values_list("id", "customer_id", "kind")[:ENTRIES_PER_STEP]
            )
            if not step:
                return CaughtUp(read, finished=True)
            customers = {customer for _, customer, kind in step if kind in TIMELINE_KINDS}
            repeats_refresh(customer_ids=customers)
            scan.through_entry_id = step[-1][0]
            scan.save(update_fields=["through_entry_id"])
        read += len(customers)


def repeat_from_kept(kept: dict) -> Repeat:
    """The detector's Repeat from its kept form (RepeatHeard.repeat)."""

    def passage(fields: dict) -> Passage:
        at = datetime.datetime.fromisoformat(fields["occurred_at"])
        return Passage(**{**fields, "occurred_at": at})

    return Repeat(**{**kept, "earlier": passage(kept["earlier"]), "later": passage(kept["later"])})
