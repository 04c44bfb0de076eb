"""Coaching reads: a person's recent work and the automatic evidence on it, observations,
learning progress, mystery-shop results, and the one measure per behaviour that observations
and mystery shopping both feed (behaviour_scores)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Case, Count, F, FloatField, Q, QuerySet, When
from django.db.models.functions import Cast
from django.utils import timezone

from everthread.coaching.models import (
    Assignment,
    Behaviour,
    MysteryShopAnswer,
    MysteryShopForm,
    MysteryShopQuestion,
    MysteryShopVisit,
    Observation,
    Rubric,
    Score,
)
from everthread.conversations.models import Interaction
from everthread.core.models import Capability, Channel, Staff
from everthread.core.selectors import organisation_get
from everthread.message_templates.selectors import tone_check
from everthread.notes.assessment import NoteText, note_assess
from everthread.notes.models import Note
from everthread.outreach.selectors import StaffMessage, messages_by_staff

# Below this (of 100) a behaviour is a gap worth a module.
GAP_BELOW = 50.0
# What "lately" means for gaps: observations of the last quarter, the last notes written.
GAP_DAYS = 90
GAP_NOTES = 10
GAP_NOTES_AT_LEAST = 3
OBSERVATIONS_PER_PAGE = 10


def rubrics_current() -> list[Rubric]:
    """Every rubric's current version with its criteria: 2 queries."""
    return list(Rubric.objects.filter(is_current=True).prefetch_related("criteria"))


def rubric_get(*, rubric_id: int) -> Rubric | None:
    return Rubric.objects.prefetch_related("criteria").filter(pk=rubric_id).first()


@dataclass(frozen=True)
class RecentWork:
    interactions: list[Interaction]
    notes: list[Note]
    messages: list[StaffMessage]


def staff_recent_work(*, staff_id: int, limit: int = 15) -> RecentWork:
    """The person's latest interactions, saved notes and messages, newest first: 3 queries."""
    return RecentWork(
        interactions=list(
            Interaction.objects.filter(staff_id=staff_id)
            .select_related("customer")
            .order_by("-occurred_at", "-pk")[:limit]
        ),
        notes=list(
            Note.objects.filter(author_id=staff_id, status=Note.Status.FINAL)
            .select_related("customer")
            .order_by("-created_at", "-pk")[:limit]
        ),
        messages=messages_by_staff(staff_id=staff_id, limit=limit),
    )


@dataclass(frozen=True)
class NoteEvidence:
    note: Note
    score: int  # of 4: clear, factual, respectful, complete
    findings: list[dict[str, Any]]
    recomputed: bool


@dataclass(frozen=True)
class MessageEvidence:
    message: StaffMessage
    hints: list[dict[str, Any]]
    recomputed: bool


@dataclass(frozen=True)
class Evidence:
    """What the automatic review already said about a person's notes and messages."""

    notes: list[NoteEvidence]
    messages: list[MessageEvidence]
    hint_counts: dict[str, int] = field(default_factory=dict)

    @property
    def note_average(self) -> float | None:
        if not self.notes:
            return None
        return sum(evidence.score for evidence in self.notes) / len(self.notes)


def _note_evidence(note: Note, viewer: Staff) -> NoteEvidence:
    stored = note.assessment or {}
    recomputed = "score" not in stored
    if recomputed:
        stored = note_assess(
            NoteText(
                wants=note.wants,
                promised=note.promised,
                tried=note.tried,
                next_step=note.next_step,
                body=note.body,
            )
        ).as_dict()
    findings = list(stored.get("findings", []))
    if note.sensitive and not viewer.can(Capability.VIEW_SENSITIVE):
        # The findings quote the note's words; a sensitive note's words stay with its readers.
        note.withhold()
        findings = []
    return NoteEvidence(note, int(stored.get("score", note.quality_score)), findings, recomputed)


def _message_evidence(message: StaffMessage) -> MessageEvidence:
    if message.tone_hints:
        return MessageEvidence(message, list(message.tone_hints), False)
    hints = tone_check(
        text=message.body,
        channel=message.channel,
        organisation=organisation_get(),
        customer_id=message.customer_id,
        at=message.created_at,
    )
    return MessageEvidence(message, [hint.as_dict() for hint in hints], True)


def staff_evidence(
    *,
    staff_id: int,
    viewer: Staff,
    note_ids: list[int] | None = None,
    message_ids: list[int] | None = None,
    limit: int = 10,
) -> Evidence:
    """The note-quality assessments and tone-check hints stored with the person's latest
    notes and messages (or the ones given). Read from what is stored: 2 queries; only a
    row with nothing stored is assessed again (a message's tone check reads 2 more)."""
    notes = Note.objects.filter(author_id=staff_id, status=Note.Status.FINAL)
    if note_ids is not None:
        notes = notes.filter(pk__in=note_ids)
    note_rows = [
        _note_evidence(note, viewer)
        for note in notes.select_related("customer").order_by("-created_at", "-pk")[:limit]
    ]
    message_rows = [
        _message_evidence(message)
        for message in messages_by_staff(staff_id=staff_id, ids=message_ids, limit=limit)
    ]
    counts = Counter(hint["rule"] for row in message_rows for hint in row.hints)
    return Evidence(note_rows, message_rows, dict(counts.most_common()))


def observations_of(*, staff_id: int, page: int = 1) -> Page:
    """A page of the person's observations, newest first, with scores and links: 7 queries."""
    rows = (
        Observation.objects.filter(observed_id=staff_id)
        .select_related("rubric", "observer", "customer")
        .prefetch_related("scores__criterion", "interactions", "notes", "messages")
        .order_by("-observed_at", "-pk")
    )
    return Paginator(rows, OBSERVATIONS_PER_PAGE).get_page(page)


def observation_get(*, observation_id: int) -> Observation | None:
    return (
        Observation.objects.select_related("rubric", "observer", "observed", "customer")
        .prefetch_related("scores__criterion", "interactions", "notes", "messages")
        .filter(pk=observation_id)
        .first()
    )


def observations_recent(*, limit: int = 20) -> list[Observation]:
    return list(
        Observation.objects.select_related("rubric", "observer", "observed")
        .prefetch_related("scores__criterion")
        .order_by("-observed_at", "-pk")[:limit]
    )


def _score_percent() -> Any:
    """A rubric score as 0-100: 1 is 0, the top of the rubric's scale is 100."""
    return (
        Cast(F("value") - 1, FloatField())
        * 100.0
        / Cast(F("criterion__rubric__scale_max") - 1, FloatField())
    )


def _answer_percent() -> Any:
    """A mystery-shop answer as 0-100: yes is 100, no 0; a scale's 1 is 0 and its 5 is 100."""
    return Case(
        When(
            question__kind=MysteryShopQuestion.Kind.YES_NO, then=Cast("value", FloatField()) * 100
        ),
        default=Cast(F("value") - 1, FloatField()) * 25.0,
        output_field=FloatField(),
    )


@dataclass(frozen=True)
class BehaviourScore:
    """One behaviour's measure: observations and mystery-shop answers, each 0-100."""

    behaviour: str
    label: str
    observation_scores: int
    observation_percent: float | None
    mystery_answers: int
    mystery_percent: float | None

    @property
    def count(self) -> int:
        return self.observation_scores + self.mystery_answers

    @property
    def percent(self) -> float | None:
        """Both sources together, each score or answer counting once; None when unmeasured."""
        if not self.count:
            return None
        total = (self.observation_percent or 0) * self.observation_scores + (
            self.mystery_percent or 0
        ) * self.mystery_answers
        return total / self.count


@dataclass(frozen=True)
class Where:
    """The filters behaviour_scores takes, for both of its sources. ``store_ids`` and
    ``team_ids``, when either is given, keep to rows at one of those stores or in one of
    those teams (a manager's own)."""

    store_id: int | None = None
    team_id: int | None = None
    channel: str | None = None
    staff_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    store_ids: Collection[int] | None = None
    team_ids: Collection[int] | None = None


def _narrowed(
    rows: QuerySet[Any], where: Where, *, in_teams: Callable[[list[int]], Q], staff: str, day: str
) -> QuerySet[Any]:
    """``rows`` (observations or visits) narrowed by ``where``; ``in_teams`` says what puts a
    row in teams by id, ``staff`` and ``day`` name the row's person and date lookups."""

    def teams(ids: list[int]) -> Q:
        # A subquery, not a join: someone in two matching places must not count twice.
        return Q(pk__in=rows.model.objects.filter(in_teams(ids)).values("pk"))

    if where.store_id is not None:
        rows = rows.filter(store_id=where.store_id)
    if where.team_id is not None:
        rows = rows.filter(teams([where.team_id]))
    if where.store_ids is not None or where.team_ids is not None:
        rows = rows.filter(
            Q(store_id__in=sorted(where.store_ids or ())) | teams(sorted(where.team_ids or ()))
        )
    if where.channel:
        rows = rows.filter(channel=where.channel)
    if where.staff_id is not None:
        rows = rows.filter(**{staff: where.staff_id})
    if where.since is not None:
        rows = rows.filter(**{f"{day}__gte": where.since})
    if where.until is not None:
        rows = rows.filter(**{f"{day}__lte": where.until})
    return rows


def _observations_filtered(where: Where) -> QuerySet[Observation]:
    return _narrowed(
        Observation.objects.all(),
        where,
        in_teams=lambda ids: Q(team_id__in=ids) | Q(observed__teams__in=ids),
        staff="observed_id",
        day="observed_at__date",
    )


def _visits_filtered(where: Where) -> QuerySet[MysteryShopVisit]:
    return _narrowed(
        MysteryShopVisit.objects.all(),
        where,
        in_teams=lambda ids: Q(staff__teams__in=ids) | Q(store__teams__in=ids),
        staff="staff_id",
        day="visited_on",
    )


def behaviour_scores(
    *,
    store_id: int | None = None,
    team_id: int | None = None,
    channel: str | None = None,
    staff_id: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    store_ids: Collection[int] | None = None,
    team_ids: Collection[int] | None = None,
) -> list[BehaviourScore]:
    """How well each of the seven behaviours is done, from observations and mystery shopping.

    Every rubric score becomes 0-100 on its own rubric's scale (1 is 0, the top is 100),
    every scored mystery-shop answer too (yes 100, no 0; a 1-5 scale's 1 is 0 and 5 is 100);
    free-text answers are not scored. Filters narrow both sources alike:

    - ``store_id``: the observation's store (its first interaction's, else the observed
      person's home store) or the visit's store;
    - ``team_id``: the observation's team or the observed person's teams; the visit's store's
      teams or the observed person's;
    - ``channel``: the observation's first interaction's channel, or the visit's;
    - ``staff_id``: the person observed (on a visit, when the shopper knew who served them);
    - ``since`` / ``until``: inclusive dates of the contact observed or the visit;
    - ``store_ids`` / ``team_ids``: only rows at one of those stores or in one of those
      teams, as above (the stores and teams a manager looks after).

    Returns one row per behaviour in the seed's order, unmeasured ones with zero counts and
    ``None`` percentages (show them as not measured, never as zero). 2 queries.
    """
    where = Where(store_id, team_id, channel, staff_id, since, until, store_ids, team_ids)
    observed = {
        row["criterion__behaviour"]: row
        for row in Score.objects.filter(observation__in=_observations_filtered(where))
        .values("criterion__behaviour")
        .annotate(n=Count("pk"), percent=Avg(_score_percent()))
    }
    shopped = {
        row["question__behaviour"]: row
        for row in MysteryShopAnswer.objects.filter(
            visit__in=_visits_filtered(where), value__isnull=False
        )
        .exclude(question__behaviour="")
        .values("question__behaviour")
        .annotate(n=Count("pk"), percent=Avg(_answer_percent()))
    }
    return [
        BehaviourScore(
            behaviour=behaviour.value,
            label=behaviour.label,
            observation_scores=observed.get(behaviour, {}).get("n", 0),
            observation_percent=observed.get(behaviour, {}).get("percent"),
            mystery_answers=shopped.get(behaviour, {}).get("n", 0),
            mystery_percent=shopped.get(behaviour, {}).get("percent"),
        )
        for behaviour in Behaviour
    ]


@dataclass(frozen=True)
class Gap:
    behaviour: str
    percent: float
    reason: str


def behaviour_gaps(*, staff_id: int, now: datetime.datetime | None = None) -> list[Gap]:
    """Behaviours where the person's recent observations average below GAP_BELOW, and the
    documentation behaviour (summarising next steps) when their latest notes' quality does."""
    now = now or timezone.now()
    gaps: dict[str, Gap] = {}
    for score in behaviour_scores(
        staff_id=staff_id, since=(now - datetime.timedelta(days=GAP_DAYS)).date()
    ):
        if score.observation_scores and (score.observation_percent or 0) < GAP_BELOW:
            gaps[score.behaviour] = Gap(
                score.behaviour,
                score.observation_percent or 0,
                f"Observations score {score.label.lower()} at "
                f"{score.observation_percent:.0f}% of the rubric.",
            )
    qualities = list(
        Note.objects.filter(author_id=staff_id, status=Note.Status.FINAL)
        .order_by("-created_at", "-pk")
        .values_list("quality_score", flat=True)[:GAP_NOTES]
    )
    percent = 25.0 * sum(qualities) / len(qualities) if qualities else 100.0
    notes_gap = Behaviour.SUMMARISE_NEXT_STEPS
    if len(qualities) >= GAP_NOTES_AT_LEAST and percent < GAP_BELOW and notes_gap not in gaps:
        gaps[notes_gap] = Gap(
            notes_gap,
            percent,
            f"The last {len(qualities)} notes average {sum(qualities) / len(qualities):.1f} "
            "of 4 for quality.",
        )
    return list(gaps.values())


def assignments_of(*, learner_id: int) -> list[Assignment]:
    """The learner's modules, open ones first by due date, with questions and answers."""
    return list(
        Assignment.objects.filter(learner_id=learner_id)
        .select_related("module")
        .prefetch_related("module__questions", "answers")
        .order_by(F("completed_at").desc(nulls_first=True), F("due_on").asc(nulls_last=True))
    )


def assignment_get(*, assignment_id: int, learner_id: int) -> Assignment | None:
    return (
        Assignment.objects.select_related("module")
        .prefetch_related("module__questions", "answers")
        .filter(pk=assignment_id, learner_id=learner_id)
        .first()
    )


@dataclass
class Progress:
    learner: Staff
    assigned: int = 0
    completed: int = 0
    overdue: list[Assignment] = field(default_factory=list)


def learning_progress(*, today: datetime.date, team_id: int | None = None) -> list[Progress]:
    """Completion by person (of a team, or everyone), with the modules each has overdue: 1 query."""
    rows = Assignment.objects.select_related("learner", "module").order_by(
        "learner__first_name", "learner__last_name", "learner_id", "due_on", "pk"
    )
    if team_id is not None:
        rows = rows.filter(learner__teams=team_id)
    people: dict[int, Progress] = {}
    for assignment in rows:
        progress = people.setdefault(assignment.learner_id, Progress(assignment.learner))
        progress.assigned += 1
        if assignment.completed_at is not None:
            progress.completed += 1
        elif assignment.due_on is not None and assignment.due_on < today:
            progress.overdue.append(assignment)
    return list(people.values())


def mystery_shop_forms() -> list[MysteryShopForm]:
    return list(
        MysteryShopForm.objects.prefetch_related("questions").annotate(visit_count=Count("visits"))
    )


def mystery_shop_form_get(*, form_id: int) -> MysteryShopForm | None:
    return MysteryShopForm.objects.prefetch_related("questions").filter(pk=form_id).first()


@dataclass(frozen=True)
class ResultRow:
    behaviour: str
    store: str
    channel: str
    answers: int
    percent: float


def mystery_shop_results(
    *,
    form_id: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> list[ResultRow]:
    """Scored answers per behaviour, store and channel, 0-100 as behaviour_scores counts them:
    1 query."""
    visits = _visits_filtered(Where(since=since, until=until))
    if form_id is not None:
        visits = visits.filter(form_id=form_id)
    rows = (
        MysteryShopAnswer.objects.filter(visit__in=visits, value__isnull=False)
        .exclude(question__behaviour="")
        .values("question__behaviour", "visit__store__name", "visit__channel")
        .annotate(n=Count("pk"), percent=Avg(_answer_percent()))
        .order_by("question__behaviour", "visit__store__name", "visit__channel")
    )
    order = {behaviour: index for index, behaviour in enumerate(Behaviour.values)}
    ordered = sorted(
        rows,
        key=lambda row: (
            order[row["question__behaviour"]],
            row["visit__store__name"] or "",
            row["visit__channel"],
        ),
    )
    return [
        ResultRow(
            behaviour=Behaviour(row["question__behaviour"]).label,
            store=row["visit__store__name"] or "No store",
            channel=Channel(row["visit__channel"]).label,
            answers=row["n"],
            percent=row["percent"],
        )
        for row in ordered
    ]


@dataclass(frozen=True)
class ObserveSubject:
    """What an observation opened from one interaction can link: that person's other
    contacts, notes and messages with the same customer, newest first."""

    interaction: Interaction
    interactions: list[Interaction]
    notes: list[Note]
    messages: list[StaffMessage]


def observe_subject(*, interaction_id: int, limit: int = 10) -> ObserveSubject | None:
    """4 queries; None when there is no such interaction or nobody handled it."""
    interaction = (
        Interaction.objects.select_related("customer", "staff", "store", "team")
        .filter(pk=interaction_id, staff__isnull=False)
        .first()
    )
    if interaction is None or interaction.staff_id is None:
        return None
    mine = {"customer_id": interaction.customer_id}
    return ObserveSubject(
        interaction=interaction,
        interactions=list(
            Interaction.objects.filter(staff_id=interaction.staff_id, **mine)
            .exclude(pk=interaction.pk)
            .order_by("-occurred_at", "-pk")[:limit]
        ),
        notes=list(
            Note.objects.filter(
                author_id=interaction.staff_id, status=Note.Status.FINAL, **mine
            ).order_by("-created_at", "-pk")[:limit]
        ),
        messages=messages_by_staff(
            staff_id=interaction.staff_id, customer_id=interaction.customer_id, limit=limit
        ),
    )
