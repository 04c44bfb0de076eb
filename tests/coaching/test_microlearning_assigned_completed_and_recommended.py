"""Modules are assigned to people or teams with a due date; a learner completes one by
answering every check question right; coaches see completion and what is overdue; a gap in
someone's observations or note scores recommends the module on that behaviour."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from continuity import colleague, from_now
from everthread.coaching.errors import InvalidAnswer, InvalidModule
from everthread.coaching.models import Assignment, Behaviour
from everthread.coaching.selectors import learning_progress
from everthread.coaching.services import (
    ModuleDraft,
    QuestionDraft,
    assignment_answer,
    module_assign,
    module_create,
)
from everthread.coaching.tasks import recommend_modules
from everthread.notes.models import Note
from factories import TeamFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture
def summarise(grace):
    return module_create(
        actor=grace,
        draft=ModuleDraft(
            title="Summarise the next step",
            behaviour=Behaviour.SUMMARISE_NEXT_STEPS,
            card="Say back what has been agreed, who does it, and by when.",
            questions=[
                QuestionDraft(
                    "What does a next step need?", ["An owner and a due time", "A smiley"], 0
                ),
                QuestionDraft("Which closing summarises?", ["Bye", "Tom calls you Friday"], 1),
            ],
        ),
    )


def test_a_team_assignment_reaches_each_member_once(summarise, grace, chloe) -> None:
    priya = colleague("priya", "Priya Shah", role="agent")
    centre = TeamFactory(code="contact-centre-leeds", name="Leeds contact centre")
    centre.members.add(chloe, priya)

    module_assign(actor=grace, module_id=summarise.pk, team_id=centre.pk, due_on=TODAY)
    again = module_assign(actor=grace, module_id=summarise.pk, learner_ids=[chloe.pk], due_on=TODAY)

    assert Assignment.objects.filter(module=summarise).count() == 2
    assert {a.source for a in again} == {"team"}  # Chloe keeps the one she has open


def test_completion_needs_every_question_answered_right(summarise, grace, chloe) -> None:
    (assignment,) = module_assign(
        actor=grace, module_id=summarise.pk, learner_ids=[chloe.pk], due_on=TODAY
    )
    first, second = summarise.questions.all()

    assignment_answer(
        learner=chloe, assignment_id=assignment.pk, answers={first.pk: 0, second.pk: 0}
    )
    assignment.refresh_from_db()
    assert assignment.completed_at is None
    assignment_answer(learner=chloe, assignment_id=assignment.pk, answers={second.pk: 1})
    assignment.refresh_from_db()
    assert assignment.completed_at is not None
    assert list(assignment.answers.values_list("correct", flat=True)) == [True, False, True]


def test_a_choice_that_is_not_offered_is_refused(summarise, grace, chloe) -> None:
    (assignment,) = module_assign(
        actor=grace, module_id=summarise.pk, learner_ids=[chloe.pk], due_on=TODAY
    )
    question = summarise.questions.first()

    with pytest.raises(InvalidAnswer, match="Choose one of the 2 answers"):
        assignment_answer(learner=chloe, assignment_id=assignment.pk, answers={question.pk: 7})
    with pytest.raises(InvalidModule, match="right answer must be one of its choices"):
        module_create(
            actor=grace,
            draft=ModuleDraft(
                title="Broken",
                behaviour=Behaviour.CONSENT,
                card="Ask first.",
                questions=[QuestionDraft("Which?", ["A", "B"], 2)],
            ),
        )


def test_coaches_see_completion_and_overdue_by_person(summarise, grace, chloe, ruth) -> None:
    module_assign(actor=grace, module_id=summarise.pk, learner_ids=[chloe.pk], due_on=TODAY)
    (done,) = module_assign(
        actor=grace, module_id=summarise.pk, learner_ids=[ruth.pk], due_on=TODAY
    )
    first, second = summarise.questions.all()
    assignment_answer(learner=ruth, assignment_id=done.pk, answers={first.pk: 0, second.pk: 1})

    progress = learning_progress(today=TODAY + datetime.timedelta(days=1))

    assert [(p.learner.username, p.completed, p.assigned, len(p.overdue)) for p in progress] == [
        ("chloe", 0, 1, 1),
        ("ruth", 1, 1, 0),
    ]


def test_the_learner_answers_on_the_learning_page(client: Client, summarise, grace, chloe):
    (assignment,) = module_assign(
        actor=grace, module_id=summarise.pk, learner_ids=[chloe.pk], due_on=TODAY
    )
    first, second = summarise.questions.all()
    client.force_login(chloe)

    assert "Summarise the next step" in client.get("/coaching/learning/").content.decode()
    response = client.post(
        f"/coaching/learning/{assignment.pk}/", {f"q{first.pk}": "0", f"q{second.pk}": "1"}
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.completed_at is not None


def test_a_low_observation_recommends_the_module_on_that_behaviour(
    summarise, observe, chloe
) -> None:
    observe({Behaviour.SUMMARISE_NEXT_STEPS: 2, Behaviour.CONFIRM_NEEDS: 4})

    (recommended,) = Assignment.objects.filter(learner=chloe)
    assert recommended.module == summarise and recommended.source == "recommended"
    assert "33%" in recommended.reason  # 2 on a 1-4 scale is a third of the way
    assert recommended.due_on == timezone.localdate() + datetime.timedelta(days=14)


def test_a_good_observation_recommends_nothing(summarise, observe, chloe) -> None:
    observe({Behaviour.SUMMARISE_NEXT_STEPS: 3})

    assert not Assignment.objects.filter(learner=chloe).exists()


def test_weak_notes_recommend_the_summarising_module(summarise, observe, chloe, daniel) -> None:
    for _ in range(3):
        Note.objects.create(
            customer=daniel, author=chloe, wants="Boots", quality_score=1, created_at=from_now()
        )

    observe({Behaviour.CONFIRM_NEEDS: 4})

    (recommended,) = Assignment.objects.filter(learner=chloe)
    assert recommended.reason == "The last 3 notes average 1.0 of 4 for quality."


def test_weak_notes_alone_recommend_it_overnight(summarise, chloe, daniel) -> None:
    for _ in range(3):
        Note.objects.create(
            customer=daniel, author=chloe, wants="Boots", quality_score=1, created_at=from_now()
        )

    recommend_modules.call()
    recommend_modules.call()  # the next night: she has it open, nothing more

    (recommended,) = Assignment.objects.filter(learner=chloe)
    assert recommended.module == summarise and recommended.source == "recommended"
