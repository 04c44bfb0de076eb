"""Background entry points for insights: each takes an id and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.core.nightly import nightly_enqueue_next
from everthread.insights.repeats.services import repeats_catch_up
from everthread.insights.rollups.services import rollups_catch_up
from everthread.insights.services import survey_send


@task()
def send_repeat_survey(journey_id: int) -> None:
    survey_send(journey_id=journey_id)


@task()
def catch_up_repeats() -> None:
    """Every night (core.nightly): the day's contacts and notes read by the repeat detector,
    so the morning's first dashboard does not wait for them."""
    repeats_catch_up()
    nightly_enqueue_next(catch_up_repeats)


@task()
def catch_up_repeats_now() -> None:
    """What a dashboard found to read and could not wait for (after a bulk load, say)."""
    repeats_catch_up()


@task()
def refresh_rollups() -> None:
    """Every night (core.nightly): the day that ended rolled up, and the days that late
    facts changed recomputed (rollups.services), so the dashboards read days, not contacts."""
    rollups_catch_up()
    nightly_enqueue_next(refresh_rollups)
