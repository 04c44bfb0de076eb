"""Issue 10: search by name, through the product's own search, in the generated base.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/everthread_bench_generated_small \
        .venv/bin/python bench/name_search.py --customers 100000 --interactions 2000000

Reads (or loads, once) the generated base `generated_base` keeps for the customer page.
Queries are names staff type into the search box, drawn from the base (seeded): a
family name, a given and a family name, and the first letters of a family name.
Each is timed, taking turns, as:

- `customer_search()`, the selector the customer list and the API run (its first page,
  contact points prefetched, a contact-point guess for anything that could be a handle);
- the customer list page, `/customers/?q=...`, through Django's test Client signed in as
  an associate (the whole request: middleware, session, template);
- the baseline: the same match as one raw SQL query of the first page of ids, which
  PostgreSQL answers from the trigram index on the search text.

Then the selector once more with the trigram index dropped inside a transaction that is
rolled back (a fixed number of queries): what search cost before the index. Writes its
section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
os.environ.setdefault("EVERTHREAD_SECRET_KEY", "benchmark-only")
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/everthread_bench_generated"
)
os.environ.setdefault("EVERTHREAD_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from benchmarks_md import percentiles
from django.conf import settings
from generated_base import base_ready, client_signed_in, plan_reads

TRIGRAM_INDEX = "customer_search_text_trigram"
WARM_UP = 10
WITHOUT_INDEX = 20  # queries timed with the index dropped: each may read the whole table
SEED = 10


def queries_draw(count: int) -> dict[str, list[str]]:
    """``count`` searches of each kind, from names in the base."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_name, family_name FROM customers_customer "
            "WHERE merged_into_id IS NULL ORDER BY id"
        )
        names = cursor.fetchall()
    rng = random.Random(SEED)
    picked = [rng.choice(names) for _ in range(count)]
    return {
        "family name": [family for _, family in picked],
        "given and family name": [f"{given} {family}" for given, family in picked],
        "first 4 letters of a family name": [family[:4] for _, family in picked],
    }


def raw_sql() -> str:
    """customer_search's match and first page as one query: the trigram index's share."""
    return (
        "SELECT id FROM customers_customer WHERE merged_into_id IS NULL AND {match} "
        f"ORDER BY sort_key, id LIMIT {settings.PAGE_SIZE + 1}"
    )


def raw_search(query: str) -> None:
    from django.db import connection

    from everthread.customers.models import name_key

    tokens = name_key(query).split()
    match = " AND ".join(["search_text LIKE %s"] * len(tokens)) or "TRUE"
    with connection.cursor() as cursor:
        cursor.execute(raw_sql().format(match=match), [f"%{token}%" for token in tokens])
        cursor.fetchall()


def measure(queries: dict[str, list[str]], region: str) -> dict[str, Any]:
    from django.test import Client

    from everthread.customers.selectors import customer_search

    client = client_signed_in(Client())

    def selector(query: str) -> None:
        customer_search(query=query, region=region)

    def page(query: str) -> None:
        response = client.get("/customers/", {"q": query})
        assert response.status_code == 200, response.status_code

    ways = {"customer_search()": selector, "list page": page, "raw SQL (baseline)": raw_search}
    samples: dict[str, list[float]] = {}
    found: dict[str, int] = {}
    for kind, typed in queries.items():
        for query in typed[:WARM_UP]:
            for call in ways.values():
                call(query)
        for turn, query in enumerate(typed):
            order = list(ways.items())
            for way, call in order[turn % len(order) :] + order[: turn % len(order)]:
                started = time.perf_counter()
                call(query)
                samples.setdefault(f"{kind}|{way}", []).append(
                    (time.perf_counter() - started) * 1000
                )
        found[kind] = sum(
            bool(customer_search(query=query, region=region).items) for query in typed
        )
    return {
        "timings": {name: percentiles(values) for name, values in samples.items()},
        "found": found,
    }


def without_index(queries: dict[str, list[str]], region: str) -> dict[str, Any]:
    """The selector's timings with the trigram index gone (dropped, then rolled back)."""
    from django.db import connection, transaction

    from everthread.customers.selectors import customer_search

    timings: dict[str, Any] = {}
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
        for kind, typed in queries.items():
            samples = []
            for query in typed[:WITHOUT_INDEX]:
                started = time.perf_counter()
                customer_search(query=query, region=region)
                samples.append((time.perf_counter() - started) * 1000)
            timings[kind] = percentiles(samples)
        transaction.set_rollback(True)
    return timings


def plans(queries: dict[str, list[str]], region: str) -> dict[str, str]:
    """What the selector's main query reads, for one query of each kind."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from everthread.customers.selectors import customer_search

    read = {}
    for kind, typed in queries.items():
        with CaptureQueriesContext(connection) as captured:
            customer_search(query=typed[0], region=region)
        sql = next(q["sql"] for q in captured.captured_queries if "customers_customer" in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0][0]
        read[kind] = (
            f"{', '.join(sorted(set(plan_reads(plan['Plan']))))} ({plan['Execution Time']:.1f} ms)"
        )
    return read


def report(
    figures: dict[str, Any],
    measured: dict[str, Any],
    before: dict[str, Any],
    read: dict[str, str],
    count: int,
    load: list[float],
) -> str:
    from generated_base import load_line

    timings = measured["timings"]
    rows = []
    for kind in read:
        raw = timings[f"{kind}|raw SQL (baseline)"]
        for way in ("customer_search()", "list page", "raw SQL (baseline)"):
            t = timings[f"{kind}|{way}"]
            rows.append(
                f"| {kind} | {way} | {t['p50']:.1f} | {t['p95']:.1f} | {t['p99']:.1f} | "
                f"{t['p50'] / raw['p50']:.1f}× |"
            )
    before_rows = "\n".join(
        f"| {kind} | {before[kind]['p50']:.1f} | {before[kind]['p95']:.1f} | "
        f"{timings[f'{kind}|customer_search()']['p50']:.1f} | "
        f"{timings[f'{kind}|customer_search()']['p95']:.1f} |"
        for kind in before
    )
    plan_rows = "\n".join(f"| {kind} | {reads} |" for kind, reads in read.items())
    found = ", ".join(f"{kind} {n}/{count}" for kind, n in measured["found"].items())
    return f"""## Search by name (issue 10)

PostgreSQL, the generated base the customer page reads: {load_line(figures)}

{count} searches of each kind (names drawn from the base; found: {found}), after
{WARM_UP} warm-up searches each, taking turns, in-process, while the machine's load
average was {load[0]} (start) and {load[1]} (end) on its 2 cores.
`customer_search()` is what the customer list and the API run (first page of
{settings.PAGE_SIZE}, contact points prefetched, and a contact-point guess for a word
that could be a handle); the list page is `/customers/?q=` as an associate sees it; the
baseline is the same match as one raw SQL query of the first page of ids.
Milliseconds; the ratio is p50 over the baseline's p50.

| search | way | p50 ms | p95 ms | p99 ms | / raw SQL |
|---|---|---|---|---|---|
{chr(10).join(rows)}

Before and after the trigram index (`{TRIGRAM_INDEX}`, pg_trgm GIN on the search text,
migration customers 0009): `customer_search()` with the index dropped inside a
transaction that was rolled back ({WITHOUT_INDEX} searches of each kind), and with it
(above):

| search | without p50 ms | without p95 ms | with p50 ms | with p95 ms |
|---|---|---|---|---|
{before_rows}

What the selector's main query reads (EXPLAIN ANALYZE, one search of each kind):

| search | reads |
|---|---|
{plan_rows}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=2_000_000)
    parser.add_argument("--searches", type=int, default=200, help="of each kind")
    options = parser.parse_args()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    figures = base_ready(options.customers, options.interactions)
    from benchmarks_md import section_write

    from everthread.core.selectors import organisation_get

    region = organisation_get().phone_region
    queries = queries_draw(options.searches)
    read = plans(queries, region)
    print(read, flush=True)
    load_before = os.getloadavg()[0]
    measured = measure(queries, region)
    load = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    before = without_index(queries, region)
    body = report(figures, measured, before, read, options.searches, load)
    section_write("name-search", body)
    print(body)


if __name__ == "__main__":
    main()
