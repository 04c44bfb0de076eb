"""Tom continues Daniel's chat in the sandbox: his note and reply are scored on the rubric
from the note assessment, the tone check and the gate, and Grace reviews it on the same
rubric version; submitting twice, an empty note or a score outside the rubric are refused."""

from __future__ import annotations

import dataclasses

import pytest

from continuity import from_now
from everthread.coaching.errors import AttemptClosed, InvalidPractice, InvalidScenario
from everthread.coaching.models import PracticeAttempt, PracticeScore
from everthread.coaching.practice.services import (
    ScenarioDraft,
    attempt_review,
    attempt_start,
    attempt_submit,
    practice_message_send,
    practice_note_write,
    scenario_create,
)
from everthread.coaching.services import CriterionDraft, RubricDraft, rubric_update
from everthread.notes.services import NoteDraft
from everthread.outreach.errors import ToneHintsPresent
from practising import DANIEL, GOOD_NOTE

pytestmark = pytest.mark.django_db

WARM = (
    "Hello Daniel, thank you for waiting. I can see you would like the boots in EU 43: "
    "Leeds Briggate will have them ready for you on Saturday. Kind regards, Tom"
)


def _scores(attempt: PracticeAttempt, source: str) -> dict[str, int]:
    rows = PracticeScore.objects.filter(attempt=attempt, source=source)
    return {s.criterion.behaviour: s.value for s in rows.select_related("criterion")}


def test_a_good_note_and_a_warm_reply_score_well_and_the_coach_reviews_them(
    boots_chat, tom, marcus, grace
) -> None:
    attempt = attempt_start(learner=tom, scenario_id=boots_chat.pk)
    owned = dataclasses.replace(GOOD_NOTE, next_step_owner=marcus, next_step_due=from_now(days=2))
    practice_note_write(attempt_id=attempt.pk, actor=tom, draft=owned)
    practice_message_send(
        attempt_id=attempt.pk, actor=tom, channel="chat", purpose="service", body=WARM
    )

    attempt_submit(attempt_id=attempt.pk, actor=tom)

    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    assert attempt.rubric == boots_chat.rubric
    assert _scores(attempt, "automatic") == {
        "acknowledge_history": 4,
        "summarise_next_steps": 4,
        "follow_through": 4,
        "channel_tone": 4,
    }  # confirm needs and personalise are the coach's; a chat reply meets no gate

    attempt_review(
        coach=grace,
        attempt_id=attempt.pk,
        scores={"confirm_needs": 3, "personalise": 4},
        comment="Picked up Chloe's thread without asking again.",
    )
    attempt.refresh_from_db()
    assert attempt.status == "reviewed" and attempt.reviewed_by == grace
    assert _scores(attempt, "coach") == {"confirm_needs": 3, "personalise": 4}


def test_a_curt_reply_and_a_note_without_an_owner_score_low(boots_chat, tom) -> None:
    attempt = attempt_start(learner=tom, scenario_id=boots_chat.pk)
    practice_note_write(attempt_id=attempt.pk, actor=tom, draft=NoteDraft(body="Boots. Sorted."))
    with pytest.raises(ToneHintsPresent):
        practice_message_send(
            attempt_id=attempt.pk, actor=tom, channel="chat", purpose="service", body="43 ok."
        )
    practice_message_send(
        attempt_id=attempt.pk,
        actor=tom,
        channel="chat",
        purpose="service",
        body="43 ok.",
        send_anyway=True,
    )

    attempt_submit(attempt_id=attempt.pk, actor=tom)

    scores = _scores(attempt, "automatic")
    assert scores["follow_through"] == 1
    assert scores["channel_tone"] == 1
    assert scores["summarise_next_steps"] < 4


def test_a_marketing_email_the_persona_never_agreed_to_is_refused_by_the_gate_and_scored(
    boots_chat, tom
) -> None:
    attempt = attempt_start(learner=tom, scenario_id=boots_chat.pk)

    sent = practice_message_send(
        attempt_id=attempt.pk,
        actor=tom,
        channel="sms",
        purpose="marketing",
        body="Hello Daniel, our new boots have arrived. Kind regards, Tom",
        send_anyway=True,
    )

    assert sent.outcome == "refused"
    assert any("replied STOP to SMS" in reason for reason in sent.reasons)
    attempt_submit(attempt_id=attempt.pk, actor=tom)
    assert _scores(attempt, "automatic")["consent"] == 1


def test_submitting_twice_is_refused_and_nothing_more_can_be_added(boots_chat, tom) -> None:
    attempt = attempt_start(learner=tom, scenario_id=boots_chat.pk)
    practice_note_write(attempt_id=attempt.pk, actor=tom, draft=GOOD_NOTE)
    attempt_submit(attempt_id=attempt.pk, actor=tom)

    with pytest.raises(AttemptClosed, match="was submitted"):
        attempt_submit(attempt_id=attempt.pk, actor=tom)
    with pytest.raises(AttemptClosed):
        practice_note_write(attempt_id=attempt.pk, actor=tom, draft=GOOD_NOTE)
    assert PracticeScore.objects.filter(attempt=attempt).count() == 2  # scored once


def test_an_empty_note_and_an_empty_attempt_are_refused(boots_chat, tom) -> None:
    attempt = attempt_start(learner=tom, scenario_id=boots_chat.pk)

    with pytest.raises(InvalidPractice, match="Write the note"):
        practice_note_write(attempt_id=attempt.pk, actor=tom, draft=NoteDraft(body="   "))
    with pytest.raises(InvalidPractice, match="nothing to score"):
        attempt_submit(attempt_id=attempt.pk, actor=tom)


def test_a_scenario_without_history_is_refused(grace, every_behaviour) -> None:
    with pytest.raises(InvalidScenario, match="starting history"):
        scenario_create(
            actor=grace,
            draft=ScenarioDraft(
                title="Nothing yet",
                situation="A customer walks in.",
                channel="in_store",
                rubric_id=every_behaviour.pk,
                persona=DANIEL,
                steps=[],
            ),
        )


def test_a_review_outside_the_rubric_is_refused_and_an_edit_makes_a_new_version(
    boots_chat, tom, grace
) -> None:
    attempt = attempt_start(learner=tom, scenario_id=boots_chat.pk)
    practice_note_write(attempt_id=attempt.pk, actor=tom, draft=GOOD_NOTE)
    attempt_submit(attempt_id=attempt.pk, actor=tom)

    with pytest.raises(InvalidPractice, match="outside the rubric"):
        attempt_review(coach=grace, attempt_id=attempt.pk, scores={"confirm_needs": 9})

    edited = rubric_update(
        actor=grace,
        rubric_id=boots_chat.rubric_id,
        draft=RubricDraft(
            name="Practice standard", criteria=[CriterionDraft("confirm_needs", "Asks first")]
        ),
    )
    assert edited.version == 2  # the practice scores keep version 1's words
    attempt_review(coach=grace, attempt_id=attempt.pk, scores={"personalise": 2})
    attempt.refresh_from_db()
    assert attempt.rubric_id == boots_chat.rubric_id != edited.pk
