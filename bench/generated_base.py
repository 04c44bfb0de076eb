"""The generated base the customer page, name search and dashboard benchmarks read.

One database per scale, loaded once with `everthread generate`'s service and reused by
every benchmark that reads it (bench/run.py names it); the load's figures are kept in
bench/results/customer_page_load.json. Loading it alone, to time the load:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/everthread_bench_generated_small \
        .venv/bin/python bench/generated_base.py --customers 100000 --interactions 2000000

Import this module after django.setup(), or run it as a script.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
os.environ.setdefault("EVERTHREAD_SECRET_KEY", "benchmark-only")

import psycopg
from benchmarks_md import RESULTS_DIR
from django.conf import settings

RESULTS = RESULTS_DIR / "customer_page_load.json"
# The tables a load writes beyond customers and contacts, as the load line names them.
RECORDS = (
    ("conversations_journey", "journeys"),
    ("followups_followup", "follow-ups"),
    ("notes_note", "notes"),
    ("consent_consentevent", "consent events"),
    ("outreach_outboundmessage", "messages sent"),
    ("channels_inboundevent", "messages received"),
)


def database_ensure() -> None:
    """Create the benchmark's database if the server does not have it yet."""
    name = settings.DATABASES["default"]["NAME"]
    server = {
        key: settings.DATABASES["default"][key.upper()]
        for key in ("host", "port", "user", "password")
        if settings.DATABASES["default"].get(key.upper())
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"creating database {name}", flush=True)
            admin.execute(f'CREATE DATABASE "{name}"')


def backend_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(customers: int, interactions: int) -> dict[str, Any]:
    """Generate the base unless it is here; the load's figures either way."""
    from django.db import connection

    from everthread.conversations.models import Interaction
    from everthread.customers.models import Customer
    from everthread.demo.bulk import customer_base_generate

    have = Customer.objects.count()
    if have:
        if have != customers or Interaction.objects.count() != interactions:
            sys.exit(
                f"{settings.DATABASES['default']['NAME']} holds {have:,} customers, not the "
                f"{customers:,} asked for: drop it (or name another with DATABASE_URL)."
            )
        print("reusing the loaded base", flush=True)
        return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    before, load_before = resource.getrusage(resource.RUSAGE_SELF), os.getloadavg()
    backend = backend_cpu_seconds(pid)
    base = customer_base_generate(customers=customers, interactions=interactions, progress=True)
    after = resource.getrusage(resource.RUSAGE_SELF)
    figures = {
        "date": datetime.date.today().isoformat(),
        "customers": base.customers,
        "interactions": base.interactions,
        "duplicates": len(base.duplicates),
        "rows": dict(base.rows),
        "rows_total": base.rows_total,
        "seconds": round(base.seconds, 1),
        "rows_per_second": round(base.rows_per_second),
        "python_cpu_seconds": round(
            after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 1
        ),
        "postgres_cpu_seconds": round(backend_cpu_seconds(pid) - backend, 1),
        "load_average_before_after": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
    }
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2), flush=True)
    return figures


def load_line(figures: dict[str, Any]) -> str:
    """The load in one paragraph: rows, rows/s, CPU, and the extrapolation to 1M / 20M."""
    if not figures:
        return "(loaded by an earlier run that kept no figures)."
    python, postgres = figures["python_cpu_seconds"], figures["postgres_cpu_seconds"]
    scale = 20_000_000 / figures["interactions"]
    records = ", ".join(
        f"{figures['rows'][table]:,} {name}" for table, name in RECORDS if table in figures["rows"]
    )
    return (
        f"{figures['rows_total']:,} rows ({figures['customers']:,} customers, "
        f"{figures['interactions']:,} interactions, {figures['duplicates']:,} planted "
        f"duplicates; {records}, their timeline) loaded in "
        f"{figures['seconds']:,.0f} s, **{figures['rows_per_second']:,} rows/s**, on "
        f"{figures['date']} while other work shared the 2 cores (load average "
        f"{figures['load_average_before_after'][0]} at the start, "
        f"{figures['load_average_before_after'][1]} at the end). CPU time: Python "
        f"{python:,.0f} s ({figures['rows_total'] / python:,.0f} rows per CPU-second), the "
        f"PostgreSQL backend taking the COPY {postgres:,.0f} s "
        f"({figures['rows_total'] / postgres:,.0f} rows per CPU-second); the next batch is "
        "drawn while PostgreSQL writes the last, so on an idle machine the two overlap. "
        f"Extrapolated to 1M customers and 20M interactions ({scale:.0f}× the rows, "
        "assuming the cost per row holds as the indexes grow): about "
        f"{scale * python / 60:.0f} min of Python and {scale * postgres / 60:.0f} min of "
        f"PostgreSQL CPU, so {scale * max(python, postgres) / 60:.0f} min with the machine "
        f"to itself and the two fully overlapped, {scale * (python + postgres) / 60:.0f} min "
        f"with no overlap at all, and {scale * figures['seconds'] / 60:.0f} min shared as "
        "this run was."
    )


def plan_reads(node: dict[str, Any]) -> list[str]:
    """What a query plan (EXPLAIN's JSON) reads: each index, each table read whole."""
    reads = []
    if "Index Name" in node:
        reads.append(f"{node['Node Type']} using {node['Index Name']}")
    elif node["Node Type"] == "Seq Scan":
        reads.append(f"Seq Scan on {node['Relation Name']}")
    for child in node.get("Plans", []):
        reads += plan_reads(child)
    return reads


def client_signed_in(client: Any) -> Any:
    """Django's test Client, signed in as the first active associate."""
    from everthread.core.models import Role, Staff

    associate = Staff.objects.filter(role=Role.ASSOCIATE, is_active=True).order_by("id").first()
    if associate is None:
        sys.exit("No associate to sign in as.")
    client.force_login(associate)
    return client


def base_ready(customers: int, interactions: int) -> dict[str, Any]:
    """Set Django up on the benchmark's PostgreSQL database, migrate it and load the base."""
    import django
    from django.core.management import call_command

    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        sys.exit("Run this against PostgreSQL: set DATABASE_URL=postgres://...")
    database_ensure()
    django.setup()
    call_command("migrate", verbosity=0)
    return load(customers, interactions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=2_000_000)
    options = parser.parse_args()
    figures = base_ready(options.customers, options.interactions)
    print(load_line(figures))


if __name__ == "__main__":
    main()
