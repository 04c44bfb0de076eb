"""GET /api/v1/insights/metrics: every metric with its numerator and denominator."""

from __future__ import annotations

import pytest

from api_clients import client_of
from factories import StaffFactory

URL = "/api/v1/insights/metrics"


@pytest.fixture
def coach_api(march):
    return client_of(StaffFactory(username="grace", role="coach"))


def test_every_metric_with_numerator_and_denominator(coach_api) -> None:
    body = coach_api.get(URL, {"from": "2026-03-01", "to": "2026-03-31"}).json()
    metrics = {m["key"]: m for m in body["metrics"]}
    assert metrics["followup_completion"] | {"definition": ""} == {
        "key": "followup_completion",
        "label": "Follow-ups completed",
        "unit": "percent",
        "value": 66.7,
        "numerator": 2,
        "denominator": 3,
        "definition": "",
    }
    assert metrics["response_time"]["value"] == 0.83


def test_filters_narrow_and_an_empty_period_is_null(coach_api, march) -> None:
    chat = coach_api.get(URL, {"from": "2026-03-01", "to": "2026-03-31", "channel": "chat"})
    assert {m["key"]: m["value"] for m in chat.json()["metrics"]}["response_time"] == 1.25
    april = coach_api.get(URL, {"from": "2026-04-01", "to": "2026-04-30"}).json()
    assert all(m["value"] is None for m in april["metrics"])


def test_bad_filters_are_refused_with_the_field(coach_api) -> None:
    response = coach_api.get(URL, {"channel": "pigeon"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_scope" and response.json()["field"] == "channel"
    backwards = coach_api.get(URL, {"from": "2026-03-31", "to": "2026-03-01"}).json()
    assert backwards["detail"] == "The period starts after it ends: swap the dates."
