"""Background entry points for privacy: each takes ids and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.core.nightly import nightly_enqueue_next
from everthread.privacy.services import retention_apply


@task()
def apply_retention() -> None:
    """Every night (core.nightly): remove what is past its retention, then queue tomorrow's."""
    retention_apply()
    nightly_enqueue_next(apply_retention)
