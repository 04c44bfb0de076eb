"""Chloe's handover note records that Daniel wants EU 43 for the boots from HF-100482; at
Leeds Briggate he has to tell Marcus again. The customer's timeline shows the repeat, in a
fixed number of queries however long the history."""

from __future__ import annotations

import pytest

from everthread.conversations.models import TimelineEntry
from everthread.insights.repeats import repeats_find
from everthread.notes.models import Note
from factories import CustomerFactory, StoreFactory
from repeating import NOTE_WANTS, STORE_SAID, chloe, contact, days_ago, marcus, note_of_wants

# The timeline's passages 1, the names of the colleagues in them 1.
FIND_QUERIES = 2


@pytest.fixture
def leeds(organisation):
    return StoreFactory(code="leeds-briggate", name="Leeds Briggate", city="Leeds")


def test_a_fact_recorded_in_a_note_then_told_again_in_store_is_found(leeds) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    note_of_wants(daniel, chloe(), NOTE_WANTS)
    told = contact(
        daniel, STORE_SAID, channel="in_store", at=days_ago(0), staff=marcus(leeds), store=leeds
    )

    [repeat] = repeats_find(customer_id=daniel.pk)

    note = Note.objects.get(customer=daniel)
    assert (repeat.earlier.kind, repeat.earlier.entry_id) == ("note.wants", note.pk)
    assert repeat.earlier.text == NOTE_WANTS
    entry = TimelineEntry.objects.get(kind="interaction", object_id=told.pk)
    assert (repeat.later.entry_id, repeat.later.channel) == (entry.pk, "in_store")
    assert "already in Chloe Evans's note of" in repeat.reason
    assert repeat.reason.endswith("told again in store to Marcus Bell")
    assert "the order number (HF-100482)" in repeat.reason


def test_a_sensitive_note_is_never_shown_beside_a_contact(leeds) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    note_of_wants(daniel, chloe(), NOTE_WANTS)
    Note.objects.update(sensitive=True)
    TimelineEntry.objects.filter(kind="note").update(detail={"sensitive": True}, text="")
    contact(daniel, STORE_SAID, channel="in_store", at=days_ago(0), staff=marcus(leeds))

    assert repeats_find(customer_id=daniel.pk) == []


@pytest.mark.parametrize("history", [4, 40])
def test_finding_repeats_reads_a_fixed_number_of_queries(
    leeds, django_assert_max_num_queries, history: int
) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    agent = chloe()
    for n in range(history):
        contact(daniel, f"Question {n} about the gift card {n}", channel="email", at=days_ago(n))
    note_of_wants(daniel, agent, NOTE_WANTS)
    contact(daniel, STORE_SAID, channel="in_store", at=days_ago(0), staff=marcus(leeds))

    with django_assert_max_num_queries(FIND_QUERIES):
        found = repeats_find(customer_id=daniel.pk, since=days_ago(1))

    assert [r.earlier.kind for r in found] == ["note.wants"]
