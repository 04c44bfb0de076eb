"""What the dashboards read: the metrics, their breakdowns, the journey map and the contacts
behind them. Each is a fixed number of aggregate queries (pinned in the tests)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from everthread.coaching.selectors import BehaviourScore, behaviour_scores
from everthread.consent.models import ConsentChannel
from everthread.conversations.models import Interaction
from everthread.core.models import Channel
from everthread.core.pagination import time_keyset_page
from everthread.followups.models import FollowUp
from everthread.insights.metrics import (
    Measure,
    Rows,
    contacts_in,
    elapsed,
    followups_in,
    followups_placed,
    mean,
    metrics_measure,
    rate,
    repeats_in,
    replies_by_channel,
    rolled_and_live,
    tone_by_channel,
    waited,
)
from everthread.insights.models import BreakDay, MoveDay
from everthread.insights.scope import Scope


def channel_label(channel: str) -> str:
    return Channel(channel).label if channel in Channel.values else channel.replace("_", " ")


@dataclass(frozen=True)
class Dashboard:
    metrics: list[Measure]
    response_by_channel: list[dict[str, object]]
    tone_by_channel: list[dict[str, object]]
    followups_by_month: list[dict[str, object]]
    journey_map: JourneyMap
    behaviours: list[BehaviourScore]


@dataclass(frozen=True)
class JourneyMap:
    """How customers move between channels in their journeys, and where continuity breaks."""

    flows: list[dict[str, object]]
    breaks: list[dict[str, object]] = field(default_factory=list)


def insights_dashboard(*, scope: Scope) -> Dashboard:
    """Everything the dashboard shows: one query per metric and table (two for the
    behaviours), and the repeats found once for both the metric and the journey map
    (repeats_in)."""
    found = repeats_in(scope)
    return Dashboard(
        metrics=metrics_measure(scope, given={"repeats": found.rate()}),
        response_by_channel=response_by_channel(scope),
        tone_by_channel=[
            {**row, "label": ConsentChannel(str(row["channel"])).label}
            for row in tone_by_channel(scope)
        ],
        followups_by_month=followups_by_month(scope),
        journey_map=journey_map(scope, repeats=found.by_channel()),
        behaviours=behaviours_in(scope),
    )


def behaviours_in(scope: Scope) -> list[BehaviourScore]:
    """How well each behaviour is done in the scope, from observations and mystery shopping
    (coaching's behaviour_scores, by the date of the contact observed or the visit): 2
    queries."""
    reach = scope.reach
    return behaviour_scores(
        store_id=scope.store_id,
        team_id=scope.team_id,
        channel=scope.channel or None,
        staff_id=scope.staff_id,
        since=timezone.localdate(scope.start),
        until=timezone.localdate(scope.end - datetime.timedelta(microseconds=1)),
        store_ids=reach.store_ids if reach else None,
        team_ids=reach.team_ids if reach else None,
    )


def response_by_channel(scope: Scope) -> list[dict[str, object]]:
    """Per channel: the customer's messages answered and the mean hours to our answer."""
    return [
        {
            "channel": channel,
            "label": channel_label(channel),
            "answered": answered,
            "hours": mean(waited(wait_us), answered)[2],
        }
        for channel, (answered, wait_us) in sorted(replies_by_channel(scope).items())
    ]


def followups_by_month(scope: Scope) -> list[dict[str, object]]:
    """Per month of the period: follow-ups due, done, done on time, and the completion rate."""
    rows = (
        followups_in(scope)
        .annotate(month=TruncMonth("due_at"))
        .values("month")
        .annotate(
            due=Count("id"),
            done=Count("id", filter=Q(status=FollowUp.Status.DONE)),
            on_time=Count("id", filter=Q(status=FollowUp.Status.DONE, closed_at__lte=F("due_at"))),
        )
        .order_by("month")
    )
    return [
        {**row, "label": f"{row['month']:%b %Y}", "completed": rate(row["done"], row["due"])[2]}
        for row in rows
    ]


def journey_map(scope: Scope, *, repeats: Mapping[str, int] | None = None) -> JourneyMap:
    """The moves from one channel to the next within journeys (a contact in the period whose
    previous contact on the journey was in another channel), with the mean hours between
    them; and per channel where continuity broke: follow-ups raised there that were missed
    (open past due, or done late), that were escalated, and repeats when a detector gives
    them (``repeats``: channel → count)."""
    return JourneyMap(flows=_flows(scope), breaks=_breaks(scope, repeats or {}))


# A move: the channel a contact came from, and its own.
MOVE = ("came_from", "channel")


def _flows(scope: Scope) -> list[dict[str, object]]:
    """The moves between channels (rolled_and_live)."""
    found = rolled_and_live(
        scope,
        rolled=lambda days: (
            MoveDay.objects.filter(days, contacts_in(scope))
            .values(*MOVE)
            .annotate(moves=Sum("moves"), wait=Sum("wait_us"))
        ),
        live=lambda part: (
            moves_live(part)
            .values(*MOVE)
            .annotate(moves=Count("id"), wait=Sum(elapsed("occurred_at", "left_at")))
            .order_by()
        ),
        by=MOVE,
        sums=("moves", "wait"),
    )
    ordered = sorted(found.items(), key=lambda item: (-item[1]["moves"], *item[0]))
    return [
        {
            "from": came_from,
            "to": channel,
            "from_label": channel_label(came_from),
            "to_label": channel_label(channel),
            "label": f"{channel_label(came_from)} → {channel_label(channel)}",
            "moves": totals["moves"],
            "hours": mean(waited(totals["wait"]), totals["moves"])[2],
        }
        for (came_from, channel), totals in ordered
    ]


def moves_live(scope: Scope) -> QuerySet[Interaction]:
    """Contacts in the scope whose previous contact on the journey (customer side) was in
    another channel, with that channel (``came_from``) and when it was (``left_at``)."""
    customer_side = ~Q(direction=Interaction.Direction.INTERNAL)
    before = (
        Interaction.objects.filter(customer_side, journey_id=OuterRef("journey_id"))
        .filter(
            Q(occurred_at__lt=OuterRef("occurred_at"))
            | Q(occurred_at=OuterRef("occurred_at"), id__lt=OuterRef("id"))
        )
        .order_by("-occurred_at", "-id")
    )
    return (
        Interaction.objects.filter(customer_side, contacts_in(scope), scope.during("occurred_at"))
        .exclude(journey=None)
        .annotate(
            came_from=Subquery(before.values("channel")[:1]),
            left_at=Subquery(before.values("occurred_at")[:1]),
        )
        .filter(came_from__isnull=False)
        .exclude(came_from=F("channel"))
    )


def _breaks(scope: Scope, repeats: Mapping[str, int]) -> list[dict[str, object]]:
    """Per channel: follow-ups missed and escalated (rolled_and_live), and repeats."""

    def rolled(days: Q) -> Rows:
        breaks = BreakDay.objects.filter(days, followups_placed(scope))
        if scope.channel:
            breaks = breaks.filter(channel=scope.channel)
        return breaks.values("channel").annotate(missed=Sum("missed"), escalated=Sum("escalated"))

    rows = rolled_and_live(
        scope, rolled=rolled, live=followups_breaking, by=("channel",), sums=("missed", "escalated")
    )
    by_channel = {channel: totals for (channel,), totals in rows.items()}
    found = []
    for channel in sorted(set(by_channel) | set(repeats)):
        row = by_channel.get(channel, {})
        counts = {
            "missed": row.get("missed", 0),
            "escalated": row.get("escalated", 0),
            "repeats": repeats.get(channel, 0),
        }
        if any(counts.values()):
            found.append({"channel": channel, "label": channel_label(channel), **counts})
    return found


def followups_breaking(scope: Scope) -> QuerySet[FollowUp, dict[str, Any]]:
    """Per channel of the contact they were raised from: follow-ups due in the scope that
    were missed (open past due, or done late) and that were escalated."""
    return (
        followups_in(scope)
        .exclude(interaction=None)
        .values(channel=F("interaction__channel"))
        .annotate(**followup_breaks(scope))
        .order_by()
    )


def followup_breaks(scope: Scope) -> dict[str, Count]:
    """The counts of follow-ups due in ``scope`` that were missed (open past due, or done
    late) and that were escalated."""
    missed = Q(status=FollowUp.Status.OPEN, due_at__lt=min(scope.end, timezone.now())) | Q(
        status=FollowUp.Status.DONE, closed_at__gt=F("due_at")
    )
    return {
        "missed": Count("id", filter=missed),
        "escalated": Count("id", filter=Q(escalated_at__isnull=False)),
    }


def contacts_page(
    *, scope: Scope, after: str | None, limit: int, direction: str = ""
) -> tuple[list[Interaction], str | None]:
    """The interactions behind the dashboard, newest first, a page at a time (1 query)."""
    rows = contacts_behind(scope, direction=direction)
    return time_keyset_page(rows, by="occurred_at", after=after, limit=limit, newest_first=True)


def contacts_behind(scope: Scope, *, direction: str = "") -> QuerySet[Interaction]:
    rows = Interaction.objects.filter(contacts_in(scope), scope.during("occurred_at"))
    if direction:
        rows = rows.filter(direction=direction)
    return rows.select_related("customer", "staff", "store", "journey")
