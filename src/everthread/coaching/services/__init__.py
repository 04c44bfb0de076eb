"""Every coaching write: rubrics, observations, microlearning and mystery shopping."""

from everthread.coaching.services.learning import (
    ModuleDraft,
    QuestionDraft,
    assignment_answer,
    assignments_recommend,
    module_assign,
    module_create,
    modules_recommend_to_everyone,
)
from everthread.coaching.services.mystery_shop import (
    MysteryQuestionDraft,
    VisitDraft,
    mystery_shop_form_create,
    mystery_shop_visit_record,
)
from everthread.coaching.services.observations import ObservationDraft, observation_record
from everthread.coaching.services.rubrics import (
    CriterionDraft,
    RubricDraft,
    rubric_create,
    rubric_update,
)

__all__ = [
    "CriterionDraft",
    "ModuleDraft",
    "MysteryQuestionDraft",
    "ObservationDraft",
    "QuestionDraft",
    "RubricDraft",
    "VisitDraft",
    "assignment_answer",
    "assignments_recommend",
    "module_assign",
    "module_create",
    "modules_recommend_to_everyone",
    "mystery_shop_form_create",
    "mystery_shop_visit_record",
    "observation_record",
    "rubric_create",
    "rubric_update",
]
