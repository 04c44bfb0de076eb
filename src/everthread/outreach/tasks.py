"""Background entry points for outreach: each takes an id and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.outreach.delivery import outreach_deliver
from everthread.outreach.services import outreach_release


@task()
def release_held_message(message_id: int) -> None:
    outreach_release(message_id=message_id)


@task()
def deliver_outbound_message(message_id: int) -> None:
    outreach_deliver(message_id=message_id)
