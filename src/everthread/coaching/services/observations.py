"""Recording an observation: scores per behaviour on a rubric, on real interactions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from everthread.coaching.errors import InvalidObservation, RubricNotFound, StaffNotFound
from everthread.coaching.models import Observation, Rubric, Score
from everthread.coaching.services.learning import assignments_recommend
from everthread.coaching.services.rubrics import rubric_scores_check
from everthread.conversations.models import Interaction
from everthread.core.models import Staff
from everthread.core.services import audit_record
from everthread.notes.models import Note
from everthread.outreach.selectors import messages_by_staff


@dataclass(frozen=True)
class ObservationDraft:
    rubric_id: int
    observed_id: int
    interaction_ids: Sequence[int]
    scores: Mapping[str, int]  # behaviour -> 1..the rubric's scale
    comment: str = ""
    note_ids: Sequence[int] = field(default_factory=tuple)
    message_ids: Sequence[int] = field(default_factory=tuple)


def _rubric_for(draft: ObservationDraft) -> Rubric:
    rubric = Rubric.objects.prefetch_related("criteria").filter(pk=draft.rubric_id).first()
    if rubric is None:
        raise RubricNotFound(f"There is no rubric {draft.rubric_id}.", field="rubric_id")
    if not rubric.is_current:
        raise InvalidObservation(
            f"{rubric} has a newer version: score against the current one.", field="rubric_id"
        )
    return rubric


def _interactions_for(draft: ObservationDraft, observed: Staff) -> list[Interaction]:
    if not draft.interaction_ids:
        raise InvalidObservation(
            "Link the interaction you observed: an observation is about real work.",
            field="interaction_ids",
        )
    found = list(
        Interaction.objects.filter(pk__in=set(draft.interaction_ids)).order_by("occurred_at", "pk")
    )
    missing = sorted(set(draft.interaction_ids) - {i.pk for i in found})
    if missing:
        raise InvalidObservation(
            f"There is no interaction {', '.join(map(str, missing))}.", field="interaction_ids"
        )
    if len({i.customer_id for i in found}) > 1:
        raise InvalidObservation(
            "Observe one customer's contacts at a time: these belong to different customers.",
            field="interaction_ids",
        )
    if not any(i.staff_id == observed.pk for i in found):
        raise InvalidObservation(
            f"None of these interactions was handled by {observed}: link one of theirs.",
            field="interaction_ids",
        )
    return found


def _scores_for(draft: ObservationDraft, rubric: Rubric) -> list[Score]:
    return [
        Score(criterion=criterion, value=value)
        for criterion, value in rubric_scores_check(rubric, draft.scores, refuse=InvalidObservation)
    ]


def _linked(kind: str, ids: Sequence[int], found: Sequence[int]) -> list[int]:
    if set(found) != set(ids):
        raise InvalidObservation(
            f"Link only the observed person's {kind} with this customer.",
            field=f"{kind[:-1]}_ids",
        )
    return list(found)


@transaction.atomic
def observation_record(*, observer: Staff, draft: ObservationDraft) -> Observation:
    """Record the observation and its scores; a gap it shows may recommend a module."""
    observed = Staff.objects.filter(pk=draft.observed_id, is_active=True).first()
    if observed is None:
        raise StaffNotFound(
            f"There is no member of staff {draft.observed_id}.", field="observed_id"
        )
    if observed.pk == observer.pk:
        raise InvalidObservation("Observe a colleague, not yourself.", field="observed_id")
    rubric = _rubric_for(draft)
    interactions = _interactions_for(draft, observed)
    scores = _scores_for(draft, rubric)
    customer_id = interactions[0].customer_id
    notes = _linked(
        "notes",
        draft.note_ids,
        list(
            Note.objects.filter(
                pk__in=set(draft.note_ids), author_id=observed.pk, customer_id=customer_id
            ).values_list("pk", flat=True)
        ),
    )
    messages = _linked(
        "messages",
        draft.message_ids,
        [
            message.id
            for message in messages_by_staff(
                staff_id=observed.pk, customer_id=customer_id, ids=draft.message_ids, limit=None
            )
        ]
        if draft.message_ids
        else [],
    )
    first, last = interactions[0], interactions[-1]
    observation = Observation.objects.create(
        rubric=rubric,
        observed=observed,
        observer=observer,
        customer_id=customer_id,
        channel=first.channel,
        store_id=first.store_id or observed.home_store_id,
        team_id=first.team_id,
        comment=draft.comment.strip(),
        observed_at=last.occurred_at,
    )
    observation.interactions.set(interactions)
    observation.notes.set(notes)
    observation.messages.set(messages)
    for score in scores:
        score.observation = observation
    Score.objects.bulk_create(scores)
    audit_record(
        actor=observer,
        action="observation.recorded",
        subject=observation,
        customer_id=customer_id,
        detail={"observed": observed.username, "rubric": rubric.pk},
    )
    assignments_recommend(learner=observed, today=timezone.localdate())
    return observation
