"""Coaching over the API: rubrics, observations on real interactions, the automatic evidence,
microlearning modules and assignments, mystery-shop forms and visits, and behaviour scores."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from everthread.coaching.errors import (
    ObservationNotFound,
    RubricNotFound,
    StaffNotFound,
)
from everthread.coaching.models import (
    Assignment,
    Behaviour,
    Module,
    MysteryShopQuestion,
    MysteryShopVisit,
    Observation,
)
from everthread.coaching.selectors import (
    assignments_of,
    behaviour_scores,
    learning_progress,
    mystery_shop_forms,
    mystery_shop_results,
    observation_get,
    observations_of,
    rubric_get,
    rubrics_current,
    staff_evidence,
)
from everthread.coaching.services import (
    CriterionDraft,
    ModuleDraft,
    MysteryQuestionDraft,
    ObservationDraft,
    QuestionDraft,
    RubricDraft,
    VisitDraft,
    assignment_answer,
    module_assign,
    module_create,
    mystery_shop_form_create,
    mystery_shop_visit_record,
    observation_record,
    rubric_create,
    rubric_update,
)
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Staff
from everthread.core.permissions import requires
from everthread.core.schemas import StaffRef, answer_once

router = Router(tags=["coaching"])

BEHAVIOURS = ", ".join(Behaviour.values)


class CriterionIn(Schema):
    behaviour: str = Field(description=f"One of {BEHAVIOURS}.")
    label: str = Field(description="What the behaviour looks like, in the coach's words.")
    guidance: str = ""


class RubricIn(Schema):
    name: str
    description: str = ""
    scale_max: int = Field(default=4, description="Scores run from 1 to this (2 to 10).")
    criteria: list[CriterionIn]

    def draft(self) -> RubricDraft:
        return RubricDraft(
            name=self.name,
            description=self.description,
            scale_max=self.scale_max,
            criteria=[CriterionDraft(c.behaviour, c.label, c.guidance) for c in self.criteria],
        )


class CriterionOut(Schema):
    id: int
    behaviour: str
    label: str
    guidance: str


class RubricOut(Schema):
    id: int
    slug: str
    version: int
    name: str
    description: str
    scale_max: int
    is_current: bool
    criteria: list[CriterionOut]


@router.get("/coaching/rubrics", response=list[RubricOut], summary="Every rubric, current version")
@requires(Capability.COACH_STAFF)
def rubrics_list(request: StaffRequest) -> object:
    return rubrics_current()


@router.post("/coaching/rubrics", response={201: RubricOut}, summary="Define a rubric")
@requires(Capability.COACH_STAFF)
def rubrics_create(request: StaffRequest, payload: RubricIn) -> object:
    def write() -> tuple[int, Schema]:
        rubric = rubric_create(actor=request.auth, draft=payload.draft())
        return 201, RubricOut.from_orm(rubric_get(rubric_id=rubric.pk))

    return answer_once(request, write)


@router.get("/coaching/rubrics/{rubric_id}", response=RubricOut, summary="One rubric version")
@requires(Capability.COACH_STAFF)
def rubrics_read(request: StaffRequest, rubric_id: int) -> object:
    rubric = rubric_get(rubric_id=rubric_id)
    if rubric is None:
        raise RubricNotFound(f"There is no rubric {rubric_id}.")
    return rubric


@router.put(
    "/coaching/rubrics/{rubric_id}",
    response=RubricOut,
    summary="Change a rubric: a version already scored stays as it was and the change becomes "
    "the next version (the answer is that version)",
)
@requires(Capability.COACH_STAFF)
def rubrics_update(request: StaffRequest, rubric_id: int, payload: RubricIn) -> object:
    rubric = rubric_update(actor=request.auth, rubric_id=rubric_id, draft=payload.draft())
    return rubric_get(rubric_id=rubric.pk)


class ObservationIn(Schema):
    rubric_id: int
    observed_id: int = Field(description="The member of staff observed.")
    interaction_ids: list[int] = Field(description="At least one; all of one customer.")
    note_ids: list[int] = Field(default_factory=list)
    message_ids: list[int] = Field(default_factory=list)
    scores: dict[str, int] = Field(description="Behaviour -> 1 to the rubric's scale_max.")
    comment: str = ""


class ScoreOut(Schema):
    behaviour: str
    label: str
    value: int


class ObservationOut(Schema):
    id: int
    rubric: RubricOut
    observed: StaffRef
    observer: StaffRef
    channel: str
    observed_at: datetime.datetime
    comment: str
    scores: list[ScoreOut]
    interaction_ids: list[int]
    note_ids: list[int]
    message_ids: list[int]

    @staticmethod
    def resolve_scores(observation: Observation) -> list[dict[str, Any]]:
        return [
            {"behaviour": s.criterion.behaviour, "label": s.criterion.label, "value": s.value}
            for s in observation.scores.all()
        ]

    @staticmethod
    def resolve_interaction_ids(observation: Observation) -> list[int]:
        return [row.pk for row in observation.interactions.all()]

    @staticmethod
    def resolve_note_ids(observation: Observation) -> list[int]:
        return [row.pk for row in observation.notes.all()]

    @staticmethod
    def resolve_message_ids(observation: Observation) -> list[int]:
        return [row.pk for row in observation.messages.all()]


class ObservationPageOut(Schema):
    items: list[ObservationOut]
    page: int
    pages: int


@router.post(
    "/coaching/observations",
    response={201: ObservationOut},
    summary="Record an observation of a colleague on real interactions, scored per behaviour",
)
@requires(Capability.COACH_STAFF)
def observations_create(request: StaffRequest, payload: ObservationIn) -> object:
    def write() -> tuple[int, Schema]:
        observation = observation_record(
            observer=request.auth,
            draft=ObservationDraft(
                rubric_id=payload.rubric_id,
                observed_id=payload.observed_id,
                interaction_ids=payload.interaction_ids,
                note_ids=payload.note_ids,
                message_ids=payload.message_ids,
                scores=payload.scores,
                comment=payload.comment,
            ),
        )
        return 201, ObservationOut.from_orm(observation_get(observation_id=observation.pk))

    return answer_once(request, write)


@router.get(
    "/coaching/observations/{observation_id}",
    response=ObservationOut,
    summary="One observation: coaches and managers read any, staff their own",
)
@requires()
def observations_read(request: StaffRequest, observation_id: int) -> object:
    observation = observation_get(observation_id=observation_id)
    viewer = request.auth
    if observation is None or not (
        viewer.can(Capability.COACH_STAFF) or observation.observed_id == viewer.pk
    ):
        raise ObservationNotFound(f"There is no observation {observation_id} of yours.")
    return observation


def _staff(staff_id: int) -> Staff:
    staff = Staff.objects.filter(pk=staff_id).first()
    if staff is None:
        raise StaffNotFound(f"There is no member of staff {staff_id}.")
    return staff


@router.get(
    "/coaching/staff/{staff_id}/observations",
    response=ObservationPageOut,
    summary="A member of staff's observations, newest first",
)
@requires(Capability.COACH_STAFF)
def staff_observations(request: StaffRequest, staff_id: int, page: int = 1) -> object:
    found = observations_of(staff_id=_staff(staff_id).pk, page=page)
    return {"items": list(found), "page": found.number, "pages": found.paginator.num_pages}


class NoteEvidenceOut(Schema):
    note_id: int
    customer_id: int
    created_at: datetime.datetime
    score: int = Field(description="Of 4: clear, factual, respectful, complete.")
    findings: list[dict[str, Any]]


class MessageEvidenceOut(Schema):
    message_id: int
    customer_id: int
    channel: str
    created_at: datetime.datetime
    hints: list[dict[str, Any]]


class EvidenceOut(Schema):
    note_average: float | None
    notes: list[NoteEvidenceOut]
    messages: list[MessageEvidenceOut]
    hint_counts: dict[str, int]


@router.get(
    "/coaching/staff/{staff_id}/evidence",
    response=EvidenceOut,
    summary="The note-quality assessments and tone hints already stored for their latest work",
)
@requires(Capability.COACH_STAFF)
def staff_evidence_read(request: StaffRequest, staff_id: int) -> object:
    evidence = staff_evidence(staff_id=_staff(staff_id).pk, viewer=request.auth)
    return {
        "note_average": evidence.note_average,
        "hint_counts": evidence.hint_counts,
        "notes": [
            {
                "note_id": row.note.pk,
                "customer_id": row.note.customer_id,
                "created_at": row.note.created_at,
                "score": row.score,
                "findings": row.findings,
            }
            for row in evidence.notes
        ],
        "messages": [
            {
                "message_id": row.message.id,
                "customer_id": row.message.customer_id,
                "channel": row.message.channel,
                "created_at": row.message.created_at,
                "hints": row.hints,
            }
            for row in evidence.messages
        ],
    }


class BehaviourScoreOut(Schema):
    behaviour: str
    label: str
    observation_scores: int
    observation_percent: float | None
    mystery_answers: int
    mystery_percent: float | None
    percent: float | None = Field(description="Both together, 0-100; null when not measured.")


class ScoreFilters(Schema):
    store_id: int | None = None
    team_id: int | None = None
    channel: str | None = None
    staff_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


@router.get(
    "/coaching/behaviour-scores",
    response=list[BehaviourScoreOut],
    summary="Each behaviour's score from observations and mystery shopping, 0-100",
)
@requires(Capability.COACH_STAFF)
def behaviour_scores_read(request: StaffRequest, filters: Query[ScoreFilters]) -> object:
    return behaviour_scores(**filters.dict())


class QuestionIn(Schema):
    text: str
    choices: list[str]
    correct: int = Field(description="Which choice is right, from 0.")


class ModuleIn(Schema):
    title: str
    behaviour: str = Field(description=f"One of {BEHAVIOURS}.")
    card: str = Field(description="The card of guidance.")
    minutes: int = 3
    questions: list[QuestionIn]


class QuestionOut(Schema):
    id: int
    text: str
    choices: list[str]


class ModuleOut(Schema):
    id: int
    title: str
    behaviour: str
    card: str
    minutes: int
    questions: list[QuestionOut]


@router.get("/coaching/modules", response=list[ModuleOut], summary="Every microlearning module")
@requires(Capability.COACH_STAFF)
def modules_list(request: StaffRequest) -> object:
    return Module.objects.prefetch_related("questions")


@router.post("/coaching/modules", response={201: ModuleOut}, summary="Write a module")
@requires(Capability.COACH_STAFF)
def modules_create(request: StaffRequest, payload: ModuleIn) -> object:
    def write() -> tuple[int, Schema]:
        module = module_create(
            actor=request.auth,
            draft=ModuleDraft(
                title=payload.title,
                behaviour=payload.behaviour,
                card=payload.card,
                minutes=payload.minutes,
                questions=[QuestionDraft(q.text, q.choices, q.correct) for q in payload.questions],
            ),
        )
        return 201, ModuleOut.from_orm(module)

    return answer_once(request, write)


class AssignIn(Schema):
    learner_ids: list[int] = Field(default_factory=list)
    team_id: int | None = Field(default=None, description="Everyone in the team.")
    due_on: datetime.date | None = None


class AssignmentOut(Schema):
    id: int
    module_id: int
    module_title: str
    learner: StaffRef
    source: str
    reason: str
    due_on: datetime.date | None
    completed_at: datetime.datetime | None

    @staticmethod
    def resolve_module_title(assignment: Assignment) -> str:
        return assignment.module.title


@router.post(
    "/coaching/modules/{module_id}/assignments",
    response={201: list[AssignmentOut]},
    summary="Assign a module to people or a team; who has it open keeps that assignment",
)
@requires(Capability.COACH_STAFF)
def modules_assign(request: StaffRequest, module_id: int, payload: AssignIn) -> object:
    assignments = module_assign(
        actor=request.auth,
        module_id=module_id,
        due_on=payload.due_on,
        learner_ids=payload.learner_ids,
        team_id=payload.team_id,
    )
    return Status(201, assignments)


@router.get(
    "/coaching/assignments", response=list[AssignmentOut], summary="Your modules, open first"
)
@requires()
def assignments_mine(request: StaffRequest) -> object:
    return assignments_of(learner_id=request.auth.pk)


class AnswersIn(Schema):
    answers: dict[int, int] = Field(description="Question id -> the chosen choice, from 0.")


class AnswersOut(Schema):
    assignment: AssignmentOut
    correct: list[int] = Field(description="Questions answered right so far.")


@router.post(
    "/coaching/assignments/{assignment_id}/answers",
    response=AnswersOut,
    summary="Answer a module's check questions; it is complete once each has a right answer",
)
@requires()
def assignments_answer(request: StaffRequest, assignment_id: int, payload: AnswersIn) -> object:
    assignment = assignment_answer(
        learner=request.auth, assignment_id=assignment_id, answers=payload.answers
    )
    right = assignment.answers.filter(correct=True).values_list("question_id", flat=True)
    return {"assignment": assignment, "correct": sorted(set(right))}


class ProgressOut(Schema):
    learner: StaffRef
    assigned: int
    completed: int
    overdue: list[AssignmentOut]


@router.get(
    "/coaching/learning-progress",
    response=list[ProgressOut],
    summary="Module completion by person, with what each has overdue",
)
@requires(Capability.COACH_STAFF)
def progress_read(request: StaffRequest, team_id: int | None = None) -> object:
    return learning_progress(today=timezone.localdate(), team_id=team_id)


class MysteryQuestionIn(Schema):
    text: str
    kind: str = Field(description=", ".join(MysteryShopQuestion.Kind.values))
    behaviour: str = Field(default="", description="Required unless the kind is text.")


class MysteryFormIn(Schema):
    name: str
    description: str = ""
    questions: list[MysteryQuestionIn]


class MysteryQuestionOut(Schema):
    id: int
    text: str
    kind: str
    behaviour: str


class MysteryFormOut(Schema):
    id: int
    name: str
    description: str
    questions: list[MysteryQuestionOut]


@router.get(
    "/coaching/mystery-shop/forms", response=list[MysteryFormOut], summary="Mystery-shop forms"
)
@requires(Capability.COACH_STAFF)
def mystery_forms_list(request: StaffRequest) -> object:
    return mystery_shop_forms()


@router.post("/coaching/mystery-shop/forms", response={201: MysteryFormOut}, summary="Write a form")
@requires(Capability.COACH_STAFF)
def mystery_forms_create(request: StaffRequest, payload: MysteryFormIn) -> object:
    def write() -> tuple[int, Schema]:
        form = mystery_shop_form_create(
            actor=request.auth,
            name=payload.name,
            description=payload.description,
            questions=[
                MysteryQuestionDraft(q.text, q.kind, q.behaviour) for q in payload.questions
            ],
        )
        return 201, MysteryFormOut.from_orm(form)

    return answer_once(request, write)


class VisitIn(Schema):
    channel: str
    visited_on: datetime.date
    store_id: int | None = None
    staff_id: int | None = Field(default=None, description="Who served, when known.")
    shopper: str = ""
    answers: dict[int, str] = Field(description="Question id -> yes/no, 1-5, or text.")


class VisitOut(Schema):
    id: int
    form_id: int
    channel: str
    visited_on: datetime.date
    store_id: int | None
    staff_id: int | None


@router.post(
    "/coaching/mystery-shop/forms/{form_id}/visits",
    response={201: VisitOut},
    summary="Record a visit or contact on a form",
)
@requires(Capability.COACH_STAFF)
def mystery_visits_create(request: StaffRequest, form_id: int, payload: VisitIn) -> object:
    def write() -> tuple[int, Schema]:
        visit: MysteryShopVisit = mystery_shop_visit_record(
            actor=request.auth,
            draft=VisitDraft(
                form_id=form_id,
                channel=payload.channel,
                visited_on=payload.visited_on,
                store_id=payload.store_id,
                staff_id=payload.staff_id,
                shopper=payload.shopper,
                answers=payload.answers,
            ),
        )
        return 201, VisitOut.from_orm(visit)

    return answer_once(request, write)


class ResultOut(Schema):
    behaviour: str
    store: str
    channel: str
    answers: int
    percent: float


@router.get(
    "/coaching/mystery-shop/results",
    response=list[ResultOut],
    summary="Mystery-shop scores per behaviour, store and channel, 0-100",
)
@requires(Capability.COACH_STAFF)
def mystery_results(
    request: StaffRequest,
    form_id: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> object:
    return mystery_shop_results(form_id=form_id, since=since, until=until)
