"""An observation is about real work, scored on the rubric: without a linked interaction, or
with a score outside the rubric, it is refused with a message that says what to fix."""

from __future__ import annotations

import pytest

from continuity import contact, customer
from everthread.coaching.errors import InvalidObservation
from everthread.coaching.models import Behaviour, Observation
from everthread.coaching.services import ObservationDraft, observation_record

pytestmark = pytest.mark.django_db


def draft(rubric, chloe, interactions, **scores: int) -> ObservationDraft:
    return ObservationDraft(
        rubric_id=rubric.pk,
        observed_id=chloe.pk,
        interaction_ids=[i.pk for i in interactions],
        scores=scores or {Behaviour.CONFIRM_NEEDS: 3},
    )


def test_an_observation_scores_the_real_chat(rubric, ruth, chloe, chat) -> None:
    observation = observation_record(
        observer=ruth,
        draft=draft(rubric, chloe, [chat], acknowledge_history=4, confirm_needs=1),
    )

    assert list(observation.interactions.all()) == [chat]
    assert observation.customer_id == chat.customer_id
    assert observation.channel == "chat"
    assert observation.observed_at == chat.occurred_at
    assert {s.criterion.behaviour: s.value for s in observation.scores.all()} == {
        "acknowledge_history": 4,
        "confirm_needs": 1,
    }


def test_without_an_interaction_it_is_refused(rubric, ruth, chloe) -> None:
    with pytest.raises(InvalidObservation, match="Link the interaction you observed") as refused:
        observation_record(observer=ruth, draft=draft(rubric, chloe, []))

    assert refused.value.field == "interaction_ids"
    assert not Observation.objects.exists()


def test_a_score_above_the_scale_is_outside_the_rubric(rubric, ruth, chloe, chat) -> None:
    with pytest.raises(InvalidObservation, match="scored from 1 to 4; 5 is outside") as refused:
        observation_record(observer=ruth, draft=draft(rubric, chloe, [chat], confirm_needs=5))

    assert refused.value.field == "scores.confirm_needs"
    with pytest.raises(InvalidObservation, match="0 is outside"):
        observation_record(observer=ruth, draft=draft(rubric, chloe, [chat], confirm_needs=0))
    assert not Observation.objects.exists()


def test_a_behaviour_the_rubric_does_not_score_is_refused(rubric, ruth, chloe, chat) -> None:
    with pytest.raises(InvalidObservation, match="'Consent respected' is not on") as refused:
        observation_record(observer=ruth, draft=draft(rubric, chloe, [chat], consent=3))

    assert refused.value.field == "scores.consent"


def test_someone_elses_contact_or_two_customers_or_oneself_are_refused(
    rubric, ruth, chloe, chat, daniel
) -> None:
    his_own_words = contact(daniel, "chat", "Boots too small")  # nobody handled it yet
    with pytest.raises(InvalidObservation, match="None of these interactions was handled by"):
        observation_record(observer=ruth, draft=draft(rubric, chloe, [his_own_words]))
    rosa = contact(customer("Rosa", "Alvarez"), "chat", "Raincoat", staff=chloe)
    with pytest.raises(InvalidObservation, match="different customers"):
        observation_record(observer=ruth, draft=draft(rubric, chloe, [chat, rosa]))
    with pytest.raises(InvalidObservation, match="not yourself"):
        observation_record(observer=chloe, draft=draft(rubric, chloe, [chat]))
    assert not Observation.objects.exists()
