"""Every webhook and reminder leaves a finished row in the task queue's table; each night
the worker forgets those finished a week ago (failures after a month, for whoever looks into
why) and keeps everything waiting or running."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from everthread.channels.tasks import process_inbound_events
from everthread.core.nightly import nightly_schedule
from everthread.core.services import finished_tasks_prune
from everthread.core.tasks import prune_finished_tasks

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _task(status: str, finished_days_ago: int | None) -> DBTaskResult:
    finished_at = (
        None
        if finished_days_ago is None
        else timezone.now() - datetime.timedelta(days=finished_days_ago)
    )
    return DBTaskResult.objects.create(
        task_path=process_inbound_events.module_path,
        args_kwargs={"args": [[]], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        status=status,
        finished_at=finished_at,
    )


def test_finished_work_is_forgotten_after_its_time() -> None:
    tasks = {
        "done last week": _task("SUCCESSFUL", 8),
        "done yesterday": _task("SUCCESSFUL", 1),
        "failed last week": _task("FAILED", 8),
        "failed last month": _task("FAILED", 31),
        "waiting": _task("READY", None),
        "running": _task("RUNNING", None),
    }

    assert finished_tasks_prune() == 2

    kept = {name for name, task in tasks.items() if DBTaskResult.objects.filter(pk=task.pk)}
    assert kept == {"done yesterday", "failed last week", "waiting", "running"}
    assert finished_tasks_prune() == 0


@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_queues_it_for_tonight() -> None:
    assert prune_finished_tasks.module_path in nightly_schedule()
    waiting = DBTaskResult.objects.get(task_path=prune_finished_tasks.module_path)
    assert (waiting.status, waiting.run_after.hour) == ("READY", 3)
