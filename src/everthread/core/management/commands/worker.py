from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker


class Command(DatabaseWorker):
    """django-tasks-db's worker, under the name the README and operators use."""

    help = (
        "Run background work (customer imports, ...) queued in the database, until stopped. "
        "Start as many as the load needs; each claims its own tasks."
    )
