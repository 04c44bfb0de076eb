"""Nobody has to be looking: a follow-up left open past its due time is escalated by the
background worker. A real `everthread worker` process, started as an operator would, claims
the reminder and the escalation queued when the follow-up was opened, and Tom's manager
finds it on her day."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from continuity import colleague, customer, from_now
from everthread.core.models import AuditEvent
from everthread.followups.models import FollowUp
from everthread.followups.selectors import my_day
from everthread.followups.services import FollowUpDraft, followup_open

WORKER_ARGS = ("worker", "--no-reload", "--no-startup-delay", "--interval", "0.2")
# Generous: the machine may be busy. No test asserts how long it took.
PATIENCE_SECONDS = 120


@pytest.fixture
def database_url(transactional_db: None, tmp_path: Path) -> Iterator[str]:
    """The test database at an address another process can open.

    PostgreSQL's test database is one already. SQLite's is in memory, which no other
    process can see, so the test moves to a file copy of it (the migrated schema, no rows)
    and moves back afterwards.
    """
    if connection.vendor == "postgresql":
        yield _postgres_url(connection.settings_dict)
        return
    path = tmp_path / "everthread.sqlite3"
    connection.ensure_connection()
    in_memory, name = connection.connection, connection.settings_dict["NAME"]
    with contextlib.closing(sqlite3.connect(path)) as copy:
        in_memory.backup(copy)
    # Detached, not closed: closing the last connection to it would drop the database.
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


def _postgres_url(database: dict) -> str:
    user = quote(database["USER"] or "")
    password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{database['NAME']}"


@dataclass(frozen=True)
class Worker:
    process: subprocess.Popen
    log: Path

    def wait_until(self, done: Callable[[], bool]) -> None:
        """Poll until ``done()``; fail with the worker's output if it stops or never gets there."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not done():
            stopped = self.process.poll() is not None
            if stopped or time.monotonic() > deadline:
                state = "stopped" if stopped else "never got there"
                pytest.fail(f"the worker {state}; its output:\n{self.log.read_text()}")
            time.sleep(0.2)


@pytest.fixture
def worker(database_url: str, tmp_path: Path) -> Iterator[Worker]:
    """`everthread worker` in its own process, with only the settings given here."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("EVERTHREAD_")}
    inherited.pop("DATABASE_URL", None)
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "everthread", *WORKER_ARGS],
            env={
                **inherited,
                "DATABASE_URL": database_url,
                "EVERTHREAD_SECRET_KEY": "worker-in-a-test",
                "EVERTHREAD_DATA_DIR": str(tmp_path),
            },
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Worker(process=process, log=log)
    finally:
        process.terminate()  # the worker finishes the task in hand, then stops
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def queued_in_the_database(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_worker_escalates_it_to_the_owners_manager(
    queued_in_the_database: None, worker: Worker
) -> None:
    # Arranged here, not by fixtures, so that it is written where the worker reads.
    hannah = colleague("hannah", "Hannah Price", role="manager")
    tom = colleague("tom", "Tom Reilly", manager=hannah)
    followup = followup_open(
        customer=customer("Amara", "Osei"),
        actor=colleague("priya", "Priya Shah", role="agent"),
        draft=FollowUpDraft(
            title="Call Amara: is the emerald dress still held?",
            due_at=from_now(seconds=3),  # the service refuses a due time already past
            owner=tom,
        ),
    )
    assert DBTaskResult.objects.count() == 2  # the reminder, and the check at the due time

    worker.wait_until(lambda: FollowUp.objects.get(pk=followup.pk).escalated_at is not None)

    followup.refresh_from_db()
    assert followup.escalated_to == hannah
    assert followup.escalated_at >= followup.due_at
    hannahs_day = my_day(staff=hannah)
    assert hannahs_day.team_overdue == [followup]
    assert [(n.kind, n.text) for n in hannahs_day.notices] == [
        ("escalated", "Overdue with Tom Reilly: Call Amara: is the emerald dress still held?")
    ]
    toms_day = my_day(staff=tom)
    assert toms_day.overdue == [followup]
    assert "reminder" in {n.kind for n in toms_day.notices}
    assert AuditEvent.objects.get(action="followup.escalated").detail == {"to": "Hannah Price"}
    # Only the follow-up's own tasks: the worker also queues tonight's retention run at start.
    followup_tasks = DBTaskResult.objects.filter(task_path__startswith="everthread.followups.")
    worker.wait_until(lambda: not followup_tasks.exclude(status="SUCCESSFUL").exists())
