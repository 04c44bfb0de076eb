from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from everthread.core.nightly import nightly_schedule


class Command(DatabaseWorker):
    """django-tasks-db's worker, under the name the README and operators use."""

    help = (
        "Run background work (customer imports, ...) queued in the database, until stopped. "
        "Start as many as the load needs; each claims its own tasks."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # django-tasks-db checks its default backend while it reads the arguments, and names
        # only the backend; handle() says what it means here.
        parser.set_defaults(backend_name=None)

    def handle(self, *args: Any, backend_name: str | None, **options: Any) -> None:
        backend_name = backend_name or DEFAULT_TASK_BACKEND_ALIAS
        if not isinstance(task_backends[backend_name], DatabaseBackend):
            raise CommandError(
                "Background work runs inline in this configuration "
                "(EVERTHREAD_TASKS_IMMEDIATE=true): each task runs in the request or command "
                "that starts it, so there is nothing for a worker to do. To run it in a "
                "worker instead, unset EVERTHREAD_TASKS_IMMEDIATE and start `everthread worker`."
            )
        for path in nightly_schedule():
            self.stdout.write(f"Queued tonight's {path}")
        super().handle(*args, backend_name=backend_name, **options)
