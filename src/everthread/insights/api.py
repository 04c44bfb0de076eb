"""The continuity metrics over the API, for the BI tools a head office already uses."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.insights.forms import ScopeForm
from everthread.insights.metrics import metrics_measure

router = Router(tags=["insights"])


class MetricsParams(Schema):
    store: int | None = Field(default=None, description="A store's id.")
    team: int | None = Field(default=None, description="A team's id.")
    channel: str | None = Field(default=None, description="A timeline channel, e.g. chat.")
    staff: int | None = Field(default=None, description="A member of staff's id.")
    from_: datetime.date | None = Field(
        default=None,
        alias="from",
        description="First day (the organisation's time); 90 days before `to` when left out.",
    )
    to: datetime.date | None = Field(default=None, description="Last day, included; today "
                                     "when left out.")  # fmt: skip


class MetricOut(Schema):
    key: str
    label: str
    unit: str = Field(description="percent, hours, score (0-4) or points.")
    value: float | None = Field(description="Null when there is nothing to measure: no data.")
    numerator: float
    denominator: int
    definition: str


class MetricsOut(Schema):
    start: datetime.datetime
    end: datetime.datetime = Field(description="Exclusive.")
    metrics: list[MetricOut]


@router.get("/insights/metrics", response=MetricsOut, summary="Every continuity metric")
@requires(Capability.VIEW_INSIGHTS)
def metrics_list(request: StaffRequest, params: Query[MetricsParams]) -> object:
    """Each metric with its numerator and denominator, for a period and optionally a store,
    team, channel or member of staff; a metric with nothing to measure has a null value."""
    given = params.model_dump(by_alias=True, exclude_none=True)
    filters = {key: str(value) for key, value in given.items()}
    scope = ScopeForm(filters, viewer=request.auth).scope()
    return {"start": scope.start, "end": scope.end, "metrics": metrics_measure(scope)}
