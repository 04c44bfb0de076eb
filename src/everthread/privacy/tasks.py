"""Background entry points for privacy: each takes ids and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.privacy.services import retention_apply


@task()
def apply_retention() -> None:
    """Scheduled (e.g. nightly from cron: enqueue it, the worker runs it)."""
    retention_apply()
