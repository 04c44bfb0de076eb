"""Issue 5's performance requirement: the customer page and the first page of its timeline
for a customer with 1,000+ interactions, in a base of 100,000 customers and 2,000,000
interactions on PostgreSQL.

    .venv/bin/python bench/customer_page.py [--customers 100000] [--interactions 2000000]
        [--requests 300]

The base is its own database (everthread_bench_page unless DATABASE_URL says another),
created if missing and loaded once with `everthread generate`'s service, whose load
figures are kept in bench/results/customer_page_load.json; a later run, and the name
search and dashboard benchmarks, reuse both (`generated_base`).

Timed in-process with Django's test Client, signed in as an associate, the page as a
browser asks for it and the timeline's first page as HTMX asks for it, for three
customers taking turns: one with a single interaction (the baseline), the first with
1,000 or more, and the busiest. The raw timeline SQL (one indexed query of a page of
rows) is timed in the same turns. Every SELECT the pages run for the 1,000+ customer
goes through EXPLAIN ANALYZE, and the index each one reads is recorded.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
os.environ.setdefault("EVERTHREAD_SECRET_KEY", "benchmark-only")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/everthread_bench_page")
os.environ.setdefault("EVERTHREAD_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from benchmarks_md import RESULTS_DIR, percentiles
from django.conf import settings
from generated_base import base_ready, client_signed_in, load_line, plan_reads

# Every run's timings, labelled with the code it measured: the before and after of a fix.
RUNS = RESULTS_DIR / "customer_page_runs.json"
WARM_UP = 30
BUSY = 1000


def customers_picked() -> dict[str, tuple[int, int]]:
    """(customer id, interactions) of the baseline, the first 1,000+ and the busiest."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT customer_id, count(*) FROM conversations_interaction GROUP BY customer_id "
            "HAVING count(*) = 1 OR count(*) >= %s ORDER BY count(*), customer_id",
            [BUSY],
        )
        counted = cursor.fetchall()
    busy = [row for row in counted if row[1] >= BUSY]
    if not busy or counted[0][1] != 1:
        sys.exit("The base has no customer with 1,000+ interactions (or none with one).")
    return {"1 interaction": counted[0], "first 1,000+": busy[0], "busiest": busy[-1]}


def measure(picked: dict[str, tuple[int, int]], requests: int) -> dict[str, Any]:
    """Time every page of every picked customer and the raw SQL, taking turns."""
    from django.db import connection
    from django.test import Client

    client = client_signed_in(Client())
    raw_sql = (
        "SELECT * FROM conversations_timelineentry WHERE customer_id = %s "
        "ORDER BY occurred_at DESC, id DESC LIMIT %s"
    )
    busy_id = picked["first 1,000+"][0]

    def page(customer_id: int) -> None:
        response = client.get(f"/customers/{customer_id}/")
        assert response.status_code == 200, response.status_code

    def timeline(customer_id: int) -> None:
        response = client.get(f"/customers/{customer_id}/timeline/", headers={"HX-Request": "true"})
        assert response.status_code == 200, response.status_code

    def raw(customer_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(raw_sql, [customer_id, settings.PAGE_SIZE + 1])
            cursor.fetchall()

    turns = [(f"page, {who}", page, pk) for who, (pk, _) in picked.items()]
    turns += [(f"timeline, {who}", timeline, pk) for who, (pk, _) in picked.items()]
    turns.append(("raw timeline SQL, first 1,000+", raw, busy_id))
    samples: dict[str, list[float]] = {name: [] for name, _, _ in turns}
    for _ in range(WARM_UP):
        for _, call, pk in turns:
            call(pk)
    for turn in range(requests):
        for name, call, pk in turns[turn % len(turns) :] + turns[: turn % len(turns)]:
            started = time.perf_counter()
            call(pk)
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: percentiles(values) for name, values in samples.items()}


def queries_of(picked: dict[str, tuple[int, int]]) -> dict[str, dict[str, Any]]:
    """How many queries each page runs, and the SELECTs of each for the 1,000+ customer."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = client_signed_in(Client())
    # The first request of a process also reads the organisation, once: count from the second.
    client.get(f"/customers/{picked['busiest'][0]}/")
    counted: dict[str, dict[str, Any]] = {}
    for who, (pk, _) in picked.items():
        for kind, url, headers in (
            ("page", f"/customers/{pk}/", {}),
            ("timeline", f"/customers/{pk}/timeline/", {"HX-Request": "true"}),
        ):
            with CaptureQueriesContext(connection) as captured:
                client.get(url, headers=headers)
            counted[f"{kind}, {who}"] = {
                "count": len(captured.captured_queries),
                "selects": [
                    query["sql"]
                    for query in captured.captured_queries
                    if query["sql"].lstrip().upper().startswith("SELECT")
                ],
            }
    return counted


def explained(selects: list[str]) -> list[dict[str, Any]]:
    """EXPLAIN ANALYZE each query: its time, and what it reads (index or sequential scan)."""
    from django.db import connection

    plans = []
    with connection.cursor() as cursor:
        for sql in dict.fromkeys(selects):
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0][0]
            plans.append(
                {
                    "sql": sql,
                    "table": _main_table(sql),
                    "ms": plan["Execution Time"],
                    "reads": sorted(set(plan_reads(plan["Plan"]))),
                }
            )
    return plans


def _head() -> str:
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return f"HEAD {completed.stdout.strip()}"


def _main_table(sql: str) -> str:
    found = re.search(r'FROM "(\w+)"', sql)
    return found.group(1) if found else "?"


def runs_record(
    label: str, picked: dict[str, tuple[int, int]], timings: dict[str, Any], load: list[float]
) -> list:
    runs = json.loads(RUNS.read_text()) if RUNS.exists() else []
    runs.append(
        {
            "label": label,
            "date": datetime.date.today().isoformat(),
            "load_average_before_after": load,
            "interactions": {who: count for who, (_, count) in picked.items()},
            "timings": {
                name: {q: round(value, 2) for q, value in figures.items()}
                for name, figures in timings.items()
            },
        }
    )
    RUNS.write_text(json.dumps(runs, indent=2) + "\n")
    return runs


def report(
    figures: dict[str, Any],
    picked: dict[str, tuple[int, int]],
    timings: dict[str, Any],
    queries: dict[str, dict[str, Any]],
    plans: dict[str, list[dict[str, Any]]],
    runs: list[dict[str, Any]],
    requests: int,
) -> str:
    rows = "\n".join(
        f"| {name} | {t['p50']:.1f} | {t['p95']:.1f} | {t['p99']:.1f} | "
        f"{queries[name]['count'] if name in queries else 1} |"
        for name, t in timings.items()
    )

    def ratio(name: str, baseline: str, q: str) -> str:
        return f"{timings[name][q] / timings[baseline][q]:.2f}×"

    ratios = "\n".join(
        f"- {kind}, {who} / {kind}, 1 interaction: "
        f"p50 {ratio(f'{kind}, {who}', f'{kind}, 1 interaction', 'p50')}, "
        f"p95 {ratio(f'{kind}, {who}', f'{kind}, 1 interaction', 'p95')}"
        for kind in ("page", "timeline")
        for who in ("first 1,000+", "busiest")
    )
    ratios += "".join(
        f"\n- {kind}, busiest / {kind}, first 1,000+ (10× the history): "
        f"p50 {ratio(f'{kind}, busiest', f'{kind}, first 1,000+', 'p50')}, "
        f"p95 {ratio(f'{kind}, busiest', f'{kind}, first 1,000+', 'p95')}"
        for kind in ("page", "timeline")
    )
    raw = "raw timeline SQL, first 1,000+"
    plan_rows = "\n".join(
        f"| {who} | `{plan['table']}` | {plan['ms']:.2f} | "
        f"{', '.join(plan['reads']) or '(no table)'} |"
        for who, explained_plans in plans.items()
        for plan in explained_plans
    )
    shown = ("page, first 1,000+", "page, busiest", "timeline, busiest", raw)
    history = "\n".join(
        f"| {run['label']} | {run['date']} | "
        + " | ".join(
            f"{run['timings'][name]['p50']:.1f} / {run['timings'][name]['p95']:.1f}"
            for name in shown
        )
        + f" | {'/'.join(map(str, run.get('load_average_before_after', []))) or '?'} |"
        for run in runs
    )
    interactions = ", ".join(f"{who}: {count:,}" for who, (_, count) in picked.items())
    return f"""## Customer page and timeline (issue 5)

PostgreSQL, a base made by `everthread generate`: {load_line(figures)}

Three customers (interactions each: {interactions}); {requests} requests of each after
{WARM_UP} warm-up rounds, timed while the machine's load average was
{runs[-1]["load_average_before_after"][0]} (start) and
{runs[-1]["load_average_before_after"][1]} (end) on its 2 cores, taking turns,
in-process through Django's test Client signed in as an associate: the whole request
(middleware, session, audit line, templates). The page is `/customers/<id>/`, the
timeline its first page as HTMX asks for it. Milliseconds;
queries of one request by CaptureQueriesContext. Targets: ≤ 10 queries whatever the
history (issue 5); p95 ≤ 50 ms (issue 10).

| request | p50 ms | p95 ms | p99 ms | queries |
|---|---|---|---|---|
{rows}

Ratios to the baseline measured in the same run:

{ratios}
- timeline, first 1,000+ / the raw timeline SQL (one indexed query of
  {settings.PAGE_SIZE + 1} rows): p50 {ratio("timeline, first 1,000+", raw, "p50")}, p95
  {ratio("timeline, first 1,000+", raw, "p95")}

EXPLAIN ANALYZE of every SELECT the page and the timeline run, and what each reads:

| customer | table | ms | reads |
|---|---|---|---|
{plan_rows}

Runs so far, p50 / p95 ms (the label says which code was measured). The raw SQL and
the machine's load average (start/end of the timings) show how much other work shared
the 2 cores: compare runs by their ratios, not their milliseconds.

| code | date | page, first 1,000+ | page, busiest | timeline, busiest | raw SQL | load |
|---|---|---|---|---|---|---|
{history}
{target_note(timings)}"""


# From CPU profiles of the page in-process (this script's client, a 20,000-customer base of
# 400,000 interactions) on 2026-12-07; see the commit log.
PAGE_NOTE = """The page's p95 misses 50 ms ({worst:.0f} ms at worst above). Why: every query is an
index probe (the EXPLAIN table; together a few ms), and the time is Django building the
page and waiting for the cores it shares. Measured with the CPU clock, one view costs
21-41 ms of Python (one to 10,000 interactions): rendering the templates 6-17 ms, building
the SQL of its 10 queries about 5 ms, the rest reading the rows into objects and the request
cycle; on the shared host each of the 10 round trips to PostgreSQL, and the commit of the
audit row, also waits behind the other work. Tried and kept: the brief fetches each open
journey's update form, and the consent panel its change form and its history, only when
they are opened (a customer's 200 consent changes had cost 13 ms of rendering on every
view); Django's translation machinery is off (nothing is translated); an entry of the
timeline includes only the actions the viewer's role may use. Next: the consent grid read
from a kept current standing instead of derived from the whole consent history on every
view (the one part left that grows with the history: about 6 ms for 200 changes), the merges
that can be undone read only for a customer that has any, and a measurement on a machine that
is not shared (the load average above)."""


def target_note(timings: dict[str, dict[str, float]]) -> str:
    """What the p95 target needs said: nothing when it is met."""
    worst = max(t["p95"] for name, t in timings.items() if name.startswith("page"))
    return "" if worst <= 50 else "\n" + PAGE_NOTE.format(worst=worst) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=2_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--label", default="", help="which code this run measures (default: git HEAD)"
    )
    options = parser.parse_args()
    # The static manifest is built by collectstatic at deploy time; like the tests, read
    # the source files (a manifest lookup is one dict read: the timings do not change).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    figures = base_ready(options.customers, options.interactions)
    from benchmarks_md import section_write

    picked = customers_picked()
    print(f"customers: {picked}", flush=True)
    queries = queries_of(picked)
    plans = {
        who: explained(queries[f"page, {who}"]["selects"] + queries[f"timeline, {who}"]["selects"])
        for who in ("first 1,000+", "busiest")
    }
    load_before = os.getloadavg()[0]
    timings = measure(picked, options.requests)
    sharing = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    runs = runs_record(options.label or _head(), picked, timings, sharing)
    body = report(figures, picked, timings, queries, plans, runs, options.requests)
    section_write("customer-page", body)
    print(body)


if __name__ == "__main__":
    main()
