"""Keeping the daily rollups: whole days recomputed from the live metrics' own queries.

A day is rolled up once it has ended, and recomputed whenever a fact that changes its
figures may have arrived since (rollups_catch_up):

- every run recomputes the last ``TRAILING_DAYS`` days, so a customer's answer to a
  message (counted within seven days of it) and statuses settling are caught whatever
  else happens;
- contacts recorded since the last run (a watermark on their ids) mark their own days,
  the seven days before (the messages they may answer), every day with a contact on the
  same journeys (a late reply changes an older message's response time; a contact slotted
  in changes where the next one came from) and the days those journeys were resolved on
  (the customer got in touch once more);
- messages recorded, or whose status changed, since the last run mark the day they
  were created;
- follow-ups recorded, closed, escalated or handed over since the last run mark the day
  they are due;
- days not rolled up yet up to yesterday are rolled up (the first run rolls up them all).

Other edits to old rows (a contact moved to another journey, two customers merged, a
store removed) are caught by the nightly trailing window when recent, and otherwise by
recomputing the days on demand: ``everthread rollups --since 2026-01-01``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    Count,
    F,
    Max,
    Min,
    Model,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from tqdm import tqdm

from everthread.conversations.models import Interaction, Journey
from everthread.followups.models import FollowUp
from everthread.insights.metrics import (
    TONE_WARNING,
    elapsed,
    followups_in,
    journey_inbound_count,
    message_answered,
    messages_in,
    microseconds,
    replies,
)
from everthread.insights.models import (
    BreakDay,
    MoveDay,
    ReplyDay,
    ResolvedDay,
    ResolvedPlace,
    RollupDay,
    RollupMark,
    SentDay,
)
from everthread.insights.rollups.selectors import ROLLED_UP_CACHE_KEY, day_of, day_start
from everthread.insights.scope import Scope
from everthread.insights.selectors import followup_breaks, moves_live
from everthread.outreach.selectors import outbound_messages

# Days recomputed at every run: a message's answer counts within seven days of it.
TRAILING_DAYS = 8
# Days recomputed in one transaction (and one query per rollup).
CHUNK_DAYS = 31
ROLLUPS = (ReplyDay, MoveDay, ResolvedDay, ResolvedPlace, SentDay, BreakDay)
ONE_DAY = datetime.timedelta(days=1)


def rollups_refresh(*, days: Iterable[datetime.date], progress: bool = False) -> int:
    """Recompute the rollups of these days from the live queries, whole days at a time,
    and mark them rolled up; how many days. Days that have not ended are left out: today
    is always computed live."""
    today = day_of(timezone.now())
    wanted = sorted({day for day in days if day < today})
    RollupMark.objects.get_or_create(pk=1)  # the row each chunk locks
    chunks = list(_chunks(wanted))
    with tqdm(total=len(wanted), unit=" days", disable=not progress) as bar:
        for first, after in chunks:
            _chunk_refresh(first, after)
            bar.update((after - first).days)
    transaction.on_commit(lambda: cache.delete(ROLLED_UP_CACHE_KEY))
    return len(wanted)


def rollups_catch_up(*, since: datetime.date | None = None, progress: bool = False) -> int:
    """Bring the rollups up to date (see the module's rules), and recompute every day from
    ``since`` on when given; how many days were recomputed."""
    mark, _ = RollupMark.objects.get_or_create(pk=1)
    now = timezone.now()
    through = {
        "through_interaction_id": _last_id(Interaction.objects.all()),
        "through_message_id": _last_id(outbound_messages()),
        "through_followup_id": _last_id(FollowUp.objects.all()),
    }
    today = day_of(now)
    rolled = set(RollupDay.objects.values_list("day", flat=True))
    first = _first_day()
    days = set(_day_range(first, today)) - rolled if first else set()
    if since:
        days |= set(_day_range(since, today))
    if rolled:
        days |= set(_day_range(today - datetime.timedelta(TRAILING_DAYS), today))
        days |= _touched_days(mark, through=through)
    refreshed = rollups_refresh(days=days, progress=progress)
    RollupMark.objects.filter(pk=mark.pk).update(**through, through_at=now)
    return refreshed


def _last_id(rows: QuerySet) -> int:
    return rows.aggregate(last=Max("id"))["last"] or 0


def _first_day() -> datetime.date | None:
    """The first day anything the rollups count happened on."""
    firsts = [
        Interaction.objects.aggregate(at=Min("occurred_at"))["at"],
        outbound_messages().aggregate(at=Min("created_at"))["at"],
        Journey.objects.aggregate(at=Min("resolved_at"))["at"],
    ]
    known = [day_of(at) for at in firsts if at is not None]
    return min(known) if known else None


def _touched_days(mark: RollupMark, *, through: dict[str, int]) -> set[datetime.date]:
    """The days whose figures what was recorded or changed since the last run may have
    changed."""
    new = Interaction.objects.filter(
        id__gt=mark.through_interaction_id, id__lte=through["through_interaction_id"]
    )
    journeys = new.exclude(journey=None).values("journey_id")
    days = set()
    for day in _days_of(new, "occurred_at"):
        days |= set(_day_range(day - datetime.timedelta(days=7), day + ONE_DAY))
    days |= _days_of(Interaction.objects.filter(journey_id__in=journeys), "occurred_at")
    days |= _days_of(
        Journey.objects.filter(pk__in=journeys, resolved_at__isnull=False), "resolved_at"
    )
    messages = Q(id__gt=mark.through_message_id, id__lte=through["through_message_id"])
    followups = Q(id__gt=mark.through_followup_id, id__lte=through["through_followup_id"])
    if (since := mark.through_at) is not None:
        messages |= Q(status_changed_at__gt=since)
        followups |= Q(closed_at__gt=since) | Q(escalated_at__gt=since) | Q(handovers__at__gt=since)
    days |= _days_of(outbound_messages().filter(messages), "created_at")
    days |= _days_of(FollowUp.objects.filter(followups), "due_at")
    return days


def _days_of(rows: QuerySet, field: str) -> set[datetime.date]:
    return set(rows.annotate(day=_day(field)).order_by().values_list("day", flat=True).distinct())


def _day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


def _day_range(first: datetime.date, after: datetime.date) -> Iterator[datetime.date]:
    day = first
    while day < after:
        yield day
        day += ONE_DAY


def _chunks(days: list[datetime.date]) -> Iterator[tuple[datetime.date, datetime.date]]:
    """Runs of consecutive days, at most CHUNK_DAYS long: (first, day after the last)."""
    start = None
    for at, day in enumerate(days):
        if start is None:
            start = day
        ends_run = at + 1 == len(days) or days[at + 1] != day + ONE_DAY
        if ends_run or (day - start).days + 1 == CHUNK_DAYS:
            yield start, day + ONE_DAY
            start = None


@transaction.atomic
def _chunk_refresh(first: datetime.date, after: datetime.date) -> None:
    """Rewrite the rollups of the days from ``first`` to before ``after``."""
    # One writer at a time: two runs rewriting the same days at once would each delete
    # nothing of the other's and both insert, counting the day twice.
    RollupMark.objects.select_for_update().filter(pk=1).first()
    if connection.vendor == "postgresql":
        # Each query here is costed high (a subquery per contact) but runs in seconds:
        # compiling it first (JIT) would cost as much again.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
    scope = Scope(start=day_start(first), end=day_start(after))
    days = Q(day__gte=first, day__lt=after)
    for model in (*ROLLUPS, RollupDay):
        model._default_manager.filter(days).delete()
    _replies_roll_up(scope)
    _moves_roll_up(scope)
    _resolved_roll_up(scope)
    _sent_roll_up(scope)
    _breaks_roll_up(scope)
    now = timezone.now()
    RollupDay.objects.bulk_create(
        RollupDay(day=day, refreshed_at=now) for day in _day_range(first, after)
    )


CONTACT_DIMENSIONS = ("store_id", "team_id", "staff_id", "channel")


def _write(model: type[Model], rows: Iterable[dict[str, Any]]) -> None:
    """Rows named as ``model``'s fields; a summed duration (``wait``) is kept in whole
    microseconds (``wait_us``)."""
    made = []
    for row in rows:
        if "wait" in row:
            row = {**row, "wait_us": microseconds(row["wait"])}
            del row["wait"]
        made.append(model(**row))
    model._default_manager.bulk_create(made, batch_size=2000)


def _insert_select(model: type[Model], rows: QuerySet) -> None:
    """Write ``rows`` (a values() query named as ``model``'s fields) in the database
    itself: INSERT ... SELECT."""
    names = [*rows.query.values_select, *rows.query.annotation_select]
    quote = connection.ops.quote_name
    column_of = {field.attname: field.column for field in model._meta.concrete_fields}
    columns = ", ".join(quote(column_of[name]) for name in names)
    selected = ", ".join(quote(name) for name in names)
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
            f"SELECT {selected} FROM ({sql}) rolled",
            params,
        )


def _replies_roll_up(scope: Scope) -> None:
    rows = (
        replies(scope)
        .annotate(day=_day("occurred_at"))
        .values("day", *CONTACT_DIMENSIONS)
        .annotate(answered=Count("id"), wait=Sum(elapsed("reply_at", "occurred_at")))
        .order_by()
    )
    _write(ReplyDay, rows.iterator())


def _moves_roll_up(scope: Scope) -> None:
    rows = (
        moves_live(scope)
        .annotate(day=_day("occurred_at"))
        .values("day", "came_from", *CONTACT_DIMENSIONS)
        .annotate(moves=Count("id"), wait=Sum(elapsed("occurred_at", "left_at")))
        .order_by()
    )
    _write(MoveDay, rows.iterator())


def _resolved_roll_up(scope: Scope) -> None:
    """Per owner and day, and where each journey had contacts (metrics.first_contact_resolution)."""
    journeys = (
        Journey.objects.filter(scope.during("resolved_at"), status=Journey.Status.RESOLVED)
        .annotate(inbound=journey_inbound_count(), day=_day("resolved_at"))
        .values("day", "owner_id")
        .annotate(resolved=Count("id"), first=Count("id", filter=Q(inbound__lte=1)))
        .order_by()
    )
    _insert_select(ResolvedDay, journeys)
    places = (
        Interaction.objects.filter(
            journey__status=Journey.Status.RESOLVED,
            journey__resolved_at__gte=scope.start,
            journey__resolved_at__lt=scope.end,
        )
        .annotate(
            day=_day("journey__resolved_at"),
            owner_id=F("journey__owner_id"),
            first=LessThanOrEqual(journey_inbound_count("journey_id"), 1),
        )
        .values("day", "journey_id", "owner_id", "first", *CONTACT_DIMENSIONS)
        .distinct()
        .order_by()
    )
    _insert_select(ResolvedPlace, places)


def _sent_roll_up(scope: Scope) -> None:
    rows = (
        messages_in(scope)
        .annotate(day=_day("created_at"))
        .values("day", "created_by_id", "channel")
        .annotate(
            sent=Count("id"),
            on_tone=Count("id", filter=~Q(tone_hints__icontains=TONE_WARNING)),
            answered=Count("id", filter=Q(message_answered())),
        )
        .order_by()
    )
    _insert_select(SentDay, rows)


def _breaks_roll_up(scope: Scope) -> None:
    rows = (
        followups_in(scope)
        .exclude(interaction=None)
        .annotate(day=_day("due_at"))
        .values("day", "owner_id", "team_id", channel=F("interaction__channel"))
        .annotate(**followup_breaks(scope))
        .order_by()
    )
    _insert_select(BreakDay, rows)
