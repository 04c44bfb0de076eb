"""Microlearning: modules, assigning them to people and teams, answers, and recommending a
module where someone's observations or note scores show a gap in its behaviour."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from everthread.coaching.errors import (
    AssignmentNotFound,
    InvalidAnswer,
    InvalidModule,
    ModuleNotFound,
    StaffNotFound,
)
from everthread.coaching.models import Answer, Assignment, Behaviour, Module, Question
from everthread.coaching.selectors import GAP_DAYS, behaviour_gaps
from everthread.core.models import Staff, Team
from everthread.core.services import audit_record

QUESTIONS_PER_MODULE = (1, 3)
CHOICES_PER_QUESTION = (2, 6)
# A recommended module is due a fortnight after the gap was seen.
RECOMMENDED_DUE_DAYS = 14


@dataclass(frozen=True)
class QuestionDraft:
    text: str
    choices: Sequence[str]
    correct: int


@dataclass(frozen=True)
class ModuleDraft:
    title: str
    behaviour: str
    card: str
    questions: Sequence[QuestionDraft]
    minutes: int = 3


def _module_check(draft: ModuleDraft) -> None:
    if not draft.title.strip():
        raise InvalidModule("Give the module a title.", field="title")
    if draft.behaviour not in Behaviour.values:
        raise InvalidModule(
            f"{draft.behaviour!r} is not a behaviour; use one of {', '.join(Behaviour.values)}.",
            field="behaviour",
        )
    if not draft.card.strip():
        raise InvalidModule("Write the card of guidance.", field="card")
    low, high = QUESTIONS_PER_MODULE
    if not low <= len(draft.questions) <= high:
        raise InvalidModule(f"A module asks {low} to {high} check questions.", field="questions")
    for number, question in enumerate(draft.questions, start=1):
        choices = [choice.strip() for choice in question.choices]
        if not question.text.strip() or not all(choices):
            raise InvalidModule(f"Question {number} needs its text and choices.", field="questions")
        if not CHOICES_PER_QUESTION[0] <= len(choices) <= CHOICES_PER_QUESTION[1]:
            raise InvalidModule(
                f"Question {number} offers {CHOICES_PER_QUESTION[0]} to "
                f"{CHOICES_PER_QUESTION[1]} choices.",
                field="questions",
            )
        if not 0 <= question.correct < len(choices):
            raise InvalidModule(
                f"Question {number}'s right answer must be one of its choices (0 to "
                f"{len(choices) - 1}).",
                field="questions",
            )


@transaction.atomic
def module_create(*, actor: Staff, draft: ModuleDraft) -> Module:
    _module_check(draft)
    module = Module.objects.create(
        title=draft.title.strip(),
        behaviour=draft.behaviour,
        card=draft.card.strip(),
        minutes=draft.minutes,
        created_by=actor,
    )
    Question.objects.bulk_create(
        Question(
            module=module,
            text=question.text.strip(),
            choices=[choice.strip() for choice in question.choices],
            correct=question.correct,
            position=position,
        )
        for position, question in enumerate(draft.questions)
    )
    audit_record(actor=actor, action="module.created", subject=module)
    return module


def _assign(
    module: Module,
    learners: Iterable[Staff],
    *,
    actor: Staff | None,
    source: str,
    due_on: datetime.date | None,
    team: Team | None = None,
    reason: str = "",
) -> list[Assignment]:
    """One open assignment per learner: someone who has it open keeps the one they have."""
    learners = list(learners)
    open_ = {
        a.learner_id: a
        for a in Assignment.objects.filter(
            module=module, learner__in=learners, completed_at__isnull=True
        )
    }
    made = [
        Assignment(
            module=module,
            learner=learner,
            team=team,
            source=source,
            reason=reason,
            due_on=due_on,
            assigned_by=actor,
        )
        for learner in learners
        if learner.pk not in open_
    ]
    Assignment.objects.bulk_create(made)
    return [*open_.values(), *made]


@transaction.atomic
def module_assign(
    *,
    actor: Staff,
    module_id: int,
    due_on: datetime.date | None,
    learner_ids: Sequence[int] = (),
    team_id: int | None = None,
) -> list[Assignment]:
    """Give the module to people, or to everyone in a team; those who have it open keep it."""
    module = Module.objects.filter(pk=module_id).first()
    if module is None:
        raise ModuleNotFound(f"There is no module {module_id}.", field="module_id")
    if not learner_ids and team_id is None:
        raise InvalidModule("Choose the people or the team to assign it to.", field="learner_ids")
    team = Team.objects.filter(pk=team_id).first() if team_id is not None else None
    if team_id is not None and team is None:
        raise StaffNotFound(f"There is no team {team_id}.", field="team_id")
    learners = list(Staff.objects.filter(pk__in=set(learner_ids), is_active=True))
    if len(learners) != len(set(learner_ids)):
        raise StaffNotFound("Some of these people are not active staff.", field="learner_ids")
    if team is not None:
        learners += [m for m in team.members.filter(is_active=True) if m not in learners]
    source = Assignment.Source.TEAM if team is not None else Assignment.Source.PERSON
    assignments = _assign(module, learners, actor=actor, source=source, due_on=due_on, team=team)
    audit_record(
        actor=actor,
        action="module.assigned",
        subject=module,
        detail={"learners": sorted(a.learner_id for a in assignments), "due_on": str(due_on)},
    )
    return assignments


@transaction.atomic
def assignment_answer(
    *, learner: Staff, assignment_id: int, answers: Mapping[int, int]
) -> Assignment:
    """Record the learner's answers; the module is complete once each question has a right one."""
    assignment = (
        Assignment.objects.select_for_update()
        .filter(pk=assignment_id, learner=learner)
        .select_related("module")
        .first()
    )
    if assignment is None:
        raise AssignmentNotFound(f"You have no module {assignment_id} to answer.")
    questions = {q.pk: q for q in assignment.module.questions.all()}
    if not answers:
        raise InvalidAnswer("Choose an answer.", field="answers")
    for question_id, choice in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise InvalidAnswer(
                f"Question {question_id} is not in this module.", field=f"answers.{question_id}"
            )
        if not 0 <= choice < len(question.choices):
            raise InvalidAnswer(
                f"Choose one of the {len(question.choices)} answers to “{question.text}”.",
                field=f"answers.{question_id}",
            )
    Answer.objects.bulk_create(
        Answer(
            assignment=assignment,
            question_id=question_id,
            choice=choice,
            correct=choice == questions[question_id].correct,
        )
        for question_id, choice in answers.items()
    )
    right = set(assignment.answers.filter(correct=True).values_list("question_id", flat=True))
    if assignment.completed_at is None and right >= set(questions):
        assignment.completed_at = timezone.now()
        assignment.save(update_fields=["completed_at"])
        audit_record(actor=learner, action="module.completed", subject=assignment)
    return assignment


def assignments_recommend(*, learner: Staff, today: datetime.date) -> list[Assignment]:
    """For each behaviour where the learner's observations or note scores show a gap, the
    modules on it they have neither open nor completed lately, assigned as recommended,
    with the reason why."""
    made: list[Assignment] = []
    lately = timezone.now() - datetime.timedelta(days=GAP_DAYS)
    for gap in behaviour_gaps(staff_id=learner.pk):
        for module in Module.objects.filter(behaviour=gap.behaviour).order_by("pk"):
            has_it = Assignment.objects.filter(
                Q(completed_at__isnull=True) | Q(completed_at__gte=lately),
                module=module,
                learner=learner,
            ).exists()
            if not has_it:
                made += _assign(
                    module,
                    [learner],
                    actor=None,
                    source=Assignment.Source.RECOMMENDED,
                    due_on=today + datetime.timedelta(days=RECOMMENDED_DUE_DAYS),
                    reason=gap.reason,
                )
    return made


def modules_recommend_to_everyone(*, today: datetime.date) -> int:
    """assignments_recommend for every active member of staff (gaps in notes show without an
    observation); how many modules were recommended."""
    return sum(
        len(assignments_recommend(learner=staff, today=today))
        for staff in Staff.objects.filter(is_active=True).order_by("pk")
    )
