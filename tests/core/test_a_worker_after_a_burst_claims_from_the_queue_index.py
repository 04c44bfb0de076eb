"""A worker started after a burst of webhooks claims each task by reading the first from the
queue's index, not by sorting every queued task: it analyses the queue before its first
claim, since a burst queued while no worker ran leaves PostgreSQL with no statistics (each
claim then took 102 ms at 110,000 queued instead of 0.1 ms)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult, get_date_max

from everthread.channels.tasks import process_inbound_events
from importing import worker_run_queued

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plans"),
    # The worker commits its claims as it would in production.
    pytest.mark.django_db(transaction=True),
]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BURST = 20_000


def _claim_plan() -> str:
    """PostgreSQL's plan for the worker's claim of its next task."""
    claim = DBTaskResult.objects.ready().filter(backend_name="default")
    with transaction.atomic(), connection.cursor() as cursor:
        sql, params = claim.select_for_update(skip_locked=True)[:1].query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@override_settings(TASKS=DATABASE_TASKS)
def test_the_claim_after_a_burst_reads_the_first_task_from_the_index(organisation) -> None:
    DBTaskResult.objects.bulk_create(
        DBTaskResult(
            task_path=process_inbound_events.module_path,
            args_kwargs={"args": [[]], "kwargs": {}},
            backend_name="default",
            run_after=get_date_max(),
        )
        for _ in range(BURST)
    )

    worker_run_queued("--max-tasks", "1")

    plan = _claim_plan()
    assert "tasks_db_new_ordering_idx" in plan, plan
    assert "Sort" not in plan, plan
    assert DBTaskResult.objects.ready().count() == BURST - 1
