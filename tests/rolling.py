"""What a dashboard shows for a scope, to compare the figures read from the daily rollups
with the ones computed live from the contacts."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from everthread.insights.metrics import metrics_measure
from everthread.insights.scope import Scope
from everthread.insights.selectors import journey_map, response_by_channel, tone_by_channel


def shown(scope: Scope) -> dict[str, object]:
    """Every metric (numerator, denominator, value) and the tables the rollups feed."""
    return {
        "metrics": {m.key: (m.numerator, m.denominator, m.value) for m in metrics_measure(scope)},
        "response_by_channel": response_by_channel(scope),
        "tone_by_channel": tone_by_channel(scope),
        "flows": journey_map(scope).flows,
        "breaks": journey_map(scope).breaks,
    }


def tables_read(call) -> str:
    """The SQL ``call`` runs, in one string, to see which tables it reads."""
    with CaptureQueriesContext(connection) as queries:
        call()
    return "\n".join(query["sql"] for query in queries.captured_queries)


def until_tomorrow(start: datetime.datetime) -> Scope:
    return Scope(start=start, end=timezone.now() + datetime.timedelta(days=1))
