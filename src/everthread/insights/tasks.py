"""Background entry points for insights: each takes an id and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.insights.services import survey_send


@task()
def send_repeat_survey(journey_id: int) -> None:
    survey_send(journey_id=journey_id)
