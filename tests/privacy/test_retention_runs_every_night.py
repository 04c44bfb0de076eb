"""A starting worker queues tonight's retention run when none is waiting, and each run
queues the next night's, so retention applies without cron."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from everthread.core.nightly import next_night, nightly_schedule
from everthread.privacy.tasks import apply_retention

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_next_night_is_the_coming_three_oclock() -> None:
    evening = datetime.datetime(2026, 12, 4, 21, 30, tzinfo=datetime.UTC)
    small_hours = datetime.datetime(2026, 12, 5, 1, 0, tzinfo=datetime.UTC)
    assert next_night(evening) == datetime.datetime(2026, 12, 5, 3, 0, tzinfo=datetime.UTC)
    assert next_night(small_hours) == datetime.datetime(2026, 12, 5, 3, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_queues_one_run_and_each_run_queues_the_next(organisation) -> None:
    path = apply_retention.module_path
    assert path in nightly_schedule()
    assert nightly_schedule() == []  # one is waiting: nothing more queued
    waiting = DBTaskResult.objects.get(task_path=path)
    assert waiting.run_after.hour == 3

    # The run itself (as the worker would call it) queues tomorrow's.
    DBTaskResult.objects.filter(pk=waiting.pk).update(status="SUCCESSFUL")
    apply_retention.call()
    assert DBTaskResult.objects.filter(task_path=path, status="READY").count() == 1
