"""The demo has months of history, so every chart on the continuity dashboard shows
something real: replies by channel, follow-ups month by month, each channel's tone, and
moves between channels; and some customers have answered the survey."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from everthread.insights.metrics import METRICS
from everthread.insights.scope import Scope
from everthread.insights.selectors import insights_dashboard


def test_every_chart_has_data_over_months(demo: Callable[..., str]) -> None:
    output = demo(customers=60)
    assert "older journeys" in output

    now = timezone.now()
    half_year = Scope(now - datetime.timedelta(days=210), now + datetime.timedelta(days=1))
    board = insights_dashboard(scope=half_year)

    assert len(board.response_by_channel) >= 3
    assert len(board.tone_by_channel) >= 2
    assert len(board.followups_by_month) >= 5
    assert board.journey_map.flows
    assert METRICS["repeat_survey"].measure(half_year).denominator > 0
    assert METRICS["escalations"].measure(half_year).numerator > 0
