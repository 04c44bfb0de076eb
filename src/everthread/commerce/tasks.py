"""Background entry points for commerce: each takes an id and calls one service."""

from __future__ import annotations

import datetime

from django_tasks import task

from everthread.commerce.services import appointment_remind, hold_release_expired


@task()
def release_expired_hold(hold_id: int) -> None:
    hold_release_expired(hold_id=hold_id)


@task()
def remind_appointment(appointment_id: int, due_at: str) -> None:
    appointment_remind(
        appointment_id=appointment_id, due_at=datetime.datetime.fromisoformat(due_at)
    )
