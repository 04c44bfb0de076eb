"""C1 recognition speed: recognise() by an exact contact point on PostgreSQL, against the
same lookup as one raw indexed SQL query, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/everthread_bench \
        .venv/bin/python bench/recognise_speed.py --customers 1000000

Loads (once, with COPY) N customers with three contact points each (email, mobile,
loyalty id), then times LOOKUPS random lookups of each kind, typed as staff type them
(a phone in national format, an email in mixed case). Writes its section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
os.environ.setdefault("EVERTHREAD_SECRET_KEY", "benchmark-only")

import django

django.setup()

from benchmarks_md import section_write  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from everthread.customers.recognition import Clues, owners_sql, recognise  # noqa: E402

LOOKUPS = 3000
BATCH = 50_000


def load(customers: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM customers_customer")
        have = cursor.fetchone()[0]
    if have >= customers:
        return
    print(f"loading customers {have + 1}..{customers} with COPY", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for start in range(have + 1, customers + 1, BATCH):
            stop = min(start + BATCH, customers + 1)
            _copy_batch(cursor, start, stop)
            print(f"  {stop - 1:,} customers", flush=True)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('customers_customer', 'id'), %s)", [customers]
        )
        cursor.execute("ANALYZE customers_customer; ANALYZE customers_contactpoint;")
    print(f"loaded in {time.perf_counter() - started:.0f} s", flush=True)


def _copy_batch(cursor, start: int, stop: int) -> None:
    customer_columns = (
        "id, given_name, family_name, preferred_name, language, time_zone, postcode, "
        "preferences, tags, sort_key, search_text, created_at, updated_at"
    )
    with cursor.copy(f"COPY customers_customer ({customer_columns}) FROM STDIN") as copy:
        for n in range(start, stop):
            given, family = f"Given{n % 5000}", f"Family{n}"
            copy.write_row(
                (
                    n,
                    given,
                    family,
                    "",
                    "",
                    "",
                    "",
                    "{}",
                    "[]",
                    f"family{n} given{n % 5000}",
                    f"given{n % 5000} family{n}",
                    "2026-01-01T00:00:00Z",
                    "2026-01-01T00:00:00Z",
                )
            )
    point_columns = "customer_id, kind, value, label, created_at"
    with cursor.copy(f"COPY customers_contactpoint ({point_columns}) FROM STDIN") as copy:
        for n in range(start, stop):
            for kind, value in _points(n):
                copy.write_row((n, kind, value, "", "2026-01-01T00:00:00Z"))


def _points(n: int) -> list[tuple[str, str]]:
    return [
        ("email", f"customer{n}@example.com"),
        ("phone", f"+4474{n:08d}"),
        ("loyalty", f"HF{n:08d}"),
    ]


def _typed(kind: str, n: int) -> str:
    """What a member of staff types for customer n's contact point of ``kind``."""
    return {
        "email": f"Customer{n}@Example.com",
        "phone": f"074{n:08d}"[:5] + " " + f"074{n:08d}"[5:],
        "loyalty": f"hf-{n:08d}",
    }[kind]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# The same lookup as raw SQL: the rows and columns recognise() reads (the customer's whole
# profile and the contact point), by the one key of the kind already known.
RAW_SQL = owners_sql((1,))


def measure(customers: int, lookups: int) -> dict[str, dict[str, float]]:
    """Time recognise() and the raw query on the same lookups, on equal terms.

    1M customers do not fit in PostgreSQL's default 128 MB of shared buffers, so
    the first query to touch a customer's index and table pages pays to bring
    them in, and the second finds them there. Each lookup's rows are therefore
    read once, untimed, before either is timed, and the two take turns going
    first: both are timed on rows in memory, and neither gains from the other.
    """
    rng = random.Random(2026)
    targets = [
        (rng.choice(("email", "phone", "loyalty")), rng.randint(1, customers))
        for _ in range(lookups)
    ]
    ours: list[float] = []
    raw: list[float] = []
    with connection.cursor() as cursor:

        def raw_lookup(kind: str, n: int) -> None:
            cursor.execute(RAW_SQL, [dict(_points(n))[kind], kind])
            cursor.fetchall()

        def recognised(kind: str, n: int) -> None:
            typed = _typed(kind, n)
            recognition = recognise(clues=Clues(contact_point=typed), region="GB")
            if recognition.customer is None or recognition.customer.pk != n:
                sys.exit(f"recognise({typed!r}) missed customer {n}")

        for kind, n in targets[:200]:  # warm caches and plans alike for both
            recognised(kind, n)
            raw_lookup(kind, n)
        for turn, (kind, n) in enumerate(targets):
            raw_lookup(kind, n)  # untimed: the rows are in shared buffers for both below
            pair = ((recognised, ours), (raw_lookup, raw))
            for lookup, samples in pair if turn % 2 == 0 else pair[::-1]:
                started = time.perf_counter()
                lookup(kind, n)
                samples.append((time.perf_counter() - started) * 1000)
    return {
        name: {"p50": statistics.median(s), "p95": percentile(s, 0.95), "p99": percentile(s, 0.99)}
        for name, s in (("recognise()", ours), ("raw indexed SQL", raw))
    }


def prepared_statements() -> None:
    """Reconnect with server-side binding, every repeated query prepared: both sides alike."""
    connection.close()
    connection.settings_dict["OPTIONS"] = {
        **connection.settings_dict["OPTIONS"],
        "server_side_binding": True,
        "prepare_threshold": 0,
    }
    connection.connect()


def table(figures: dict[str, dict[str, float]]) -> str:
    ours, raw = figures["recognise()"], figures["raw indexed SQL"]
    rows = "\n".join(
        f"| {name} | {f['p50']:.3f} | {f['p95']:.3f} | {f['p99']:.3f} |"
        for name, f in figures.items()
    )
    return (
        "| lookup | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|\n"
        f"{rows}\n\n"
        f"Ratio recognise()/raw SQL: p50 {ours['p50'] / raw['p50']:.2f}×, "
        f"p99 {ours['p99'] / raw['p99']:.2f}×."
    )


def _worse_ratio(figures: dict[str, dict[str, float]]) -> float:
    ours, raw = figures["recognise()"], figures["raw indexed SQL"]
    return max(ours["p50"] / raw["p50"], ours["p99"] / raw["p99"])


def run_table(runs: list[dict[str, dict[str, float]]]) -> str:
    rows = []
    for number, figures in enumerate(runs, 1):
        ours, raw = figures["recognise()"], figures["raw indexed SQL"]
        rows.append(
            f"| {number} | {ours['p50']:.3f} | {ours['p99']:.3f} | {raw['p50']:.3f} | "
            f"{raw['p99']:.3f} | {ours['p50'] / raw['p50']:.2f}× | "
            f"{ours['p99'] / raw['p99']:.2f}× |"
        )
    return (
        "| run | recognise() p50 | p99 | raw SQL p50 | p99 | ratio p50 | ratio p99 |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=LOOKUPS)
    parser.add_argument(
        "--runs", type=int, default=3, help="as-shipped runs, each reported: the host is shared"
    )
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL: set DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)
    load(options.customers)
    load_before = os.getloadavg()[0]
    runs = [measure(options.customers, options.lookups) for _ in range(options.runs)]
    load_after = os.getloadavg()[0]
    prepared_statements()
    prepared = measure(options.customers, options.lookups)
    # The table shown in full is the run in the middle by its worse ratio; every run is listed.
    shipped = sorted(runs, key=_worse_ratio)[len(runs) // 2]
    ours, raw = shipped["recognise()"], shipped["raw indexed SQL"]
    ratios = ours["p50"] / raw["p50"], ours["p99"] / raw["p99"]
    met = sum(1 for run in runs if _worse_ratio(run) <= 1.5)
    body = f"""## C1 recognise() by exact contact point

PostgreSQL, {options.customers:,} customers with {3 * options.customers:,} contact points;
{options.lookups:,} lookups of an email (mixed case), a mobile (national format) or a
loyalty id (lower case, hyphen), in-process, each against the same lookup as one raw
indexed SQL query in the same run: `kind = %s AND value = %s` joined to the customer,
given the value already normalised and its kind known, reading the same rows and columns
recognise() reads (the customer's profile and the contact point), on one cursor kept open
for all lookups. recognise() also normalises what was typed and guesses its kind (an
identifier could be an order, loyalty or CRM id, so it probes all three keys at once)
and returns the customer and contact point as models. Each lookup's rows are read once
untimed first and the two take turns going first, so both are timed on rows already in
shared buffers. Until 2026-12-07 the raw query read three columns of the customer only;
it now reads what recognise() returns, so the ratio is recognise()'s own work.

Before → after: 2.25× p50 / 2.63× p99 (2026-11-23, a quiet host), and 2.00× p50 on
2026-12-07 with the host's load average at 5.8, before the change → the figures below,
on the same busy host. What changed:
the common spellings of an email and a UK mobile are normalised without email_validator
or libphonenumber (a property test holds them to the same answers), a guess no longer
builds a refusal for each kind it is not, and a phone's other readings are worked out only
if it names nobody; recognise() keeps one cursor per connection instead of opening one per
call, builds the models straight from the row, and reads the timestamp with psycopg's
compiled loader instead of Django's Python one.
What is left: an identifier's three keys in one probe against one (about +45 µs at p50,
measured on a busy host), and recognise()'s own Python (reading the text, two models,
two JSON columns).

**As shipped** (Django's defaults: client-side parameter binding, no prepared
statements, so connection poolers work), both sides alike:

{table(shipped)}

Target at 1M: p99 ≤ 2 ms ({"met" if ours["p99"] <= 2 else "not met"}: {ours["p99"]:.2f} ms)
and ≤ 1.5× raw SQL ({"met" if max(ratios) <= 1.5 else "not met"}: p50 {ratios[0]:.2f}×,
p99 {ratios[1]:.2f}×), the run in the middle of {len(runs)}; the ratio target was met in
{met} of {len(runs)} runs. The host's load average (1 min, {os.cpu_count()} cores) was
{load_before:.1f} before the runs and {load_after:.1f} after: on a shared host under load the
p99 of both is the scheduler's, not the lookup's. Every run, as shipped:

{run_table(runs)}

**Both with prepared statements** (`OPTIONS: server_side_binding, prepare_threshold=0`),
for comparison only: preparing skips planning, most of the raw query's time, so
recognise() is faster in absolute terms but its own work weighs more in the ratio.

{table(prepared)}
"""
    section_write("recognise-speed", body)
    print(body)


if __name__ == "__main__":
    main()
