"""A dashboard reads whole days from the daily rollups and shows the same figures as when
it read every contact, whatever the scope: period, store, team, channel, person or a
manager's reach, whole days or periods that start and end mid-day."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from everthread.conversations.models import Interaction
from everthread.insights.metrics import METRICS
from everthread.insights.models import RollupDay
from everthread.insights.rollups.services import rollups_catch_up
from everthread.insights.scope import Reach, Scope
from everthread.insights.selectors import journey_map, response_by_channel
from insights.conftest import APRIL, MARCH, at
from rolling import shown, tables_read, until_tomorrow


def scopes(march) -> dict[str, Scope]:
    start, end = MARCH.start, MARCH.end
    return {
        "march": MARCH,
        "april (nothing happened)": APRIL,
        "this year until tomorrow": until_tomorrow(at(1, 0, month=1)),
        "mid-day to mid-day": Scope(at(5, 10, 15), at(20, 9, 30)),
        "one afternoon": Scope(at(9, 10), at(9, 18)),
        "store": Scope(start, end, store_id=march.store.pk),
        "team": Scope(start, end, team_id=march.team.pk),
        "contact centre": Scope(start, end, team_id=march.contact_centre.pk),
        "chat": Scope(start, end, channel="chat"),
        "email": Scope(start, end, channel="email"),
        "in store": Scope(start, end, channel="in_store"),
        "tom": Scope(start, end, staff_id=march.tom.pk),
        "chloe": Scope(start, end, staff_id=march.chloe.pk),
        "chloe in chat": Scope(start, end, staff_id=march.chloe.pk, channel="chat"),
        "store manager": Scope(start, end, reach=Reach(frozenset({march.store.pk}), frozenset())),
        "centre manager": Scope(
            start, end, reach=Reach(frozenset(), frozenset({march.contact_centre.pk}))
        ),
        "manager of nothing": Scope(start, end, reach=Reach(frozenset(), frozenset())),
        "store and chat": Scope(start, end, store_id=march.store.pk, channel="chat"),
    }


def test_every_scope_shows_the_same_figures_from_the_rollups(march) -> None:
    live = {name: shown(scope) for name, scope in scopes(march).items()}

    rolled = rollups_catch_up()

    assert rolled > 31 and RollupDay.objects.filter(day=datetime.date(2026, 3, 14)).exists()
    for name, scope in scopes(march).items():
        assert shown(scope) == live[name], name


def test_the_hand_checked_month_reads_days_not_contacts(march) -> None:
    rollups_catch_up()
    for key in ("response_time", "first_contact_resolution", "outreach_response"):
        read = tables_read(lambda key=key: METRICS[key].measure(MARCH))
        assert "conversations_interaction" not in read, key
        assert "conversations_journey" not in read, key
        assert "outreach_outboundmessage" not in read, key
    read = tables_read(lambda: response_by_channel(MARCH))
    assert "insights_replyday" in read and "conversations_interaction" not in read
    read = tables_read(lambda: journey_map(MARCH))
    assert "insights_moveday" in read and "insights_breakday" in read
    assert "conversations_interaction" not in read and "followups_followup" not in read


@pytest.mark.parametrize("key", ["response_time", "first_contact_resolution"])
def test_a_store_reads_its_days_from_the_rollups(key: str, march) -> None:
    rollups_catch_up()
    store = Scope(MARCH.start, MARCH.end, store_id=march.store.pk)
    read = tables_read(lambda: METRICS[key].measure(store))
    assert "conversations_interaction" not in read
    assert "insights_" in read


def test_today_is_counted_live_on_top_of_the_rolled_up_days(march) -> None:
    rollups_catch_up()
    year = until_tomorrow(at(1, 0, month=1))
    before = METRICS["response_time"].measure(year)
    now = timezone.now()
    for direction, minutes in (("inbound", 0), ("outbound", 1)):
        Interaction.objects.create(
            customer=march.daniel, journey=march.first_journey, channel="email",
            direction=direction, occurred_at=now.replace(hour=0, minute=minutes),
            summary="Today's question and answer",
        )  # fmt: skip

    after = METRICS["response_time"].measure(year)
    assert after.denominator == before.denominator + 1
