"""Background entry points for inbound channels: each takes an id and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.channels.services import inbound_event_process


@task()
def process_inbound_event(event_id: int) -> None:
    inbound_event_process(event_id=event_id)
