"""Practice reads: scenarios, attempts by learner and to review, and the sandbox as the real
timeline templates read it. Everything here reads practice tables only."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from everthread.coaching.errors import AttemptNotFound, ScenarioNotFound
from everthread.coaching.models import PracticeAttempt, PracticeEntry, PracticeScenario
from everthread.coaching.practice.persona import Persona
from everthread.core.models import Capability, Staff

PER_PAGE = 20
Status = PracticeAttempt.Status


def scenarios_list(*, page: int = 1, include_archived: bool = False) -> Page:
    """A page of scenarios by title, each with how many history steps and attempts: 2 queries."""
    rows = PracticeScenario.objects.select_related("rubric").annotate(
        step_count=Count("steps", distinct=True), attempt_count=Count("attempts", distinct=True)
    )
    if not include_archived:
        rows = rows.filter(is_archived=False)
    return Paginator(rows.order_by("title", "pk"), PER_PAGE).get_page(page)


def scenario_get(*, scenario_id: int) -> PracticeScenario:
    scenario = (
        PracticeScenario.objects.select_related("rubric")
        .prefetch_related("steps")
        .filter(pk=scenario_id)
        .first()
    )
    if scenario is None:
        raise ScenarioNotFound(f"There is no practice scenario {scenario_id}.")
    return scenario


def _attempts() -> QuerySet[PracticeAttempt]:
    return PracticeAttempt.objects.select_related(
        "scenario", "learner", "reviewed_by", "handover_from__learner"
    )


def attempts_of(*, learner_id: int, page: int = 1) -> Page:
    """A learner's attempts, newest first: 2 queries."""
    rows = _attempts().filter(learner_id=learner_id).order_by("-started_at", "-pk")
    return Paginator(rows, PER_PAGE).get_page(page)


def attempts_to_review(*, page: int = 1, status: str = Status.SUBMITTED) -> Page:
    """Submitted attempts waiting for a coach, oldest first (or reviewed ones, newest first)."""
    rows = _attempts().filter(status=status)
    order = ("submitted_at", "pk") if status == Status.SUBMITTED else ("-reviewed_at", "-pk")
    return Paginator(rows.order_by(*order), PER_PAGE).get_page(page)


def attempts_to_pick_up(*, learner_id: int, page: int = 1) -> Page:
    """Colleagues' submitted attempts a learner can continue from (never a candidate's)."""
    rows = (
        _attempts()
        .filter(learner__isnull=False)
        .exclude(learner_id=learner_id)
        .exclude(status=Status.IN_PROGRESS)
        .order_by("-submitted_at", "-pk")
    )
    return Paginator(rows, PER_PAGE).get_page(page)


def attempt_for(*, attempt_id: int, viewer: Staff) -> PracticeAttempt:
    """The attempt, if the viewer may open it: their own, or any for a coach."""
    attempt = (
        _attempts()
        .select_related("rubric", "created_by")
        .prefetch_related("scores__criterion", "rubric__criteria")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None or not (
        attempt.learner_id == viewer.pk or viewer.can(Capability.COACH_STAFF)
    ):
        raise AttemptNotFound(f"There is no practice attempt {attempt_id} of yours.")
    return attempt


def attempt_of_learner(*, attempt_id: int, learner: Staff) -> PracticeAttempt:
    """The learner's own attempt: a coach reads others' attempts, never writes in them."""
    attempt = attempt_for(attempt_id=attempt_id, viewer=learner)
    if attempt.learner_id != learner.pk:
        raise AttemptNotFound(f"There is no practice attempt {attempt_id} of yours.")
    return attempt


@dataclass(frozen=True)
class TimelinePage:
    entries: list[PracticeEntry]
    next_cursor: str | None = None


@dataclass(frozen=True)
class SandboxTimeline:
    """What conversations/_timeline_entries.html reads, for an attempt instead of a customer."""

    page: TimelinePage
    actions: tuple[str, ...] = ()
    channel: str = ""
    journey: str = ""


@dataclass(frozen=True)
class ScoreRow:
    behaviour: str
    label: str
    automatic: int | None
    automatic_reason: str
    coach: int | None


@dataclass(frozen=True)
class Sandbox:
    attempt: PracticeAttempt
    persona: Persona
    section: SandboxTimeline
    scores: list[ScoreRow] = field(default_factory=list)


def sandbox_of(attempt: PracticeAttempt) -> Sandbox:
    """The persona, the attempt's timeline newest first, and its scores by behaviour: 2 queries
    beyond the attempt's own."""
    entries = list(attempt.entries.order_by("-occurred_at", "-pk"))
    rows: list[ScoreRow] = []
    if attempt.rubric is not None:
        given = {(s.criterion_id, s.source): s for s in attempt.scores.all()}
        for criterion in attempt.rubric.criteria.all():
            auto = given.get((criterion.pk, "automatic"))
            coach = given.get((criterion.pk, "coach"))
            rows.append(
                ScoreRow(
                    criterion.behaviour,
                    criterion.label,
                    auto.value if auto else None,
                    auto.reason if auto else "",
                    coach.value if coach else None,
                )
            )
    return Sandbox(
        attempt, Persona.of(attempt.scenario), SandboxTimeline(TimelinePage(entries)), rows
    )
