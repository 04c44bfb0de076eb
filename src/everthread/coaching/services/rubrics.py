"""Writing rubrics: a version that has been scored is never rewritten; editing it makes the next."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from everthread.coaching.errors import InvalidRubric, RubricNotFound
from everthread.coaching.models import Behaviour, Criterion, Rubric
from everthread.core.errors import DomainError
from everthread.core.models import Staff
from everthread.core.services import audit_record

SCALE_LIMITS = (2, 10)


@dataclass(frozen=True)
class CriterionDraft:
    behaviour: str
    label: str
    guidance: str = ""


@dataclass(frozen=True)
class RubricDraft:
    name: str
    criteria: Sequence[CriterionDraft]
    description: str = ""
    scale_max: int = 4


def _rubric_check(draft: RubricDraft) -> None:
    if not draft.name.strip():
        raise InvalidRubric("Give the rubric a name.", field="name")
    low, high = SCALE_LIMITS
    if not low <= draft.scale_max <= high:
        raise InvalidRubric(
            f"Scores run from 1 to between {low} and {high}; {draft.scale_max} is not.",
            field="scale_max",
        )
    if not draft.criteria:
        raise InvalidRubric("A rubric scores at least one behaviour.", field="criteria")
    seen: set[str] = set()
    for criterion in draft.criteria:
        if criterion.behaviour not in Behaviour.values:
            raise InvalidRubric(
                f"{criterion.behaviour!r} is not a behaviour; use one of "
                f"{', '.join(Behaviour.values)}.",
                field="criteria",
            )
        if criterion.behaviour in seen:
            raise InvalidRubric(
                f"{Behaviour(criterion.behaviour).label} is in the rubric twice.",
                field="criteria",
            )
        if not criterion.label.strip():
            raise InvalidRubric(
                f"Say what {Behaviour(criterion.behaviour).label} looks like.", field="criteria"
            )
        seen.add(criterion.behaviour)


def _criteria_write(rubric: Rubric, criteria: Sequence[CriterionDraft]) -> None:
    Criterion.objects.bulk_create(
        Criterion(
            rubric=rubric,
            behaviour=criterion.behaviour,
            label=criterion.label.strip(),
            guidance=criterion.guidance.strip(),
            position=position,
        )
        for position, criterion in enumerate(criteria)
    )


@transaction.atomic
def rubric_create(*, actor: Staff, draft: RubricDraft, slug: str = "") -> Rubric:
    _rubric_check(draft)
    slug = slug or slugify(draft.name)[:60]
    if Rubric.objects.filter(slug=slug).exists():
        raise InvalidRubric(
            f"There is already a rubric called {draft.name!r}: edit it instead.", field="name"
        )
    rubric = Rubric.objects.create(
        slug=slug,
        name=draft.name.strip(),
        description=draft.description.strip(),
        scale_max=draft.scale_max,
        created_by=actor,
    )
    _criteria_write(rubric, draft.criteria)
    audit_record(actor=actor, action="rubric.created", subject=rubric)
    return rubric


@transaction.atomic
def rubric_update(*, actor: Staff, rubric_id: int, draft: RubricDraft) -> Rubric:
    """Change the rubric. Once a version has observations (or scored practice) its words and
    scale are what those scores mean, so the change becomes the next version and the old one
    stays as it was."""
    _rubric_check(draft)
    rubric = Rubric.objects.select_for_update().filter(pk=rubric_id).first()
    if rubric is None:
        raise RubricNotFound(f"There is no rubric {rubric_id}.")
    if not rubric.is_current:
        raise InvalidRubric(f"{rubric} has a newer version: edit that one.", field="rubric_id")
    # Practice attempts are scored on it too: their scores keep its words as observations do.
    if rubric.observations.exists() or rubric.practice_attempts.exists():
        Rubric.objects.filter(pk=rubric.pk).update(is_current=False)
        rubric = Rubric.objects.create(
            slug=rubric.slug,
            version=rubric.version + 1,
            name=draft.name.strip(),
            description=draft.description.strip(),
            scale_max=draft.scale_max,
            created_by=actor,
        )
        action = "rubric.versioned"
    else:
        rubric.name = draft.name.strip()
        rubric.description = draft.description.strip()
        rubric.scale_max = draft.scale_max
        rubric.save(update_fields=["name", "description", "scale_max"])
        rubric.criteria.all().delete()
        action = "rubric.updated"
    _criteria_write(rubric, draft.criteria)
    audit_record(actor=actor, action=action, subject=rubric)
    return rubric


def rubric_scores_check(
    rubric: Rubric, scores: Mapping[str, int], *, refuse: type[DomainError]
) -> list[tuple[Criterion, int]]:
    """Each score with its criterion, or ``refuse`` saying which is not on the rubric or
    outside its scale: an observation and a practice review are scored alike."""
    criteria = {criterion.behaviour: criterion for criterion in rubric.criteria.all()}
    if not scores:
        raise refuse("Score at least one behaviour.", field="scores")
    checked = []
    for behaviour, value in scores.items():
        criterion = criteria.get(behaviour)
        if criterion is None:
            name = Behaviour(behaviour).label if behaviour in Behaviour.values else behaviour
            raise refuse(
                f"{name!r} is not on {rubric}: score only "
                f"{', '.join(c.get_behaviour_display() for c in criteria.values())}.",
                field=f"scores.{behaviour}",
            )
        if not 1 <= value <= rubric.scale_max:
            raise refuse(
                f"{criterion.get_behaviour_display()} is scored from 1 to {rubric.scale_max}; "
                f"{value} is outside the rubric.",
                field=f"scores.{behaviour}",
            )
        checked.append((criterion, value))
    return checked
