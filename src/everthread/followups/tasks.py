"""Background entry points for follow-ups: each takes an id and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.followups.services import followup_escalate, followup_remind


@task()
def remind_followup_owner(followup_id: int) -> None:
    followup_remind(followup_id=followup_id)


@task()
def escalate_overdue_followup(followup_id: int) -> None:
    followup_escalate(followup_id=followup_id)
