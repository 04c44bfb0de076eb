"""Handover practice: Marcus picks up from Tom's submitted attempt. His sandbox starts from
the scenario's history plus Tom's note and reply (not the message the gate refused), and
he is scored on his own work only; his own attempt, an unfinished one or a candidate's
cannot be picked up."""

from __future__ import annotations

import dataclasses

import pytest

from continuity import from_now
from everthread.coaching.errors import AttemptNotFound, InvalidPractice
from everthread.coaching.models import PracticeScore
from everthread.coaching.practice.services import (
    attempt_hand_over,
    attempt_start,
    attempt_submit,
    guest_attempt_create,
    practice_message_send,
    practice_note_write,
)
from everthread.notes.services import NoteDraft
from practising import GOOD_NOTE

pytestmark = pytest.mark.django_db

REPLY = "Hello Daniel, thank you: Leeds Briggate will have EU 43 on Saturday. Kind regards, Tom"


@pytest.fixture
def toms(boots_chat, tom, marcus):
    attempt = attempt_start(learner=tom, scenario_id=boots_chat.pk)
    owned = dataclasses.replace(GOOD_NOTE, next_step_owner=marcus, next_step_due=from_now(days=2))
    practice_note_write(attempt_id=attempt.pk, actor=tom, draft=owned)
    practice_message_send(
        attempt_id=attempt.pk, actor=tom, channel="chat", purpose="service", body=REPLY
    )
    practice_message_send(
        attempt_id=attempt.pk,
        actor=tom,
        channel="sms",
        purpose="marketing",
        body="Hello Daniel, new boots are in. Kind regards, Tom",
        send_anyway=True,
    )
    return attempt_submit(attempt_id=attempt.pk, actor=tom)


def test_marcus_starts_from_the_history_and_toms_notes_and_messages(toms, marcus) -> None:
    attempt = attempt_hand_over(learner=marcus, attempt_id=toms.pk)

    assert attempt.handover_from == toms
    titles = list(attempt.entries.order_by("occurred_at", "pk").values_list("title", flat=True))
    assert titles[:3] == [
        "Hi, the boots from order HF-100482 are a size too small.",
        "Thank you Daniel, I am sorry about that. Which size would you like?",
        "EU 43 please.",
    ]
    assert "Handover note by Tom Reilly" in titles
    assert REPLY in titles
    assert "Hold EU 43 at Leeds Briggate for Daniel" in titles  # Tom's promised follow-up
    assert not any(title.startswith("Not sent") for title in titles)
    assert not attempt.entries.filter(by_learner=True).exists()
    latest = attempt.entries.order_by("-occurred_at").first()
    assert latest is not None and latest.occurred_at <= attempt.started_at


def test_marcus_is_scored_on_his_own_work_not_toms(toms, marcus) -> None:
    attempt = attempt_hand_over(learner=marcus, attempt_id=toms.pk)
    practice_note_write(
        attempt_id=attempt.pk, actor=marcus, draft=NoteDraft(wants="Boots exchange, EU 43.")
    )

    attempt_submit(attempt_id=attempt.pk, actor=marcus)

    scores = {
        s.criterion.behaviour: s.value
        for s in PracticeScore.objects.filter(attempt=attempt).select_related("criterion")
    }
    assert scores["follow_through"] == 1  # Tom's owned next step is not Marcus's
    assert "channel_tone" not in scores  # Marcus sent nothing; Tom's reply is not his


def test_nobody_picks_up_their_own_an_unfinished_or_a_candidates_attempt(
    boots_chat, toms, tom, marcus, grace
) -> None:
    with pytest.raises(InvalidPractice, match="colleague"):
        attempt_hand_over(learner=tom, attempt_id=toms.pk)
    unfinished = attempt_start(learner=tom, scenario_id=boots_chat.pk)
    with pytest.raises(AttemptNotFound):
        attempt_hand_over(learner=marcus, attempt_id=unfinished.pk)
    candidate = guest_attempt_create(
        actor=grace, scenario_id=boots_chat.pk, candidate_name="Sam Hire", hours=24
    )
    with pytest.raises(AttemptNotFound):
        attempt_hand_over(learner=marcus, attempt_id=candidate.pk)
