"""Background entry points for the organisation's own upkeep."""

from __future__ import annotations

from django_tasks import task

from everthread.core.nightly import nightly_enqueue_next
from everthread.core.services import finished_tasks_prune


@task()
def prune_finished_tasks() -> None:
    """Every night (core.nightly): forget finished background work, then queue tomorrow's."""
    finished_tasks_prune()
    nightly_enqueue_next(prune_finished_tasks)
