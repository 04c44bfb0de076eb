"""The automatic practice scores, on hand-checked evidence: each reads one kind of evidence,
lands on the rubric's own scale, says why, and leaves what it cannot compute to the coach."""

from __future__ import annotations

from everthread.coaching.models import Behaviour
from everthread.coaching.practice.scoring import MessageWork, NoteWork, practice_auto_scores

EVERY = [behaviour.value for behaviour in Behaviour]


def scores(**evidence) -> dict[str, tuple[int, str]]:
    found = practice_auto_scores(behaviours=EVERY, **evidence)
    return {score.behaviour: (score.value, score.reason) for score in found}


def test_nothing_written_scores_nothing() -> None:
    assert scores(scale_max=4, notes=[], messages=[]) == {}


def test_the_best_note_sets_the_summary_on_the_rubrics_scale() -> None:
    found = scores(scale_max=10, notes=[NoteWork(2, False), NoteWork(3, True)], messages=[])
    assert found["summarise_next_steps"] == (
        8,  # 1 + round(3/4 * 9)
        "Best handover note scored 3 of 4 (clear, factual, respectful, complete).",
    )
    assert found["follow_through"][0] == 10
    assert set(found) == {"summarise_next_steps", "follow_through"}


def test_tone_and_history_count_messages_with_warnings() -> None:
    found = scores(
        scale_max=4,
        notes=[],
        messages=[
            MessageWork(),
            MessageWork(warnings=("curt",)),
            MessageWork(warnings=("history-not-acknowledged",)),
            MessageWork(),
        ],
    )
    assert found["channel_tone"] == (
        3,
        "2 of 4 messages passed the tone check without a warning.",
    )  # 1 + round(0.5 * 3) = 3 (round half to even: 1.5 -> 2)
    assert found["acknowledge_history"][0] == 3  # 1 + round(0.75 * 3) = 3
    assert "confirm_needs" not in found and "personalise" not in found


def test_one_message_the_gate_refused_fails_consent_and_a_chat_reply_is_not_counted() -> None:
    refused = MessageWork(gate="refused", gate_reasons=("Daniel replied STOP to SMS.",))
    found = scores(scale_max=4, notes=[], messages=[MessageWork(gate="allowed"), refused])
    assert found["consent"] == (1, "The gate refused 1 of 2 messages: Daniel replied STOP to SMS.")
    only_chat = scores(scale_max=4, notes=[], messages=[MessageWork()])
    assert "consent" not in only_chat


def test_only_the_rubrics_behaviours_are_scored() -> None:
    found = practice_auto_scores(
        behaviours=["follow_through"], scale_max=4, notes=[NoteWork(4, True)], messages=[]
    )
    assert [(s.behaviour, s.value) for s in found] == [("follow_through", 4)]
