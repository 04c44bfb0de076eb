from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections, router
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_rq import RQBackend

from everthread.core.nightly import nightly_schedule


class Command(DatabaseWorker):
    """django-tasks-db's worker, under the name the README and operators use."""

    help = (
        "Run background work (customer imports, reminders, ...) queued in the database, or in "
        "Redis when REDIS_URL is set, until stopped. "
        "Start as many as the load needs; each claims its own tasks."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # django-tasks-db checks its default backend while it reads the arguments, and names
        # only the backend; handle() says what it means here.
        parser.set_defaults(backend_name=None)

    def handle(self, *args: Any, backend_name: str | None, **options: Any) -> None:
        backend_name = backend_name or DEFAULT_TASK_BACKEND_ALIAS
        backend = task_backends[backend_name]
        if isinstance(backend, RQBackend):
            self._queue_tonight()
            # RQ's worker, with its scheduler for deferred work (reminders, held messages).
            call_command(
                "rqworker",
                *sorted(backend.queues),
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
                burst=options["batch"],
                verbosity=options["verbosity"],
            )
            return
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "Background work runs inline in this configuration "
                "(EVERTHREAD_TASKS_IMMEDIATE=true): each task runs in the request or command "
                "that starts it, so there is nothing for a worker to do. To run it in a "
                "worker instead, unset EVERTHREAD_TASKS_IMMEDIATE and start `everthread worker`."
            )
        self._queue_tonight()
        _queue_statistics_refresh()
        super().handle(*args, backend_name=backend_name, **options)

    def _queue_tonight(self) -> None:
        for path in nightly_schedule():
            self.stdout.write(f"Queued tonight's {path}")


def _queue_statistics_refresh() -> None:
    """Analyse the queue before the first claim: the claim's plan rests on its statistics,
    and a burst queued while no worker ran has none yet (each claim then sorts every queued
    task, 102 ms at 110,000, instead of reading the first from the queue's index, 0.1 ms).
    While workers run, the table's autovacuum settings keep them fresh (core 0005)."""
    connection = connections[router.db_for_write(DBTaskResult)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {DBTaskResult._meta.db_table}")
