"""The metrics count what customers had to tell us again: by the store, team, channel or
colleague that heard it again, and the period it was heard in; a bounded number of queries."""

from __future__ import annotations

import pytest

from everthread.core.errors import InvalidInput
from everthread.insights.repeats import repeats_count
from factories import CustomerFactory, StoreFactory, TeamFactory
from repeating import CHAT_SAID, STORE_SAID, contact, days_ago, marcus

# The matching contacts 1, the timelines of up to 500 customers 1.
COUNT_QUERIES = 2


@pytest.fixture
def base(organisation):
    """Daniel repeats himself in Leeds today; Amara told Manchester something new; Rosa
    repeated herself by email last month."""
    leeds = StoreFactory(code="leeds-briggate", name="Leeds Briggate", city="Leeds")
    manchester = StoreFactory(code="manchester", name="Manchester King Street")
    centre = TeamFactory(code="contact-centre-leeds", name="Contact centre", kind="contact_centre")
    associate = marcus(leeds)

    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    contact(daniel, CHAT_SAID, channel="chat", at=days_ago(2), team=centre)
    contact(daniel, STORE_SAID, channel="in_store", at=days_ago(0), staff=associate, store=leeds)
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    contact(
        amara,
        "Looking for a dress for a wedding on 14 March, UK 12.",
        channel="email",
        at=days_ago(3),
    )
    contact(
        amara,
        "Could you also show me something in navy?",
        channel="in_store",
        at=days_ago(0),
        store=manchester,
    )
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    contact(
        rosa,
        "Does the red toggle raincoat cover my legs? I'm 165 cm.",
        channel="x",
        at=days_ago(40),
    )
    contact(
        rosa,
        "Asking again: does the red toggle raincoat cover the legs? I'm 165 cm.",
        channel="email",
        at=days_ago(35),
        team=centre,
    )
    return {"leeds": leeds, "manchester": manchester, "centre": centre, "marcus": associate}


def test_counts_every_repeat_and_filters_by_where_it_was_heard(base) -> None:
    assert repeats_count() == 2
    assert repeats_count(store_id=base["leeds"].pk) == 1
    assert repeats_count(store_id=base["manchester"].pk) == 0
    assert repeats_count(staff_id=base["marcus"].pk) == 1
    assert repeats_count(team_id=base["centre"].pk) == 1
    assert repeats_count(channel="email") == 1
    assert repeats_count(channel="chat") == 0


def test_counts_only_repeats_heard_in_the_period(base) -> None:
    assert repeats_count(start=days_ago(7)) == 1
    assert repeats_count(start=days_ago(60), end=days_ago(7)) == 1
    assert repeats_count(start=days_ago(30), end=days_ago(1)) == 0


def test_counting_reads_a_bounded_number_of_queries(base, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(COUNT_QUERIES):
        assert repeats_count(start=days_ago(60)) == 2


def test_an_unknown_channel_or_a_backwards_period_is_refused(base) -> None:
    with pytest.raises(InvalidInput) as unknown:
        repeats_count(channel="carrier-pigeon")
    assert unknown.value.field == "channel"
    with pytest.raises(InvalidInput) as backwards:
        repeats_count(start=days_ago(1), end=days_ago(3))
    assert backwards.value.field == "end"
