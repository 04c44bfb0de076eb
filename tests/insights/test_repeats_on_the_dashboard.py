"""What customers had to tell us again is a continuity metric: a share of their contacts per
store, team, channel, person and period, on the dashboard's journey map, with a drill-down
to the two passages of each repeat and a CSV of them (the base is ``told_again``: Daniel
repeats himself at Leeds today, Amara tells Manchester something new, Rosa repeated herself
35 days ago)."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from everthread.customers.models import Customer
from everthread.insights.metrics import METRICS
from everthread.insights.models import RepeatHeard
from everthread.insights.repeats.services import repeats_catch_up
from everthread.insights.scope import Scope
from everthread.insights.selectors import insights_dashboard
from factories import StaffFactory
from insights.conftest import head_office_manager
from repeating import CHAT_SAID, STORE_SAID, contact, days_ago


def _month(**narrower: object) -> Scope:
    return Scope(days_ago(30), days_ago(-1), **narrower)  # type: ignore[arg-type]


def _query() -> str:
    today = timezone.localdate()
    return f"from={(today - timezone.timedelta(days=30)).isoformat()}&to={today.isoformat()}"


def _measured(scope: Scope) -> tuple:
    measure = METRICS["repeats"].measure(scope)
    return measure.numerator, measure.denominator, measure.value


def test_the_share_of_contacts_with_a_repeat_by_place_channel_and_person(told_again) -> None:
    # Four contacts from customers in the period (Daniel's two, Amara's two); one repeat.
    assert _measured(_month()) == (1, 4, 25.0)
    assert _measured(_month(store_id=told_again["leeds"].pk)) == (1, 1, 100.0)
    assert _measured(_month(store_id=told_again["manchester"].pk)) == (0, 1, 0.0)
    assert _measured(_month(staff_id=told_again["marcus"].pk)) == (1, 1, 100.0)
    assert _measured(_month(team_id=told_again["centre"].pk)) == (0, 1, 0.0)  # the first telling
    assert _measured(_month(channel="in_store")) == (1, 2, 50.0)
    # Rosa's repeat, 35 days ago, is the only contact with one in that week.
    assert _measured(Scope(days_ago(36), days_ago(34))) == (1, 1, 100.0)


def test_an_empty_period_has_no_value(told_again) -> None:
    assert _measured(Scope(days_ago(90), days_ago(60))) == (0, 0, None)


def test_the_journey_map_marks_the_channel_it_was_told_again_in(told_again) -> None:
    board = insights_dashboard(scope=_month())
    assert {m.key: m.value for m in board.metrics}["repeats"] == 25.0
    breaks = {row["channel"]: row["repeats"] for row in board.journey_map.breaks}
    assert breaks == {"in_store": 1}


def test_the_drill_down_shows_both_passages(client, told_again) -> None:
    client.force_login(head_office_manager())
    dashboard = client.get(f"/insights/?{_query()}").content.decode()
    assert 'data-metric="repeats"' in dashboard and "1 of 4" in dashboard
    link = f"/insights/repeats/?{_query()}"
    assert link.replace("&", "&amp;") in dashboard

    page = client.get(link).content.decode()
    assert page.count('class="card"') == 1
    assert "Daniel Novak" in page and "Amara Osei" not in page
    assert "Already known" in page and CHAT_SAID in page
    assert "Told again" in page and STORE_SAID in page and "Marcus Bell" in page

    rows = list(csv.reader(io.StringIO(b"".join(
        client.get(f"/insights/repeats.csv?{_query()}").streaming_content
    ).decode("utf-8-sig"))))  # fmt: skip
    assert rows[0][:2] == ["Told again", "Channel"]
    assert len(rows) == 2 and rows[1][1] == "In store" and STORE_SAID in rows[1][3]


def test_a_manager_elsewhere_does_not_see_the_repeat(client, told_again) -> None:
    hannah = StaffFactory(username="hannah", role="manager", home_store=told_again["manchester"])
    client.force_login(hannah)
    page = client.get(f"/insights/repeats/?{_query()}").content.decode()
    assert "Daniel Novak" not in page
    assert "Nobody had to tell us anything twice" in page


def test_what_the_detector_found_is_kept_and_only_new_contacts_are_read(told_again) -> None:
    assert _measured(_month()) == (1, 4, 25.0)
    amara = Customer.objects.get(given_name="Amara")

    nothing_new = repeats_catch_up().customers_read
    contact(
        amara,
        "Asking again about a dress for the wedding on 14 March, UK 12.",
        channel="whatsapp",
        at=days_ago(0),
    )
    amara_read_again = repeats_catch_up().customers_read

    assert nothing_new == 0
    assert amara_read_again == 1
    assert RepeatHeard.objects.filter(customer=amara).count() == 1
    assert _measured(_month()) == (2, 5, 40.0)


@pytest.mark.django_db(transaction=True)  # the worker runs in-process and ends its connection
def test_after_a_bulk_load_the_dashboard_reads_what_it_can_and_the_worker_the_rest(
    client, told_again, monkeypatch
) -> None:
    # Reading every timeline after a bulk load takes longer than a page may wait: the
    # dashboard reads one step, says how much is left, and queues the rest for the worker.
    from django_tasks_db.models import DBTaskResult

    from everthread.insights.repeats import selectors, services
    from importing import worker_run_queued

    monkeypatch.setattr(services, "ENTRIES_PER_STEP", 2)
    monkeypatch.setattr(selectors, "CATCH_UP_SECONDS", 0)
    client.force_login(head_office_manager())

    page = client.get(f"/insights/?{_query()}").content.decode()

    assert "Still reading about" in page
    assert selectors.repeats_unread() > 0
    assert DBTaskResult.objects.filter(task_path__endswith="catch_up_repeats_now").count() == 1
    worker_run_queued()
    assert selectors.repeats_unread() == 0
    page = client.get(f"/insights/?{_query()}").content.decode()
    assert "Still reading about" not in page and "1 of 4" in page
