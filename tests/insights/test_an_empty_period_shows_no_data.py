"""A period with nothing to measure says so: no value, never 0 % as if it were measured."""

from __future__ import annotations

from everthread.insights.metrics import metrics_measure
from insights.conftest import APRIL, head_office_manager


def test_every_metric_has_no_value_without_a_denominator(march) -> None:
    measures = metrics_measure(APRIL)
    assert measures
    assert all(m.value is None and m.denominator == 0 for m in measures)


def test_the_dashboard_shows_no_data_rather_than_zero(client, march) -> None:
    client.force_login(head_office_manager())
    response = client.get("/insights/?from=2026-04-01&to=2026-04-30")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("No data</p>") == len(metrics_measure(APRIL))
    assert "0 %" not in page and "<svg" not in page
    assert "No data for these filters: nothing to draw." in page


def test_the_metrics_csv_says_no_data(client, march) -> None:
    client.force_login(head_office_manager())
    response = client.get("/insights/metrics.csv?from=2026-04-01&to=2026-04-30")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Metric,Value,Unit,Numerator,Denominator")
    assert all(",no data," in line for line in lines[1:])
