"""Issue 10: the continuity dashboard's queries over the whole generated base.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/everthread_bench_generated_small \
        .venv/bin/python bench/dashboards.py --customers 100000 --interactions 2000000

Reads (or loads, once) the generated base `generated_base` keeps for the customer page.
The scope is everything: from the first contact in the base to tomorrow, no store, team,
channel or person. Each insights metric (every one registered: what the dashboard, the
CSV and `GET /api/v1/insights/metrics` compute) and each of the dashboard's tables is
computed ``--repeat`` times, taking turns; the median is reported against the target of
1 s. First every day of the base is rolled up (insights.rollups, timed: "refresh of all
days"), so the metrics that read the rollups read whole days from them and compute only
today live, as a dashboard does after the nightly run. The baseline, in the same run and
turns, is a COUNT(*) over the table the metric's first query reads: what merely counting
the rows it aggregates costs. EXPLAIN (without
ANALYZE) of each query says what it reads. Writes its section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import statistics
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
os.environ.setdefault("EVERTHREAD_SECRET_KEY", "benchmark-only")
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/everthread_bench_generated"
)

from generated_base import base_ready, plan_reads

TARGET_MS = 1000
# Metrics that may be left out (--skip) at a scale where one computation outlasts the run,
# and why.
SKIPPED = {
    "repeats": (
        "The metric counts the repeats the detector keeps (RepeatHeard), but after a bulk "
        "load such as this base the detector must first read every timeline once: about "
        "4 ms a customer in Python, over an hour at 1M customers, longer than this run. "
        "A dashboard helps for 2 s, says how much is left and leaves the rest to the "
        "worker, so the figure would count only what 2 s read. Contacts and notes that "
        "arrive later are read at the next catch-up, a few ms a customer. Next: that first "
        "read spread over both cores and run by `everthread generate` itself."
    )
}


# What changed, measured the same way on the 1M base (kept here: the section is rewritten
# by each run).
HISTORY = """Before → after, the same 1M base shape: the daily rollups (2026-12-07, before on a
busy host): first-contact resolution 12,546 → 12 ms, messages answered 25,655 → 533 ms, tone
gap 1,174 → 64 ms, response time 33,196 → 1,115 ms, its table 37,250 → 1,147 ms, journey
map 91,347 → 2,220 ms; 7 → 10 of 14 within 1 s. Then (2026-12-07, late; the figures above,
host to itself): PostgreSQL's JIT compilation off for Everthread's connections (today's live
part of the response time spent 342 of its 486 ms compiling), and consent coverage's two
probes per customer answered from indexes alone (interactions by customer and time, the
consent ledger by customer, time and kind): response time 1,115 → 525 ms, its table
1,147 → 511, messages answered 533 → 112, journey map 2,220 → 1,209, consent on record
2,180 → 1,367; 12 of 14 within 1 s.
What is left. The journey map computes today live: this base, generated on the day it is
read, put 52,763 contacts in the hour it was made (a journey that would have run past the
moment of generating ended at it; `everthread generate` no longer does that, 2026-12-07),
against about 1,100 in its other hours; today's moves took 846 of the 1,209 ms. Consent on
record counts distinct customers, which does not add up over days: every customer in touch
is probed (1,000,000 index-only probes in parallel workers, 470 ms) and then whether each had
answered is asked by the leader alone (PostgreSQL runs a correlated subquery above the
parallel part; a LATERAL join and a merge join with the ledger were tried and were slower).
Next: a kept per-customer "consent on record since", counted in the parallel part, and the
base generated again.
Building every day's rollups from nothing on this base (`everthread rollups --since
2020-01-01`, 2,532 days): 16 min 20 s while the test suite shared the host, 26 s of it
Python (the aggregation runs in PostgreSQL)."""


def whole_base() -> Any:
    from django.db.models import Min
    from django.utils import timezone

    from everthread.conversations.models import Interaction
    from everthread.insights.scope import Scope

    first = Interaction.objects.aggregate(first=Min("occurred_at"))["first"] or timezone.now()
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    return Scope(start=start, end=timezone.now() + datetime.timedelta(days=1))


def rollups_build(scope: Any, *, rebuild: bool) -> str:
    """The rollups of every day of the base: built from nothing (timed) the first time, or
    when asked; on a base rolled up already, brought up to date as the nightly run does
    (the first build at 1M takes long enough to do once). What was done, for the report."""
    from everthread.insights.models import RollupDay
    from everthread.insights.rollups.selectors import day_of
    from everthread.insights.rollups.services import rollups_catch_up

    first_time = rebuild or not RollupDay.objects.exists()
    started = time.perf_counter()
    days = rollups_catch_up(since=day_of(scope.start) if first_time else None, progress=True)
    seconds = time.perf_counter() - started
    done = (
        f"Refresh of all days: {seconds:,.1f} s ({days:,} days rolled up from nothing: "
        "`everthread rollups --since` the first day)"
        if first_time
        else f"The rollups were built by an earlier run on this base; bringing them up to "
        f"date took {seconds:,.1f} s ({days:,} days recomputed)"
    )
    print(done, flush=True)
    return done


def dashboard_queries(scope: Any) -> dict[str, Callable[[], object]]:
    """Every metric, then every table of the dashboard, by the name it shows."""
    from everthread.insights.metrics import METRICS
    from everthread.insights.selectors import followups_by_month, journey_map, response_by_channel

    queries: dict[str, Callable[[], object]] = {
        f"{metric.label} (`{key}`)": (lambda metric=metric: metric.measure(scope))
        for key, metric in METRICS.items()
    }
    queries["table: response time by channel"] = lambda: response_by_channel(scope)
    queries["table: follow-ups by month"] = lambda: followups_by_month(scope)
    queries["table: journey map"] = lambda: journey_map(scope)
    return queries


def captured(call: Callable[[], object]) -> tuple[list[str], object]:
    """The SQL one call runs and what it answers; the call also warms the cache (the
    dashboard is read again and again)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        value = call()
    return [query["sql"] for query in queries.captured_queries], value


def main_table(sqls: list[str]) -> str:
    """The table the first query aggregates: its FROM nested in the fewest subqueries."""
    for sql in sqls:
        found, depth = [], 0
        for at, char in enumerate(sql):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if table := re.match(r'FROM "(\w+)"', sql[at:]):
                found.append((depth, at, table.group(1)))
        if found:
            return min(found)[2]
    return ""


def queries_read(sqls: list[str]) -> list[str]:
    from django.db import connection

    reads: list[str] = []
    with connection.cursor() as cursor:
        for sql in sqls:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue  # a transaction's BEGIN or SAVEPOINT (the repeats' catch-up)
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            reads += plan_reads(cursor.fetchone()[0][0]["Plan"])
    return sorted(set(reads))


def count_of(table: str) -> Callable[[], object]:
    from django.db import connection

    def count() -> object:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            return cursor.fetchone()[0]

    return count


def measure(queries: dict[str, Callable[[], object]], tables: dict[str, str], repeat: int) -> dict:
    """Median ms of each query and of its table's COUNT(*), taking turns, ``repeat`` times."""
    counts = {table: count_of(table) for table in set(tables.values()) if table}
    calls = {**queries, **{f"count:{table}": call for table, call in counts.items()}}
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for table_count in counts.values():  # the queries were warmed by captured()
        table_count()
    for turn in range(repeat):
        order = list(calls.items())
        for name, call in order[turn % len(order) :] + order[: turn % len(order)]:
            started = time.perf_counter()
            call()
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def report(
    figures: dict[str, Any],
    scope: Any,
    medians: dict[str, float],
    tables: dict[str, str],
    reads: dict[str, list[str]],
    values: dict[str, str],
    repeat: int,
    load: list[float],
    rollups_done: str,
) -> str:
    from generated_base import load_line

    rows = []
    for name, table in tables.items():
        ms = medians[name]
        count = medians.get(f"count:{table}")
        ratio = f"{ms / count:.1f}×" if count else "–"
        verdict = "yes" if ms <= TARGET_MS else "**no**"
        rows.append(
            f"| {name} | {values[name]} | {ms:,.0f} | {verdict} | `{table}` | "
            f"{count or 0:,.0f} | {ratio} | {', '.join(reads[name]) or '(none)'} |"
        )
    missed = [name for name in tables if medians[name] > TARGET_MS]
    note = (
        "Every query is within the target."
        if not missed
        else f"Missed the target: {', '.join(missed)}. Each still reads every contact (or "
        "message, or customer) of the period, today's or not (see what it reads)."
    )
    note += (
        f"\n\n{rollups_done}. The nightly run recomputes yesterday, the last 8 days and the "
        "days late contacts touched."
    )
    return f"""## Dashboards over the whole base (issue 10)

PostgreSQL, the generated base the customer page reads: {load_line(figures)}

The scope is the whole base: {scope.start:%-d %b %Y} to {scope.end:%-d %b %Y}, no store,
team, channel or person. Each metric (as the dashboard, its CSV and the API compute it)
and each table of the dashboard, {repeat} times taking turns after one warm-up, in-process;
median milliseconds. Target: ≤ {TARGET_MS:,} ms each. Baseline in the same turns: a
COUNT(*) over the table the query reads first. Load average {load[0]} (start) and
{load[1]} (end) on the 2 cores. "Reads" is EXPLAIN (no ANALYZE) of every query it runs.

| query | value | median ms | ≤ 1 s | table | COUNT(*) ms | / COUNT(*) | reads |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

{note}

{HISTORY}
"""


def shown(value: object) -> str:
    from everthread.insights.metrics import Measure

    if isinstance(value, Measure):
        if value.value is None:
            return "no data"
        return f"{value.value:g} ({value.numerator:,.0f} / {value.denominator:,})"
    if isinstance(value, list):
        return f"{len(value)} rows"
    flows = getattr(value, "flows", None)
    return f"{len(flows)} flows" if flows is not None else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--skip", default="", help=f"metrics left out, comma-separated: {', '.join(SKIPPED)}"
    )
    parser.add_argument(
        "--rebuild-rollups",
        action="store_true",
        help="build every day's rollups from nothing even on a base rolled up already",
    )
    options = parser.parse_args()
    figures = base_ready(options.customers, options.interactions)
    from benchmarks_md import section_write

    scope = whole_base()
    rollups_done = rollups_build(scope, rebuild=options.rebuild_rollups)
    skipped = {key: SKIPPED[key] for key in options.skip.split(",") if key}
    queries = {
        name: call
        for name, call in dashboard_queries(scope).items()
        if not any(name.endswith(f"(`{key}`)") for key in skipped)
    }
    runs = {name: captured(call) for name, call in queries.items()}
    tables = {name: main_table(sql) for name, (sql, _) in runs.items()}
    reads = {name: queries_read(sql) for name, (sql, _) in runs.items()}
    values = {name: shown(value) for name, (_, value) in runs.items()}
    load_before = os.getloadavg()[0]
    medians = measure(queries, tables, options.repeat)
    load = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    body = report(
        figures, scope, medians, tables, reads, values, options.repeat, load, rollups_done
    )
    body += "".join(
        f"\nNot measured at this scale: `{key}`. {why}\n" for key, why in skipped.items()
    )
    section_write("dashboards", body)
    print(body)


if __name__ == "__main__":
    main()
