"""The worker rolls up the days every night; a base with nothing in it, or days with no
contacts, show no data from the rollups as they did live."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from everthread.insights.models import RollupDay
from everthread.insights.rollups.services import rollups_catch_up
from everthread.insights.scope import Scope
from everthread.insights.tasks import refresh_rollups
from insights.conftest import APRIL, MARCH
from rolling import shown

NO_DATA = {
    "metrics": {},
    "response_by_channel": [],
    "tone_by_channel": [],
    "flows": [],
    "breaks": [],
}


def test_the_nightly_run_rolls_up_every_day_that_has_ended(march) -> None:
    live = shown(MARCH)

    refresh_rollups.call()

    today = timezone.localdate()
    rolled = set(RollupDay.objects.values_list("day", flat=True))
    assert datetime.date(2026, 2, 10) in rolled  # the first contact's day
    assert today - datetime.timedelta(days=1) in rolled and today not in rolled
    assert shown(MARCH) == live


def test_the_next_night_recomputes_only_the_last_days(march) -> None:
    rollups_catch_up()
    assert rollups_catch_up() == 8  # the trailing days; nothing new arrived


def test_nothing_to_roll_up_in_an_empty_base(organisation) -> None:
    assert rollups_catch_up() == 0
    assert not RollupDay.objects.exists()
    assert _without_values(shown(MARCH)) == NO_DATA


def test_days_without_contacts_show_no_data(march) -> None:
    rollups_catch_up()
    quiet = Scope(APRIL.start, APRIL.end)
    assert RollupDay.objects.filter(day=datetime.date(2026, 4, 15)).exists()
    figures = shown(quiet)
    assert figures["metrics"]["response_time"] == (0.0, 0, None)
    assert figures["metrics"]["first_contact_resolution"] == (0, 0, None)
    assert figures["metrics"]["outreach_response"] == (0, 0, None)
    assert figures["metrics"]["tone_consistency"] == (0.0, 0, None)
    assert _without_values(figures) == NO_DATA


def _without_values(figures: dict) -> dict:
    """The figures with the metrics that have no value left out."""
    return {
        **figures,
        "metrics": {key: m for key, m in figures["metrics"].items() if m[2] is not None},
    }


def test_the_command_refuses_a_date_it_cannot_read_and_rolls_up_nothing(organisation) -> None:
    with pytest.raises(CommandError, match="'2026-13-01' is not a date: write it as YYYY-MM-DD"):
        call_command("rollups", "--since", "2026-13-01")
    assert not RollupDay.objects.exists()
