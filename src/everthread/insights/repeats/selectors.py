"""Reading timelines for the detector: one customer's, and many for the metrics."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Q, QuerySet, Subquery

from everthread.conversations.models import Interaction, TimelineEntry
from everthread.core.errors import InvalidInput
from everthread.core.models import Channel, Staff
from everthread.core.pagination import cursor_decode, cursor_encode, cursor_instant
from everthread.insights.repeats.detect import (
    HORIZON,
    NOTE_FIELDS,
    Passage,
    Repeat,
    repeats_detect,
)

T = TypeVar("T")
# Timelines read per query when counting over many customers.
CUSTOMERS_PER_READ = 500
TIMELINE_KINDS = ("interaction", "note")
_FIELDS = ("id", "customer_id", "kind", "object_id", "occurred_at", "channel", "staff_id")
# What the detector reads of each timeline entry.
TIMELINE_FIELDS = (*_FIELDS, "title", "text", "detail")


def repeats_find(*, customer_id: int, since: datetime.datetime | None = None) -> list[Repeat]:
    """What the customer had to tell us again, newest first; 2 queries, however long the
    history (what we knew before ``since`` still counts against what they said after)."""
    entries = TimelineEntry.objects.filter(customer_id=customer_id, kind__in=TIMELINE_KINDS)
    if since is not None:
        entries = entries.filter(occurred_at__gte=since - HORIZON)
    timeline = Timeline.of(entries.values(*TIMELINE_FIELDS))
    passages = timeline.passages.get(customer_id, [])
    names = {
        staff.pk: str(staff)
        for staff in Staff.objects.filter(pk__in={p.staff_id for p in passages if p.staff_id})
    }
    found = repeats_detect(passages, customer_id=customer_id, staff_names=names)
    if since is not None:
        found = [r for r in found if r.later.occurred_at >= since]
    return sorted(found, key=_later_key, reverse=True)


def repeats_count(
    *,
    store_id: int | None = None,
    team_id: int | None = None,
    channel: str | None = None,
    staff_id: int | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> int:
    """How many times customers told us again what we knew, in contacts in the period that
    match the filters (the store, team, channel or colleague that heard it again).

    1 query for the contacts, then 1 per CUSTOMERS_PER_READ customers (repeats_heard)."""
    if channel and channel not in Channel.values:
        raise InvalidInput(f"“{channel}” is not a channel.", field="channel")
    if start and end and end <= start:
        raise InvalidInput("The period ends before it starts.", field="end")
    where = Q()
    for field, value in (
        ("store_id", store_id),
        ("team_id", team_id),
        ("channel", channel),
        ("staff_id", staff_id),
        ("occurred_at__gte", start),
        ("occurred_at__lt", end),
    ):
        if value is not None and value != "":
            where &= Q(**{field: value})
    return len(repeats_heard(contacts=Interaction.objects.filter(where)))


@dataclass(frozen=True)
class Heard:
    """A repeat and the contact (interaction) in which the customer told us again."""

    repeat: Repeat
    interaction_id: int
    channel: str


# How long a reader of the repeats (a dashboard, a count) helps the detector catch up before
# it reads what is kept; the rest is left to the background task it queues.
CATCH_UP_SECONDS = 2.0


def repeats_heard(*, contacts: QuerySet[Interaction]) -> list[Heard]:
    """What customers told us again in ``contacts`` (their inbound ones count), newest first.

    Read from what the detector keeps (RepeatHeard), brought up to date first with what
    reached timelines since it last read them: 2 queries when nothing is new, then 1.
    After a bulk load the catch-up stops after CATCH_UP_SECONDS and the worker reads the
    rest (repeats_unread says how much is left; the dashboard shows it)."""
    from everthread.insights.models import RepeatHeard
    from everthread.insights.repeats.services import repeat_from_kept, repeats_catch_up

    if not repeats_catch_up(seconds=CATCH_UP_SECONDS).finished:
        _catch_up_queue()
    told = RepeatHeard.objects.filter(
        interaction__in=contacts.filter(direction=Interaction.Direction.INBOUND)
    ).values_list("repeat", "interaction_id", "channel")
    heard = [Heard(repeat_from_kept(kept), told_in, channel) for kept, told_in, channel in told]
    return sorted(heard, key=lambda h: _later_key(h.repeat), reverse=True)


def repeats_unread() -> int:
    """About how many contacts and notes the detector has not read yet (0: up to date);
    1 query, by the timeline's ids (so deleted entries may count)."""
    through, newest = repeats_read_mark()
    return max(0, newest - through)


def repeats_read_mark() -> tuple[int, int]:
    """The last timeline entry the detector has read (0: none yet), and the newest one."""
    from everthread.insights.models import RepeatScan

    newest = TimelineEntry.objects.order_by("-id").values("id")[:1]
    marks = (
        RepeatScan.objects.filter(pk=1)
        .annotate(newest=Subquery(newest))
        .values_list("through_entry_id", "newest")
        .first()
    )
    if marks is None:
        return 0, TimelineEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return marks[0], marks[1] or 0


def _catch_up_queue() -> None:
    """Queue the background catch-up, once a minute at most however many pages ask."""
    from everthread.insights.tasks import catch_up_repeats_now

    if cache.add("everthread:repeats:catch-up-queued", True, timeout=60):
        catch_up_repeats_now.enqueue()


def repeats_page(
    found: Sequence[T], *, repeat_of: Callable[[T], Repeat], after: str | None, limit: int
) -> tuple[list[T], str | None]:
    """A page of ``found`` (sorted newest first by the contact told again), after the cursor
    ``after``, and the cursor to the next page (None on the last)."""
    rows = list(found)
    if after:
        stamp, entry_id = cursor_decode(after, str, int)
        key = (cursor_instant(stamp), entry_id)
        rows = [r for r in rows if _later_key(repeat_of(r)) < key]
    if len(rows) <= limit:
        return rows, None
    last = repeat_of(rows[limit - 1]).later
    return rows[:limit], cursor_encode(last.occurred_at.isoformat(), last.entry_id)


def _later_key(repeat: Repeat) -> tuple[datetime.datetime, int]:
    return repeat.later.occurred_at, repeat.later.entry_id


@dataclass(frozen=True)
class Timeline:
    """Timeline rows as the detector's passages, by customer."""

    passages: dict[int, list[Passage]]
    # A contact's timeline entry id -> its interaction id.
    interaction_of: dict[int, int]

    @classmethod
    def of(cls, rows: Iterable[dict]) -> Timeline:
        passages: dict[int, list[Passage]] = defaultdict(list)
        interaction_of: dict[int, int] = {}
        for row in rows:
            if row["kind"] == "interaction":
                interaction_of[row["id"]] = row["object_id"]
            passages[row["customer_id"]].extend(_passages_of(row))
        return cls(dict(passages), interaction_of)


def _passages_of(row: dict) -> list[Passage]:
    detail = row["detail"] or {}
    at, staff_id = row["occurred_at"], row["staff_id"]
    if row["kind"] == "interaction":
        direction = detail.get("direction", "")
        if direction != Interaction.Direction.INBOUND:
            return []  # what we said is not what the customer had to tell us
        text = ". ".join(part for part in (row["title"], row["text"]) if part)
        return [Passage(row["id"], "interaction", at, row["channel"], staff_id, text)]
    # A sensitive note's text is not on the timeline: it is never shown beside a contact.
    return [
        Passage(row["object_id"], f"note.{field}", at, "", staff_id, detail[field], direction="")
        for field in NOTE_FIELDS
        if detail.get(field)
    ]
