"""Issue 7: how many signed provider webhooks the web process accepts per second, and how
fast `everthread worker` then turns them into interactions on the timeline.

    .venv/bin/python bench/webhook_ingest.py --seconds 20 --repeat 3

In a fresh PostgreSQL database (``et_webhook_bench``) it starts gunicorn on loopback with
2 workers (sync, then 2 workers of 32 threads each), and drives it with wrk (`apt-get
install wrk`) for ``--seconds``: Twilio's form posts signed with X-Twilio-Signature, then
Meta's WhatsApp Cloud JSON signed with X-Hub-Signature-256, every request a new message
(its own provider id and signature, built beforehand as each provider documents its
signing, so the server does all the work of a first delivery: verify, keep the raw event
once, queue it for the worker, answer). A message is accepted when the answer is 200 and
its event is in the database afterwards. Then `everthread worker` processes (1, then 2)
work through the queued events for ``--seconds``: recognition of the sender (an unknown
number becomes an unlinked contact), journey and timeline. Medians of the repeats; writes
its section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from benchmarks_md import RESULTS_DIR

from webhooks import meta_signature, twilio_signature, whatsapp_cloud, whatsapp_text

POSTGRES = "postgres://postgres@127.0.0.1:5432"
DATABASE = "et_webhook_bench"
TOKEN, SECRET = "bench-twilio-auth-token", "bench-meta-app-secret"
RESULTS = RESULTS_DIR / "webhook_ingest.json"
SENDERS = 1000  # distinct phone numbers the messages come from
# Threads more than wrk's connections: a delivery waits in the worker's intake, to be written
# with the others, rather than in gunicorn's queue for a free thread.
SERVERS = {"sync": ["--workers", "2"], "gthread": ["--workers", "2", "--threads", "32"]}

# wrk's script: each thread sends its own share of the prepared requests, each once.
WRK_LUA = """
local counter, threads = 0, {}
function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end
function init(args)
  requests, i = {}, 0
  local n, count = 0, tonumber(args[2])
  for line in io.lines(args[1]) do
    if n % count == id then
      local path, ctype, header, signature, body = line:match(
        "([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t(.*)")
      local headers = {["Content-Type"] = ctype, [header] = signature}
      table.insert(requests, wrk.format("POST", path, headers, body))
    end
    n = n + 1
  end
end
function request()
  i = i + 1
  if i > #requests then i = 1 end
  return requests[i]
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _sender(n: int) -> str:
    return f"+4477009{n % SENDERS:05d}"


def requests_write(path: Path, provider: str, base: str, count: int, run: str) -> None:
    """``count`` first deliveries of new messages, signed, one a line for wrk's script."""
    with path.open("w") as out:
        for n in range(count):
            if provider == "twilio":
                sid = f"SM{run}{n:012d}"
                form = {
                    "AccountSid": "AC" + "1" * 32,
                    "MessageSid": sid,
                    "SmsSid": sid,
                    "From": _sender(n),
                    "To": "+447700900000",
                    "Body": f"Is the red toggle raincoat in a 10? ({n})",
                    "NumMedia": "0",
                    "SmsStatus": "received",
                    "ApiVersion": "2010-04-01",
                }
                url = f"{base}/hooks/twilio/messages"
                signature = twilio_signature(url, form, TOKEN)
                fields = ("/hooks/twilio/messages", "application/x-www-form-urlencoded")
                out.write("\t".join((*fields, "X-Twilio-Signature", signature, urlencode(form))))
            else:
                sender = _sender(n).lstrip("+")
                text = f"Is the red toggle raincoat in a 10? ({n})"
                payload = whatsapp_cloud(messages=[whatsapp_text(f"wamid.{run}{n}", sender, text)])
                body = json.dumps(payload, separators=(",", ":"))
                signature = meta_signature(body.encode(), SECRET)
                out.write(
                    "\t".join(
                        ("/hooks/meta", "application/json", "X-Hub-Signature-256", signature, body)
                    )
                )
            out.write("\n")


def _fresh_database(postgres: str) -> str:
    import psycopg

    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    return f"{postgres}/{DATABASE}"


def _sql(url: str, query: str) -> Any:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute(query).fetchone()[0]


class Server:
    def __init__(self, kind: str, env: dict[str, str], port: int, log: Path) -> None:
        self.base = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "gunicorn", "everthread.wsgi:application"]
        command += [*SERVERS[kind], "--bind", f"127.0.0.1:{port}"]
        self.process = subprocess.Popen(
            command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{self.base}/healthz", timeout=5).close()
                return
            except OSError:
                time.sleep(0.1)
        sys.exit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")

    def workers(self) -> list[int]:
        """gunicorn's worker processes (its arbiter only watches them)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


_LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of these processes so far (0 for one that has ended)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _backends(url: str) -> list[int]:
    """The PostgreSQL server processes serving the benchmark's database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [DATABASE],
        ).fetchall()
    return [row[0] for row in rows]


def wrk_run(
    requests: Path, server: Server, seconds: int, connections: int, url: str, provider: str
) -> dict[str, Any]:
    """One wrk run: accepted messages a second, latency, and the CPU each accepted message
    cost gunicorn's workers and PostgreSQL (which, unlike the rate, does not depend much on
    what else shares the cores)."""
    base = server.base
    script = requests.with_suffix(".lua")
    script.write_text(WRK_LUA)
    threads = 2
    before = _sql(url, f"SELECT count(*) FROM channels_inboundevent WHERE provider = '{provider}'")
    workers, backends = server.workers(), _backends(url)
    cpu_before = _cpu_seconds(workers), _cpu_seconds(backends)
    done = subprocess.run(
        [
            *("wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s"),
            *("--latency", "--timeout", "10s", "-s", str(script), base),
            *("--", str(requests), str(threads)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    backends = sorted(set(backends) | set(_backends(url)))
    cpu_after = _cpu_seconds(workers), _cpu_seconds(backends)
    after = _sql(url, f"SELECT count(*) FROM channels_inboundevent WHERE provider = '{provider}'")
    out = done.stdout
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    elapsed = re.search(r"requests in ([\d.]+)(m?s)", out)
    assert elapsed is not None, out
    duration = float(elapsed.group(1)) / (1000 if elapsed.group(2) == "ms" else 1)
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    latency = {p: float(v) * _UNIT[u] for p, v, u in _LATENCY.findall(out)}
    return {
        "requests": total,
        "refused": int(refused.group(1)) if refused else 0,
        "socket_errors": errors.group(1) if errors else "",
        "stored": after - before,
        "accepted_per_s": (after - before) / duration,
        "p50": latency["50"],
        "p90": latency["90"],
        "p99": latency["99"],
        "server_cpu_ms": 1000 * (cpu_after[0] - cpu_before[0]) / max(1, after - before),
        "database_cpu_ms": 1000 * (cpu_after[1] - cpu_before[1]) / max(1, after - before),
    }


def workers_rate(count: int, env: dict[str, str], url: str, seconds: int) -> dict[str, float]:
    """Events processed per second by ``count`` workers over ``seconds``, after their first."""
    processed = "SELECT count(*) FROM channels_inboundevent WHERE processed_at IS NOT NULL"
    start = _sql(url, processed)
    workers = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "everthread", "worker", "--no-reload"),
                *("--no-startup-delay", "--interval", "0.1", "--verbosity", "0"),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]
    try:
        deadline = time.monotonic() + 120
        while _sql(url, processed) == start:
            if time.monotonic() > deadline:
                sys.exit("the workers processed nothing in 2 minutes")
            time.sleep(0.05)
        began, first = time.monotonic(), _sql(url, processed)
        time.sleep(seconds)
        done = _sql(url, processed)
        elapsed = time.monotonic() - began
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    return {"processed": done - first, "rate": (done - first) / elapsed}


def measure(args: argparse.Namespace, env: dict[str, str], url: str, work: Path) -> dict:
    ingest: dict[str, list[dict[str, Any]]] = {}
    port = _free_port()
    env = {**env, "EVERTHREAD_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    prepared = int(args.seconds * 3000)  # more than the server can take: none is sent twice
    for repeat in range(args.repeat):
        for kind in SERVERS:
            server = Server(kind, env, port, work / f"gunicorn-{kind}.log")
            try:
                for provider in ("twilio", "meta"):
                    requests = work / f"{provider}.tsv"
                    run = f"{repeat}{kind[0]}"
                    requests_write(requests, provider, server.base, prepared, run)
                    figures = wrk_run(
                        requests, server, args.seconds, args.connections, url, provider
                    )
                    ingest.setdefault(f"{kind} {provider}", []).append(figures)
                    print(f"run {repeat + 1}, {kind}, {provider}: {figures}", file=sys.stderr)
            finally:
                server.stop()
    workers = {}
    for count in (1, 2):
        workers[str(count)] = workers_rate(count, env, url, args.seconds)
        print(f"{count} worker(s): {workers[str(count)]}", file=sys.stderr)
    return {"ingest": ingest, "workers": workers, "load": os.getloadavg(), "seconds": args.seconds}


# From profiles on this machine of one webhook and one event's processing, in-process.
NOTE = """What changed on 2026-12-07, measured the same way (the rate on a host shared with a
1M-customer load, load average about 6; the CPU per message on any host): 275-290 -> 590-700
accepted/s threaded, gunicorn CPU 2.0-2.5 -> 1.0-1.3 ms a message, PostgreSQL 0.3-0.5 ->
0.2 ms. Then on the host to itself (the table above: a 1M-customer load that was running
was paused for the run). How:
- Deliveries arriving together are written together. Each gunicorn worker's intake
  (channels/services/intake.py) has one writer thread; a request hands it its events and
  waits; the writer keeps every delivery waiting in one statement (the events INSERT ...
  RETURNING with the queue's task beside it): one round trip and one commit for the batch,
  where a transaction of two ORM inserts took four round trips and a commit per delivery.
  Each request still answers only once its own events are committed.
- /hooks/ is answered right after the health checks (channels.middleware): no session,
  CSRF, CSP, time zone or audit middleware for a provider's server (0.6 -> 0.3 ms of CPU a
  request in-process).
- Every view and the API's schemas are loaded as a worker starts, not on its first
  request (seconds of CPU that the first deliveries waited for).
- 32 threads a worker, more than wrk's connections, so a delivery waits in the intake's
  batch rather than in gunicorn's queue for a thread.
- 16 connections, not 32: wrk keeps that many requests in flight whatever the server
  does, so at 1,000 a second each waited about 32 ms on average and the 2 cores'
  scheduler made the tail (32 connections on the same quiet host: 984 / 1,142 accepted/s,
  p99 99 / 196 ms). With 16 the intake still batches and the rate is higher.
- The workers: a worker analyses the task queue before its first claim, and PostgreSQL
  analyses it after every thousand changes (core migration 0005). Before, the workers
  started right after the burst, when PostgreSQL had no statistics for the ~110,000 tasks
  just queued, and each claim sorted every queued task (102 ms a claim): 4-7 events a
  second, against the figures above now."""


def _body(figures: dict[str, Any], repeat: int, connections: int) -> str:
    lines = [
        "## C6 webhook ingestion (issue 7)",
        "",
        "`bench/webhook_ingest.py`: gunicorn with 2 workers on loopback (sync workers, then 2 "
        "workers of 32 threads each) on PostgreSQL, driven by wrk (2 threads, "
        f"{connections} connections, {figures['seconds']} s a run) with signed first "
        "deliveries of new messages: Twilio's form posts (X-Twilio-Signature) and Meta's "
        "WhatsApp Cloud JSON (X-Hub-Signature-256), each with its own provider id and "
        "signature, built beforehand. Each is verified, kept raw once and queued for the "
        "worker before the 200 answer (deliveries arriving together are written together by "
        "each worker's intake: one statement, one commit). Accepted: events in the database "
        "after the run, per second of it. CPU: the gunicorn workers' and the PostgreSQL "
        "backends' processor time over the run per accepted message, which depends far less "
        "than the rate on what else shares the cores. wrk, PostgreSQL and gunicorn share the "
        f"2 cores. Medians of {repeat} runs. Target: ≥ 1,000 accepted messages/s with p99 "
        "≤ 50 ms.",
        "",
        "| server | webhook | accepted msg/s | p50 ms | p90 ms | p99 ms | refused "
        "| gunicorn CPU ms/msg | PostgreSQL CPU ms/msg |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, runs in figures["ingest"].items():
        kind, provider = label.split()

        def median(key: str, runs: list[dict[str, Any]] = runs) -> float:
            return statistics.median(run[key] for run in runs)

        lines.append(
            f"| {kind} | {'Twilio' if provider == 'twilio' else 'Meta'} | "
            f"{median('accepted_per_s'):,.0f} | {median('p50'):.1f} | {median('p90'):.1f} | "
            f"{median('p99'):.1f} | {sum(run['refused'] for run in runs)} | "
            f"{median('server_cpu_ms'):.2f} | {median('database_cpu_ms'):.2f} |"
        )
    lines += [
        "",
        "The worker's end-to-end processing rate over the events the runs left queued "
        "(recognising the sender, an unknown number becoming an unlinked contact, the "
        "journey and the timeline), by `everthread worker` (django-tasks-db):",
        "",
        "| workers | events processed/s |",
        "|---|---|",
    ]
    for count, rate in figures["workers"].items():
        lines.append(f"| {count} | {rate['rate']:,.0f} |")
    lines += [
        "",
        f"Load average at the end: {', '.join(f'{x:.1f}' for x in figures['load'])}.",
        "",
        NOTE,
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=20, help="length of each run")
    parser.add_argument("--repeat", type=int, default=3, help="runs; medians")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--postgres", default=POSTGRES, help="server address, no database")
    parser.add_argument("--no-write", action="store_true", help="print, leave BENCHMARKS.md")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("failed: wrk not installed (apt-get install wrk)")
    try:
        url = _fresh_database(args.postgres)
    except Exception as error:  # any reason the server cannot be used
        sys.exit(f"PostgreSQL is needed at {args.postgres} ({error}); start it or --postgres.")
    with tempfile.TemporaryDirectory() as workdir:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EVERTHREAD_")}
        env |= {
            "DATABASE_URL": url,
            "EVERTHREAD_SECRET_KEY": "benchmark-only",
            "EVERTHREAD_DATA_DIR": workdir,
            "EVERTHREAD_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "everthread.settings",
            "TWILIO_AUTH_TOKEN": TOKEN,
            "META_APP_SECRET": SECRET,
        }
        migrated = subprocess.run(
            [sys.executable, "-m", "everthread", "migrate", "--noinput"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if migrated.returncode != 0:
            sys.exit(f"migrate failed:\n{migrated.stderr[-3000:]}")
        # The worker reads the organisation (its phone region, for recognising senders).
        subprocess.run(
            [sys.executable, "-m", "everthread", "demo", "--customers", "10"],
            env=env,
            capture_output=True,
            check=True,
        )
        figures = measure(args, env, url, Path(workdir))
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    body = _body(figures, args.repeat, args.connections)
    print(body)
    if not args.no_write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from benchmarks_md import section_write

        section_write("webhook-ingest", body)


if __name__ == "__main__":
    main()
