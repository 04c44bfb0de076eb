"""The metrics count what customers had to tell us again: by the store, team, channel or
colleague that heard it again, and the period it was heard in; a bounded number of queries."""

from __future__ import annotations

import pytest

from everthread.core.errors import InvalidInput
from everthread.insights.repeats import repeats_count
from everthread.insights.repeats.services import repeats_catch_up
from repeating import days_ago

# Whether anything reached a timeline since the detector last read 1, the repeats kept for
# the matching contacts 1.
COUNT_QUERIES = 2


def test_counts_every_repeat_and_filters_by_where_it_was_heard(told_again) -> None:
    assert repeats_count() == 2
    assert repeats_count(store_id=told_again["leeds"].pk) == 1
    assert repeats_count(store_id=told_again["manchester"].pk) == 0
    assert repeats_count(staff_id=told_again["marcus"].pk) == 1
    assert repeats_count(team_id=told_again["centre"].pk) == 1
    assert repeats_count(channel="email") == 1
    assert repeats_count(channel="chat") == 0


def test_counts_only_repeats_heard_in_the_period(told_again) -> None:
    assert repeats_count(start=days_ago(7)) == 1
    assert repeats_count(start=days_ago(60), end=days_ago(7)) == 1
    assert repeats_count(start=days_ago(30), end=days_ago(1)) == 0


def test_counting_reads_a_bounded_number_of_queries(
    told_again, django_assert_max_num_queries
) -> None:
    repeats_catch_up()  # the detector reads the new timelines once, not on every count
    with django_assert_max_num_queries(COUNT_QUERIES):
        assert repeats_count(start=days_ago(60)) == 2


def test_an_unknown_channel_or_a_backwards_period_is_refused(told_again) -> None:
    with pytest.raises(InvalidInput) as unknown:
        repeats_count(channel="carrier-pigeon")
    assert unknown.value.field == "channel"
    with pytest.raises(InvalidInput) as backwards:
        repeats_count(start=days_ago(1), end=days_ago(3))
    assert backwards.value.field == "end"
