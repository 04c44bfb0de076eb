"""Work the worker runs once a night: each app registers its task in ready(); a starting
worker makes sure each has its next run queued, and each run queues the one after."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus

# 03:00 UTC: after the evening's last shifts in Europe, before the morning's first.
NIGHTLY_HOUR_UTC = 3

_NIGHTLY: dict[str, Task[Any, Any]] = {}


def nightly_register(task: Task[Any, Any]) -> None:
    _NIGHTLY[task.module_path] = task


def next_night(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    tonight = now.astimezone(datetime.UTC).replace(
        hour=NIGHTLY_HOUR_UTC, minute=0, second=0, microsecond=0
    )
    return tonight if tonight > now else tonight + datetime.timedelta(days=1)


def nightly_enqueue_next(task: Task[Any, Any]) -> None:
    """Queue ``task``'s next run, where a worker will wait for it (not when tasks run inline)."""
    if task.get_backend().supports_defer:
        task.using(run_after=next_night()).enqueue()


def nightly_schedule() -> list[str]:
    """Queue the next run of every nightly task that has none waiting; the paths queued."""
    queued = []
    for path, task in sorted(_NIGHTLY.items()):
        if task.get_backend().supports_defer and not _waiting(task):
            nightly_enqueue_next(task)
            queued.append(path)
    return queued


def _waiting(task: Task[Any, Any]) -> bool:
    """Whether a run of ``task`` is already queued or running, in whichever queue."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult
    from django_tasks_rq import RQBackend

    backend = task.get_backend()
    if isinstance(backend, DatabaseBackend):
        return DBTaskResult.objects.filter(
            task_path=task.module_path,
            status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING),
        ).exists()
    if isinstance(backend, RQBackend):
        import django_rq

        queue = django_rq.get_queue(task.queue_name)
        job_ids = [
            *queue.scheduled_job_registry.get_job_ids(),
            *queue.started_job_registry.get_job_ids(),
            *queue.get_job_ids(),
        ]
        return any(
            job is not None and job.func_name == task.module_path
            for job in queue.job_class.fetch_many(job_ids, connection=queue.connection)
        )
    return False
