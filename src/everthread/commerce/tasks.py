"""Background entry points for commerce: each takes an id and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.commerce.services import hold_release_expired


@task()
def release_expired_hold(hold_id: int) -> None:
    hold_release_expired(hold_id=hold_id)
