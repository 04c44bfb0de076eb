"""Mystery-shop forms and the visits recorded on them."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction

from everthread.coaching.errors import InvalidMysteryShop, MysteryShopFormNotFound
from everthread.coaching.models import (
    Behaviour,
    MysteryShopAnswer,
    MysteryShopForm,
    MysteryShopQuestion,
    MysteryShopVisit,
)
from everthread.core.models import Channel, Staff, Store
from everthread.core.services import audit_record

Kind = MysteryShopQuestion.Kind
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}


@dataclass(frozen=True)
class MysteryQuestionDraft:
    text: str
    kind: str
    behaviour: str = ""


@transaction.atomic
def mystery_shop_form_create(
    *, actor: Staff, name: str, questions: Sequence[MysteryQuestionDraft], description: str = ""
) -> MysteryShopForm:
    if not name.strip():
        raise InvalidMysteryShop("Give the form a name.", field="name")
    if not questions:
        raise InvalidMysteryShop("A form asks at least one question.", field="questions")
    for number, question in enumerate(questions, start=1):
        if not question.text.strip() or question.kind not in Kind.values:
            raise InvalidMysteryShop(
                f"Question {number} needs its text and a kind ({', '.join(Kind.values)}).",
                field="questions",
            )
        if question.kind != Kind.TEXT and question.behaviour not in Behaviour.values:
            raise InvalidMysteryShop(
                f"Question {number} is scored: say which behaviour it measures.",
                field="questions",
            )
    form = MysteryShopForm.objects.create(
        name=name.strip(), description=description.strip(), created_by=actor
    )
    MysteryShopQuestion.objects.bulk_create(
        MysteryShopQuestion(
            form=form,
            text=question.text.strip(),
            kind=question.kind,
            behaviour=question.behaviour if question.behaviour in Behaviour.values else "",
            position=position,
        )
        for position, question in enumerate(questions)
    )
    audit_record(actor=actor, action="mystery_shop_form.created", subject=form)
    return form


def _answer(question: MysteryShopQuestion, given: object) -> MysteryShopAnswer:
    field = f"answers.{question.pk}"
    text = str(given).strip() if given is not None else ""
    if question.kind == Kind.TEXT:
        return MysteryShopAnswer(question=question, text=text)
    if question.kind == Kind.YES_NO:
        word = text.casefold()
        if word not in _YES | _NO:
            raise InvalidMysteryShop(f"Answer “{question.text}” with yes or no.", field=field)
        return MysteryShopAnswer(question=question, value=int(word in _YES))
    if not text.isdigit() or not 1 <= int(text) <= 5:
        raise InvalidMysteryShop(f"Answer “{question.text}” from 1 to 5.", field=field)
    return MysteryShopAnswer(question=question, value=int(text))


@dataclass(frozen=True)
class VisitDraft:
    form_id: int
    channel: str
    visited_on: datetime.date
    answers: Mapping[int, object]  # question id -> "yes"/"no", 1..5, or text
    store_id: int | None = None
    staff_id: int | None = None
    shopper: str = ""


@transaction.atomic
def mystery_shop_visit_record(*, actor: Staff, draft: VisitDraft) -> MysteryShopVisit:
    """Record one visit or contact; every scored question must be answered."""
    form = MysteryShopForm.objects.prefetch_related("questions").filter(pk=draft.form_id).first()
    if form is None:
        raise MysteryShopFormNotFound(f"There is no mystery-shop form {draft.form_id}.")
    if draft.channel not in Channel.values:
        raise InvalidMysteryShop(f"{draft.channel!r} is not a channel.", field="channel")
    if draft.store_id is not None and not Store.objects.filter(pk=draft.store_id).exists():
        raise InvalidMysteryShop(f"There is no store {draft.store_id}.", field="store_id")
    if draft.staff_id is not None and not Staff.objects.filter(pk=draft.staff_id).exists():
        raise InvalidMysteryShop(f"There is no member of staff {draft.staff_id}.", field="staff_id")
    questions = list(form.questions.all())
    unknown = set(draft.answers) - {q.pk for q in questions}
    if unknown:
        raise InvalidMysteryShop(
            f"Question {min(unknown)} is not on “{form.name}”.", field=f"answers.{min(unknown)}"
        )
    answers = [
        _answer(question, draft.answers.get(question.pk))
        for question in questions
        if question.kind != Kind.TEXT or question.pk in draft.answers
    ]
    visit = MysteryShopVisit.objects.create(
        form=form,
        store_id=draft.store_id,
        channel=draft.channel,
        visited_on=draft.visited_on,
        staff_id=draft.staff_id,
        shopper=draft.shopper.strip(),
        recorded_by=actor,
    )
    for answer in answers:
        answer.visit = visit
    MysteryShopAnswer.objects.bulk_create(answers)
    audit_record(actor=actor, action="mystery_shop_visit.recorded", subject=visit)
    return visit
