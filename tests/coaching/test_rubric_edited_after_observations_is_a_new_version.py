"""A rubric edited after it has been scored becomes a new version; past scores keep the
words and the scale they were given for."""

from __future__ import annotations

import pytest

from everthread.coaching.errors import InvalidObservation, InvalidRubric
from everthread.coaching.models import Behaviour, Rubric, Score
from everthread.coaching.services import (
    CriterionDraft,
    RubricDraft,
    rubric_update,
)

pytestmark = pytest.mark.django_db

FIVE_POINT = RubricDraft(
    name="Continuity behaviours",
    scale_max=5,
    criteria=[
        CriterionDraft(Behaviour.ACKNOWLEDGE_HISTORY, "Picked up the thread unprompted"),
        CriterionDraft(Behaviour.CONSENT, "Consent respected"),
    ],
)


def test_editing_an_unscored_rubric_changes_it_in_place(rubric, grace) -> None:
    edited = rubric_update(actor=grace, rubric_id=rubric.pk, draft=FIVE_POINT)

    assert edited.pk == rubric.pk and edited.version == 1
    assert [c.label for c in edited.criteria.all()] == [
        "Picked up the thread unprompted",
        "Consent respected",
    ]


def test_editing_a_scored_rubric_makes_version_2_and_leaves_the_scores(
    rubric, grace, observe
) -> None:
    observation = observe({Behaviour.ACKNOWLEDGE_HISTORY: 4, Behaviour.CONFIRM_NEEDS: 2})

    edited = rubric_update(actor=grace, rubric_id=rubric.pk, draft=FIVE_POINT)

    assert edited.version == 2 and edited.pk != rubric.pk and edited.scale_max == 5
    old = Rubric.objects.get(pk=rubric.pk)
    assert not old.is_current and old.scale_max == 4
    assert [c.label for c in old.criteria.all()] == [
        "Did we acknowledge history?",
        "Confirm needs",
        "Summarise what has been agreed and what will happen next",
    ]
    scores = Score.objects.filter(observation=observation).select_related("criterion")
    assert {(s.criterion.label, s.value) for s in scores} == {
        ("Did we acknowledge history?", 4),
        ("Confirm needs", 2),
    }
    assert observation.rubric_id == rubric.pk


def test_the_old_version_can_be_neither_edited_nor_scored(rubric, grace, observe):
    observe({Behaviour.CONFIRM_NEEDS: 3})
    rubric_update(actor=grace, rubric_id=rubric.pk, draft=FIVE_POINT)

    with pytest.raises(InvalidRubric, match="newer version"):
        rubric_update(actor=grace, rubric_id=rubric.pk, draft=FIVE_POINT)
    with pytest.raises(InvalidObservation, match="newer version"):
        observe({Behaviour.CONFIRM_NEEDS: 3})


def test_a_rubric_needs_behaviours_once_each(rubric, grace) -> None:
    twice = RubricDraft(
        name="Twice",
        criteria=[
            CriterionDraft(Behaviour.CONSENT, "Consent"),
            CriterionDraft(Behaviour.CONSENT, "Consent again"),
        ],
    )
    with pytest.raises(InvalidRubric, match="Consent respected is in the rubric twice"):
        rubric_update(actor=grace, rubric_id=rubric.pk, draft=twice)
    with pytest.raises(InvalidRubric, match="at least one behaviour"):
        rubric_update(actor=grace, rubric_id=rubric.pk, draft=RubricDraft(name="x", criteria=[]))
