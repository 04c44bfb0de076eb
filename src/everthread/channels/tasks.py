"""Background entry points for inbound channels: each takes ids and calls one service."""

from __future__ import annotations

import logging

from django_tasks import task

from everthread.channels.services import inbound_event_process

log = logging.getLogger(__name__)


@task()
def process_inbound_events(event_ids: list[int]) -> None:
    """Each event in its own transaction; one that fails keeps its error (for staff and a
    retry) and does not hold up the others. The task fails if any did."""
    failed: list[int] = []
    for event_id in event_ids:
        try:
            inbound_event_process(event_id=event_id)
        except Exception:
            log.exception("Inbound event %s failed", event_id)
            failed.append(event_id)
    if failed:
        raise RuntimeError(f"Inbound events {failed} failed; each keeps its error.")
