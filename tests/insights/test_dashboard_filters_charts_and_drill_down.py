"""A manager opens the dashboard for March, narrows it, follows a chart to the contacts
behind it, and downloads any table as CSV."""

from __future__ import annotations

import csv
import io

import pytest

from everthread.insights.repeats.services import repeats_catch_up
from everthread.insights.selectors import insights_dashboard
from insights.conftest import MARCH, head_office_manager

MARCH_QUERY = "from=2026-03-01&to=2026-03-31"


@pytest.fixture
def manager_client(client, march):
    client.force_login(head_office_manager())
    return client


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_dashboard_draws_its_charts_with_the_numbers_beside(manager_client) -> None:
    page = manager_client.get(f"/insights/?{MARCH_QUERY}").content.decode()
    assert 'data-chart="response" data-bars="2"' in page
    assert '<title id="chart-response-title">Response time by channel</title>' in page
    assert "Live chat: 1.25 h." in page  # the chart's description reads its numbers out
    assert 'data-metric="followup_completion"' in page and "66.7 %" in page
    assert "Live chat → In store" in page  # the journey map's one move


def test_a_channel_filter_swaps_in_narrowed_results(manager_client) -> None:
    response = manager_client.get(f"/insights/?{MARCH_QUERY}&channel=chat", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page  # only the results
    assert 'data-chart="response" data-bars="1"' in page
    assert "1 of 2" in page  # follow-ups from the chat: one of two done


def test_a_bar_leads_to_the_contacts_behind_it(manager_client) -> None:
    page = manager_client.get(f"/insights/?{MARCH_QUERY}").content.decode()
    link = (
        "/insights/contacts/?from=2026-03-01&amp;to=2026-03-31&amp;channel=chat"
        "&amp;direction=inbound"
    )
    assert f'<a href="{link}">' in page
    contacts = manager_client.get(link.replace("&amp;", "&")).content.decode()
    assert contacts.count("<tr>") == 1 + 2  # header and the two chats from customers
    assert "Amara Osei" in contacts and "Daniel Novak" in contacts


def test_the_contacts_come_a_page_at_a_time(manager_client, settings) -> None:
    settings.PAGE_SIZE = 3
    first = manager_client.get(f"/insights/contacts/?{MARCH_QUERY}").content.decode()
    assert first.count("<tr>") == 1 + 3 and "Next page" in first
    cursor = first.split('href="?')[-1].split('"')[0].replace("&amp;", "&")
    second = manager_client.get(f"/insights/contacts/?{cursor}").content.decode()
    assert second.count("<tr>") == 1 + 3 and "Next page" in second


def test_wrong_filters_are_refused_with_a_reason(manager_client) -> None:
    response = manager_client.get("/insights/?from=2026-03-31&to=2026-03-01")
    assert response.status_code == 400
    assert "The period starts after it ends" in response.content.decode()
    assert manager_client.get("/insights/?channel=pigeon").status_code == 400


@pytest.mark.parametrize(
    ("table", "header", "first_cell"),
    [
        ("metrics", "Metric", "Follow-ups completed"),
        ("response", "Channel", "Live chat"),
        ("tone", "Channel", "Email"),
        ("months", "Month", "Mar 2026"),
        ("flows", "From", "Live chat"),
        ("breaks", "Channel", "Live chat"),
        ("contacts", "When", "2026-03-14T18:00:00+00:00"),
    ],
)
def test_every_table_downloads_as_csv(manager_client, table, header, first_cell) -> None:
    response = manager_client.get(f"/insights/{table}.csv?{MARCH_QUERY}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv(response)
    assert rows[0][0] == header and rows[1][0] == first_cell


def test_an_unknown_table_is_not_found(manager_client) -> None:
    assert manager_client.get(f"/insights/pies.csv?{MARCH_QUERY}").status_code == 404


def test_the_dashboard_reads_in_a_fixed_number_of_queries(
    march, django_assert_max_num_queries
) -> None:
    # One per metric and table, two for the behaviours; the repeats kept (once the detector
    # has read what is new: none here) and the contacts' count, read once for the metric
    # and the journey map; and which days the daily rollups hold (none here: read live).
    repeats_catch_up()
    with django_assert_max_num_queries(22):
        board = insights_dashboard(scope=MARCH)
    assert board.journey_map.flows[0]["moves"] == 1


def test_the_page_stays_within_its_budget(manager_client, django_assert_max_num_queries) -> None:
    # The dashboard's 22, the session, the viewer, their reach, the filters' choices and
    # how much the repeat detector has still to read.
    repeats_catch_up()
    with django_assert_max_num_queries(28):
        assert manager_client.get(f"/insights/?{MARCH_QUERY}").status_code == 200
