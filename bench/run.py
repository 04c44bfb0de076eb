"""Every benchmark in bench/, one after another, at one scale: `make bench [SCALE=...]`.

    small  (default) minutes: 100k customers, 100k variants; rewrites BENCHMARKS.md
    1M     the full run: 1M customers; rewrites BENCHMARKS.md
    ci     seconds each, only to prove every benchmark still runs: figures go to a
           temporary folder, BENCHMARKS.md and bench/results/ are left alone

Each benchmark runs in its own process against its own PostgreSQL database (made fresh
for `ci`, kept between runs otherwise so a loaded base is reused); the customer page, name
search and dashboard benchmarks share one, the generated base, loaded by whichever runs
first. A benchmark that fails, cannot reach its scale, or lacks a tool it drives (wrk) is
reported as failed instead of a figure; the others still run.

    .venv/bin/python bench/run.py --scale small [--only recognise,availability]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

BENCH = Path(__file__).resolve().parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SCALES = ("ci", "small", "1M")
START_POSTGRES = (
    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -1) main start"
)


@dataclass(frozen=True)
class Benchmark:
    name: str
    script: str
    args: dict[str, list[str]]  # by scale
    # "url": DATABASE_URL names a database of its own; "server": it makes its own databases
    # on the server it is given; "": it needs none, or keeps its own (knowledge search).
    database: str = "url"
    writes: list[str] = field(default_factory=list)  # arguments that say "write the figures"
    # The database's name when benchmarks share one (its own name otherwise).
    base: str = ""
    # Programs it drives, each with how to install it.
    needs: dict[str, str] = field(default_factory=dict)


# The generated base the customer page, name search and dashboards read, by scale.
GENERATED_BASE = {
    "ci": ["--customers", "3000", "--interactions", "24000"],
    "small": ["--customers", "100000", "--interactions", "2000000"],
    "1M": ["--customers", "1000000", "--interactions", "20000000"],
}


def on_the_generated_base(name: str, script: str, extra: dict[str, list[str]]) -> Benchmark:
    """A benchmark that reads the generated base, with arguments of its own by scale."""
    return Benchmark(
        name,
        script,
        {scale: [*GENERATED_BASE[scale], *extra.get(scale, [])] for scale in SCALES},
        base="generated",
    )


BENCHMARKS = [
    Benchmark(
        "recognise",
        "recognise_speed.py",
        {
            "ci": ["--customers", "2000", "--lookups", "100"],
            "small": ["--customers", "100000"],
            "1M": ["--customers", "1000000"],
        },
    ),
    on_the_generated_base("customer-page", "customer_page.py", {"ci": ["--requests", "20"]}),
    on_the_generated_base("name-search", "name_search.py", {"ci": ["--searches", "20"]}),
    on_the_generated_base(
        "dashboards",
        "dashboards.py",
        {"ci": ["--repeat", "2"], "1M": ["--repeat", "1", "--skip", "repeats"]},
    ),
    Benchmark(
        "availability",
        "availability_lookup.py",
        {
            "ci": ["--variants", "1000", "--locations", "10", "--lookups", "100"],
            "small": ["--variants", "100000", "--locations", "50"],
            "1M": ["--variants", "100000", "--locations", "50"],
        },
    ),
    Benchmark(
        "import",
        "import_speed.py",
        {
            "ci": ["--rows", "300", "--repeat", "1"],
            "small": ["--rows", "50000"],
            "1M": ["--rows", "200000"],
        },
        database="server",
    ),
    Benchmark(
        "webhooks",
        "webhook_ingest.py",
        {"ci": ["--seconds", "2", "--repeat", "1"], "small": [], "1M": []},
        database="server",
        needs={"wrk": "apt-get install wrk"},
    ),
    Benchmark(
        "outbox",
        "outbox_rate.py",
        {
            "ci": ["--messages", "60", "--repeat", "1", "--workers", "1"],
            "small": [],
            "1M": [],
        },
        database="server",
    ),
    Benchmark(
        "knowledge",
        "knowledge_search.py",
        {"ci": ["--articles", "200", "--queries", "40"], "small": [], "1M": []},
        "",
    ),
    Benchmark(
        "repeats",
        "repeat_detector.py",
        {"ci": ["--timelines", "120"], "small": [], "1M": []},
        "",
        ["--benchmarks-md"],
    ),
    Benchmark("dedupe-febrl", "dedupe_febrl.py", {s: [] for s in SCALES}, "", ["--benchmarks-md"]),
    Benchmark(
        "dedupe-scale",
        "dedupe_scale.py",
        {
            "ci": ["--customers", "2000"],
            "small": ["--customers", "100000"],
            "1M": ["--customers", "1000000"],
        },
        "",
        ["--benchmarks-md"],
    ),
]


def postgres_check() -> None:
    try:
        psycopg.connect(f"{SERVER}/postgres", connect_timeout=5).close()
    except psycopg.OperationalError as error:
        sys.exit(
            f"The benchmarks run on PostgreSQL and none answers at {SERVER} ({error}).\n"
            f"Start it with:\n    {START_POSTGRES}\n"
            "or point BENCH_POSTGRES at another server (postgres://user@host:port)."
        )


def database_fresh(name: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def database_ensure(name: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def database_drop(name: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def missing(benchmark: Benchmark) -> str:
    """Why the benchmark cannot run here ("" if it can): a program it drives is not installed."""
    absent = [
        f"{program} not installed ({install})"
        for program, install in benchmark.needs.items()
        if shutil.which(program) is None
    ]
    return "; ".join(absent)


def run(benchmark: Benchmark, scale: str, env: dict[str, str], fresh: set[str]) -> str:
    """Run one benchmark; "" when it finished, else why it failed."""
    command = [sys.executable, str(BENCH / benchmark.script), *benchmark.args[scale]]
    command += benchmark.writes
    env = dict(env)
    print(f"\n== {benchmark.name} ({scale}): {' '.join(command[1:])}", flush=True)
    if why := missing(benchmark):
        print(f"== {benchmark.name}: failed: {why}", flush=True)
        return why
    name = (benchmark.base or benchmark.name).replace("-", "_")
    database = f"everthread_bench_{name}_{scale.lower()}"
    if benchmark.database == "url":
        # Made fresh once per run for ci (shared by the benchmarks that name the same base).
        if scale == "ci" and database not in fresh:
            database_fresh(database)
            fresh.add(database)
        else:
            database_ensure(database)
        env["DATABASE_URL"] = f"{SERVER}/{database}"
    elif benchmark.database == "server":
        command += ["--postgres", SERVER]
    started = time.perf_counter()
    finished = subprocess.run(command, env=env, cwd=BENCH, check=False).returncode == 0
    took = time.perf_counter() - started
    print(f"== {benchmark.name}: {'done' if finished else 'FAILED'} in {took:.0f} s", flush=True)
    return "" if finished else "see its output above"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--only", default="", help="names, comma-separated")
    options = parser.parse_args()
    chosen = [b for b in BENCHMARKS if not options.only or b.name in options.only.split(",")]
    if not chosen:
        sys.exit(
            f"No benchmark is called {options.only!r}: {', '.join(b.name for b in BENCHMARKS)}"
        )
    postgres_check()
    env = {**os.environ, "EVERTHREAD_SECRET_KEY": "benchmark-only"}
    with tempfile.TemporaryDirectory(prefix="everthread-bench-") as scratch:
        if options.scale == "ci":
            env["BENCHMARKS_MD"] = str(Path(scratch) / "BENCHMARKS.md")
            env["BENCHMARKS_RESULTS"] = scratch
        fresh: set[str] = set()
        try:
            outcomes = {b.name: run(b, options.scale, env, fresh) for b in chosen}
        finally:
            for database in fresh:
                database_drop(database)
    failed = [f"{name} ({why})" for name, why in outcomes.items() if why]
    if failed:
        sys.exit("\nFailed:\n" + "\n".join(f"  {line}" for line in failed))
    where = "a scratch copy" if options.scale == "ci" else "BENCHMARKS.md"
    print(f"\nAll {len(chosen)} benchmarks ran at scale {options.scale}; figures in {where}.")


if __name__ == "__main__":
    main()
