"""Which part of a scope the daily rollups answer, and which part is computed live.

A dashboard reads the whole days of its period that are rolled up from the rollups, and
computes the rest live from the contacts: today, days not rolled up yet, and the hours
before the first or after the last whole day when the period starts or ends mid-day. Each
metric rolled up is additive over days, so the two parts add up to the live figure.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from everthread.insights.models import RollupDay
from everthread.insights.scope import Scope

# The days rolled up, as runs of consecutive days; refreshing rollups forgets it. Read
# stale, it names fewer days than are rolled up (days are only ever added, and a day is
# rewritten in one transaction), so the dashboard computes more live, never less.
ROLLED_UP_CACHE_KEY = "insights.rollups.days"
ROLLED_UP_CACHE_SECONDS = 300

DayRun = tuple[datetime.date, datetime.date]  # first day, day after the last


@dataclass(frozen=True)
class DaySplit:
    """``runs``: whole days of the scope to read from the rollups (first, day after the
    last); ``live``: the rest of the scope, as scopes to compute live."""

    runs: list[DayRun]
    live: list[Scope]

    @property
    def days(self) -> Q:
        """The rollup rows of the days read from the rollups."""
        q = Q(pk__in=[])
        for first, after in self.runs:
            q |= Q(day__gte=first, day__lt=after)
        return q


def day_start(day: datetime.date) -> datetime.datetime:
    """When ``day`` begins in the organisation's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )


def day_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment, timezone.get_default_timezone())


def rolled_up_runs() -> list[DayRun]:
    """Every run of consecutive days rolled up, oldest first (1 query, then cached)."""
    runs = cache.get(ROLLED_UP_CACHE_KEY)
    if runs is None:
        runs = []
        for day in RollupDay.objects.order_by("day").values_list("day", flat=True):
            if runs and runs[-1][1] == day:
                runs[-1] = (runs[-1][0], day + datetime.timedelta(days=1))
            else:
                runs.append((day, day + datetime.timedelta(days=1)))
        cache.set(ROLLED_UP_CACHE_KEY, runs, ROLLED_UP_CACHE_SECONDS)
    return runs


def rollup_split(scope: Scope) -> DaySplit:
    """The whole days of ``scope`` the rollups hold, and the rest of it (the whole scope
    when nothing is rolled up: small installs and tests read live, as before)."""
    first = day_of(scope.start)
    if day_start(first) < scope.start:
        first += datetime.timedelta(days=1)
    after = day_of(scope.end)
    if first >= after:
        return DaySplit([], [scope])
    runs = [(max(a, first), min(b, after)) for a, b in rolled_up_runs() if a < after and b > first]
    live, at = [], scope.start
    for a, b in runs:
        if at < day_start(a):
            live.append(replace(scope, start=at, end=day_start(a)))
        at = day_start(b)
    if at < scope.end:
        live.append(replace(scope, start=at, end=scope.end))
    return DaySplit(runs, live)
