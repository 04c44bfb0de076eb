"""Each continuity metric over the month worked out by hand in conftest.py."""

from __future__ import annotations

import pytest

from everthread.insights.metrics import METRICS, metrics_measure
from everthread.insights.scope import Scope
from insights.conftest import MARCH

EXPECTED = {
    # key: (numerator, denominator, value)
    "followup_completion": (2, 3, 66.7),
    "followup_on_time": (1, 3, 33.3),
    "handover_time": (72.0, 2, 36.0),
    "note_quality": (6, 2, 3.0),
    "escalations": (1, 3, 33.3),
    "first_contact_resolution": (1, 2, 50.0),
    "response_time": (2.5, 3, 0.83),
    "consent_coverage": (1, 3, 33.3),
    "outreach_response": (1, 3, 33.3),
    "repeat_survey": (1, 2, 50.0),
    "tone_consistency": (50.0, 2, 50.0),
    # Four contacts from customers (Amara's chat and visit, Daniel's chat, Rosa's post on
    # X); their words ("chat inbound", "in_store inbound") tell us nothing twice.
    "repeats": (0, 4, 0.0),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_metric_matches_the_hand_count(key: str, march) -> None:
    measure = METRICS[key].measure(MARCH)
    assert (measure.numerator, measure.denominator, measure.value) == EXPECTED[key]


def test_every_metric_says_what_it_counts(march) -> None:
    for measure in metrics_measure(MARCH):
        assert " over " in measure.definition or "over the" in measure.definition, measure.key


def test_one_person_sees_only_their_own(march) -> None:
    tom = Scope(MARCH.start, MARCH.end, staff_id=march.tom.pk)
    measured = {m.key: (m.numerator, m.denominator, m.value) for m in metrics_measure(tom)}
    assert measured["followup_completion"] == (2, 2, 100.0)
    assert measured["followup_on_time"] == (1, 2, 50.0)
    assert measured["escalations"] == (0, 2, 0.0)
    assert measured["note_quality"] == (4, 1, 4.0)
    # Tom's contacts: only the in-store visit, answered at once.
    assert measured["response_time"] == (0.0, 1, 0.0)
    assert measured["first_contact_resolution"] == (0, 1, 0.0)


def test_store_team_and_channel_narrow_the_measures(march) -> None:
    store = Scope(MARCH.start, MARCH.end, store_id=march.store.pk)
    chat = Scope(MARCH.start, MARCH.end, channel="chat")
    centre = Scope(MARCH.start, MARCH.end, team_id=march.contact_centre.pk)

    def by_key(scope: Scope) -> dict[str, tuple]:
        return {m.key: (m.numerator, m.denominator, m.value) for m in metrics_measure(scope)}

    assert by_key(store)["followup_completion"] == (2, 2, 100.0)
    assert by_key(store)["consent_coverage"] == (1, 1, 100.0)  # Amara, seen in store
    assert by_key(chat)["response_time"] == (2.5, 2, 1.25)
    assert by_key(chat)["followup_completion"] == (1, 2, 50.0)  # F1 and F3 came from the chat
    assert by_key(chat)["tone_consistency"] == (0.0, 0, None)  # no chat messages sent
    assert by_key(centre)["followup_completion"] == (0, 1, 0.0)  # Chloe's F3
    assert by_key(centre)["first_contact_resolution"] == (1, 2, 50.0)
