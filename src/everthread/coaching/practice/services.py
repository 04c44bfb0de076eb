"""Every practice write: scenarios, attempts in the sandbox, submitting, reviewing, handover
and candidate links.

Isolation is structural: these functions write only the practice tables (scenarios, steps,
attempts, entries, scores) and the audit log about staff. They call no service that
writes a customer, an interaction, a note, a follow-up, a consent event or a message, and
a practice message is judged by the gate's rules on the persona's stated consent
(``outreach_rules``), which read and write nothing.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from everthread.coaching.errors import (
    AttemptClosed,
    AttemptNotFound,
    InvalidPractice,
    InvalidScenario,
    PracticeLinkExpired,
    RubricNotFound,
    ScenarioNotFound,
)
from everthread.coaching.models import (
    PracticeAttempt,
    PracticeEntry,
    PracticeScenario,
    PracticeScore,
    PracticeStep,
    Rubric,
)
from everthread.coaching.practice.persona import (
    LIVE_CHANNELS,
    Persona,
    persona_gate,
    persona_tone_hints,
)
from everthread.coaching.practice.scoring import MessageWork, NoteWork, practice_auto_scores
from everthread.coaching.services.rubrics import rubric_scores_check
from everthread.consent.models import ConsentChannel, Purpose
from everthread.core.models import Channel, Staff
from everthread.core.services import audit_record
from everthread.message_templates.tone import WARNING
from everthread.notes.assessment import note_assess
from everthread.notes.services import NoteDraft
from everthread.outreach.errors import ToneHintsPresent
from everthread.outreach.services import SENDABLE

Status = PracticeAttempt.Status
Kind = PracticeStep.Kind
# A candidate's link lasts at least an hour and at most a fortnight.
LINK_HOURS = (1, 14 * 24)


@dataclass(frozen=True)
class StepDraft:
    kind: str
    text: str
    channel: str = ""
    minutes_before: int = 0
    author: str = ""
    due_in_minutes: int | None = None


@dataclass(frozen=True)
class ScenarioDraft:
    title: str
    situation: str
    channel: str
    rubric_id: int
    persona: Persona
    steps: Sequence[StepDraft] = field(default_factory=tuple)


def _scenario_check(draft: ScenarioDraft) -> Rubric:
    if not draft.title.strip():
        raise InvalidScenario("Give the scenario a title.", field="title")
    if not draft.situation.strip():
        raise InvalidScenario("Tell the learner the situation they walk into.", field="situation")
    if draft.channel not in Channel.values:
        raise InvalidScenario(f"{draft.channel!r} is not a channel.", field="channel")
    draft.persona.check(refuse=InvalidScenario)
    rubric = Rubric.objects.filter(pk=draft.rubric_id).first()
    if rubric is None:
        raise RubricNotFound(f"There is no rubric {draft.rubric_id}.", field="rubric_id")
    if not draft.steps:
        raise InvalidScenario(
            "Write the starting history: at least one message, note or follow-up for the "
            "learner to continue from.",
            field="steps",
        )
    for number, step in enumerate(draft.steps, start=1):
        _step_check(number, step)
    return rubric


def _step_check(number: int, step: StepDraft) -> None:
    if step.kind not in Kind.values:
        raise InvalidScenario(
            f"Step {number}: {step.kind!r} is not one of {', '.join(Kind.values)}.", field="steps"
        )
    if not step.text.strip():
        raise InvalidScenario(f"Step {number} needs its text.", field="steps")
    messaging = step.kind in (Kind.INBOUND, Kind.OUTBOUND)
    if messaging and step.channel not in Channel.values:
        raise InvalidScenario(
            f"Step {number}: say which channel the message came by.", field="steps"
        )
    if step.kind == Kind.FOLLOWUP and step.due_in_minutes is None:
        raise InvalidScenario(
            f"Step {number}: say when the follow-up is due (negative minutes: already overdue).",
            field="steps",
        )
    if step.minutes_before < 0:
        raise InvalidScenario(f"Step {number}: minutes before the start cannot be negative.")


def _steps_write(scenario: PracticeScenario, steps: Sequence[StepDraft]) -> None:
    PracticeStep.objects.bulk_create(
        PracticeStep(
            scenario=scenario,
            position=position,
            kind=step.kind,
            channel=step.channel,
            minutes_before=step.minutes_before,
            author=step.author.strip(),
            text=step.text.strip(),
            due_in_minutes=step.due_in_minutes if step.kind == Kind.FOLLOWUP else None,
        )
        for position, step in enumerate(steps)
    )


@transaction.atomic
def scenario_create(*, actor: Staff, draft: ScenarioDraft) -> PracticeScenario:
    rubric = _scenario_check(draft)
    scenario = PracticeScenario.objects.create(
        title=draft.title.strip(),
        situation=draft.situation.strip(),
        channel=draft.channel,
        persona=draft.persona.as_dict(),
        rubric=rubric,
        created_by=actor,
    )
    _steps_write(scenario, draft.steps)
    audit_record(actor=actor, action="practice_scenario.created", subject=scenario)
    return scenario


@transaction.atomic
def scenario_update(*, actor: Staff, scenario_id: int, draft: ScenarioDraft) -> PracticeScenario:
    """Rewrite the scenario. Attempts already started keep the history they were given: each
    copied it when it began."""
    rubric = _scenario_check(draft)
    scenario = PracticeScenario.objects.select_for_update().filter(pk=scenario_id).first()
    if scenario is None:
        raise ScenarioNotFound(f"There is no practice scenario {scenario_id}.")
    scenario.title, scenario.situation = draft.title.strip(), draft.situation.strip()
    scenario.channel, scenario.persona, scenario.rubric = (
        draft.channel,
        draft.persona.as_dict(),
        rubric,
    )
    scenario.save()
    scenario.steps.all().delete()
    _steps_write(scenario, draft.steps)
    audit_record(actor=actor, action="practice_scenario.updated", subject=scenario)
    return scenario


def _step_entry(step: PracticeStep, attempt: PracticeAttempt) -> PracticeEntry:
    """A step of the history as a line of the sandbox timeline, as the real apps write it."""
    at = attempt.started_at - datetime.timedelta(minutes=step.minutes_before)
    line = PracticeEntry(attempt=attempt, occurred_at=at, channel=step.channel, text=step.text)
    if step.kind in (Kind.INBOUND, Kind.OUTBOUND):
        line.kind, line.title = "interaction", step.text.splitlines()[0][:120]
        line.detail = {"direction": step.kind, "staff": step.author, "store": "", "team": ""}
    elif step.kind == Kind.NOTE:
        assessment = note_assess(NoteDraft(body=step.text).text())
        line.kind, line.title, line.text = "note", f"Handover note by {step.author}", step.text
        line.detail = {"quality_score": assessment.score, "next_step_holder": ""}
    else:
        due = attempt.started_at + datetime.timedelta(minutes=step.due_in_minutes or 0)
        line.kind, line.title, line.text, line.channel = "followup", step.text, "", ""
        line.detail = {
            "kind": "task",
            "status": "open",
            "holder": step.author,
            "created_by": step.author,
            "due_at": due.isoformat(),
            "escalated": due < attempt.started_at,
        }
    return line


def _attempt_begin(
    scenario: PracticeScenario, *, created_by: Staff, **fields: object
) -> PracticeAttempt:
    attempt = PracticeAttempt.objects.create(
        scenario=scenario, created_by=created_by, started_at=timezone.now(), **fields
    )
    PracticeEntry.objects.bulk_create(
        _step_entry(step, attempt) for step in scenario.steps.order_by("position", "pk")
    )
    return attempt


def _scenario_open(scenario_id: int) -> PracticeScenario:
    scenario = PracticeScenario.objects.filter(pk=scenario_id, is_archived=False).first()
    if scenario is None:
        raise ScenarioNotFound(f"There is no practice scenario {scenario_id} to start.")
    if not scenario.steps.exists():
        raise InvalidScenario(
            f"“{scenario}” has no starting history yet: a coach writes it before anyone starts."
        )
    return scenario


@transaction.atomic
def attempt_start(*, learner: Staff, scenario_id: int) -> PracticeAttempt:
    """Start the scenario in the sandbox: its history is copied into the attempt."""
    scenario = _scenario_open(scenario_id)
    attempt = _attempt_begin(scenario, created_by=learner, learner=learner)
    audit_record(actor=learner, action="practice.started", subject=attempt)
    return attempt


@transaction.atomic
def attempt_hand_over(*, learner: Staff, attempt_id: int) -> PracticeAttempt:
    """Pick up from a colleague's submitted attempt: the scenario's history plus what they
    wrote, in the order they wrote it, ending just now, as a shift handover reads."""
    source = (
        PracticeAttempt.objects.select_related("scenario", "learner")
        .filter(pk=attempt_id, learner__isnull=False)
        .exclude(status=Status.IN_PROGRESS)
        .first()
    )
    if source is None:
        raise AttemptNotFound(f"There is no submitted practice attempt {attempt_id} to pick up.")
    if source.learner_id == learner.pk:
        raise InvalidPractice(
            "Pick up a colleague's attempt: handover practice is from someone else."
        )
    attempt = _attempt_begin(
        source.scenario, created_by=learner, learner=learner, handover_from=source
    )
    shift = attempt.started_at - (source.submitted_at or attempt.started_at)
    PracticeEntry.objects.bulk_create(
        PracticeEntry(
            attempt=attempt,
            occurred_at=entry.occurred_at + shift,
            kind=entry.kind,
            channel=entry.channel,
            title=entry.title,
            text=entry.text,
            detail=entry.detail,
        )
        for entry in source.entries.filter(by_learner=True).order_by("occurred_at", "pk")
        # A message the gate refused never reached the customer: the next shift does not see it.
        if entry.detail.get("gate") != "refused"
    )
    audit_record(
        actor=learner, action="practice.picked_up", subject=attempt, detail={"from": source.pk}
    )
    return attempt


@transaction.atomic
def guest_attempt_create(
    *, actor: Staff, scenario_id: int, candidate_name: str, hours: int
) -> PracticeAttempt:
    """An attempt for a hiring candidate, reachable only through a signed link that expires."""
    scenario = _scenario_open(scenario_id)
    if not candidate_name.strip():
        raise InvalidPractice("Give the candidate's name.", field="candidate_name")
    low, high = LINK_HOURS
    if not low <= hours <= high:
        raise InvalidPractice(
            f"A candidate link lasts {low} to {high} hours; {hours} is not.", field="hours"
        )
    attempt = _attempt_begin(
        scenario,
        created_by=actor,
        candidate_name=candidate_name.strip()[:120],
        link_nonce=secrets.token_hex(16),
        link_expires_at=timezone.now() + datetime.timedelta(hours=hours),
    )
    audit_record(actor=actor, action="practice.candidate_invited", subject=attempt)
    return attempt


def _open_attempt(attempt_id: int) -> PracticeAttempt:
    """The attempt, locked, if it can still be written to."""
    attempt = (
        PracticeAttempt.objects.select_for_update(of=("self",))
        .select_related("scenario", "learner")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        raise AttemptNotFound(f"There is no practice attempt {attempt_id}.")
    if not attempt.is_open:
        when = timezone.localtime(attempt.submitted_at) if attempt.submitted_at else None
        raise AttemptClosed(
            f"This attempt was submitted{f' on {when:%-d %B at %H:%M}' if when else ''}: "
            "nothing more can be added. Start a new attempt to practise again."
        )
    if attempt.link_expires_at is not None and attempt.link_expires_at <= timezone.now():
        raise PracticeLinkExpired(
            "This practice link has expired: ask the person who sent it for a new one."
        )
    return attempt


@transaction.atomic
def practice_note_write(*, attempt_id: int, actor: Staff | None, draft: NoteDraft) -> PracticeEntry:
    """A handover note in the sandbox: assessed and redacted as a real one, written only to
    the attempt; a next step with an owner and due time becomes a practice follow-up."""
    attempt = _open_attempt(attempt_id)
    assessment = note_assess(draft.text())
    text = assessment.note
    if not any(
        part.strip() for part in (text.wants, text.promised, text.tried, text.next_step, text.body)
    ):
        raise InvalidPractice(
            "Write the note: what the customer wants, what was promised, and the next step.",
            field="wants",
        )
    now, writer = timezone.now(), attempt.who
    holder = text.next_step_owner
    owned = bool(text.next_step and holder and text.next_step_due)
    note = PracticeEntry.objects.create(
        attempt=attempt,
        occurred_at=now,
        kind="note",
        title=f"Handover note by {writer}",
        text=text.body,
        by_learner=True,
        detail={
            "wants": text.wants,
            "promised": text.promised,
            "promised_by": text.promised_by,
            "tried": text.tried,
            "next_step": text.next_step,
            "next_step_holder": holder if owned else "",
            "quality_score": assessment.score,
            "owned_next_step": owned,
            "assessment": {k: v for k, v in assessment.as_dict().items() if k != "note"},
        },
    )
    if owned and text.next_step_due is not None:
        PracticeEntry.objects.create(
            attempt=attempt,
            occurred_at=now,
            kind="followup",
            title=text.next_step,
            by_learner=True,
            detail={
                "kind": "task",
                "status": "open",
                "holder": holder,
                "created_by": writer,
                "due_at": text.next_step_due.isoformat(),
                "escalated": False,
            },
        )
    audit_record(actor=actor, action="practice.note_written", subject=attempt)
    return note


@dataclass(frozen=True)
class PracticeSent:
    """What the sandbox did with a message: the gate's outcome on the persona's consent."""

    entry: PracticeEntry
    outcome: str  # "allowed", "held", "refused", or "" for a reply in a live chat
    reasons: list[str]


def _message_check(attempt: PracticeAttempt, channel: str, purpose: str, body: str) -> None:
    live = channel in LIVE_CHANNELS and channel == attempt.scenario.channel
    if not live and channel not in SENDABLE:
        raise InvalidPractice(
            f"“{channel}” is not a channel you can answer by here.", field="channel"
        )
    if purpose not in Purpose.values:
        raise InvalidPractice(f"“{purpose}” is not a purpose.", field="purpose")
    if not body.strip():
        raise InvalidPractice("Write the message.", field="body")


@transaction.atomic
def practice_message_send(
    *,
    attempt_id: int,
    actor: Staff | None,
    channel: str,
    purpose: str,
    body: str,
    subject: str = "",
    send_anyway: bool = False,
) -> PracticeSent:
    """Send from the sandbox composer: the tone check and the gate's rules run as for a real
    message, on the persona's history and stated consent, and the message stays in the
    attempt. Nothing reaches an outbox or a provider."""
    attempt = _open_attempt(attempt_id)
    _message_check(attempt, channel, purpose, body)
    persona, now = Persona.of(attempt.scenario), timezone.now()
    on_timeline = SENDABLE.get(channel, channel)
    hints = persona_tone_hints(attempt=attempt, channel=on_timeline, body=body, at=now)
    warnings = [hint for hint in hints if hint.severity == WARNING]
    if warnings and not send_anyway:
        raise ToneHintsPresent(
            f"The tone check has {len(warnings)} suggestion{'s' if len(warnings) > 1 else ''} "
            f"for this message to {persona.greeting}: change it, or send anyway.",
            field="body",
            hints=[hint.as_dict() for hint in hints],
        )
    outcome, reasons = (
        persona_gate(persona, channel=channel, purpose=purpose, at=now)
        if channel in ConsentChannel.values
        else ("", [])
    )
    first = body.strip().splitlines()[0][:120]
    entry = PracticeEntry.objects.create(
        attempt=attempt,
        occurred_at=now,
        kind="interaction",
        channel=on_timeline,
        title=f"Not sent, the gate refused: {first}" if outcome == "refused" else first,
        text=(f"{subject.strip()}\n\n" if subject.strip() else "") + body.strip(),
        by_learner=True,
        detail={
            "direction": "outbound",
            "staff": attempt.who,
            "store": "",
            "team": "",
            "purpose": purpose,
            "gate": outcome,
            "reasons": reasons,
            "hints": [hint.as_dict() for hint in hints],
            "sent_anyway": bool(warnings),
        },
    )
    audit_record(actor=actor, action="practice.message_written", subject=attempt)
    return PracticeSent(entry, outcome, reasons)


def _evidence(attempt: PracticeAttempt) -> tuple[list[NoteWork], list[MessageWork]]:
    notes, messages = [], []
    for entry in attempt.entries.filter(by_learner=True).order_by("occurred_at", "pk"):
        if entry.kind == "note":
            notes.append(
                NoteWork(
                    int(entry.detail.get("quality_score", 0)),
                    bool(entry.detail.get("owned_next_step")),
                )
            )
        elif entry.kind == "interaction":
            messages.append(
                MessageWork(
                    warnings=tuple(
                        hint["rule"]
                        for hint in entry.detail.get("hints", [])
                        if hint.get("severity") == WARNING
                    ),
                    gate=entry.detail.get("gate", ""),
                    gate_reasons=tuple(entry.detail.get("reasons", [])),
                )
            )
    return notes, messages


@transaction.atomic
def attempt_submit(*, attempt_id: int, actor: Staff | None) -> PracticeAttempt:
    """Hand the attempt in: scored automatically on the current version of the scenario's
    rubric where the evidence allows, then waiting for the coach's review."""
    attempt = _open_attempt(attempt_id)
    notes, messages = _evidence(attempt)
    if not notes and not messages:
        raise InvalidPractice(
            "Write a note or a message before you submit: there is nothing to score yet."
        )
    rubric = (
        Rubric.objects.prefetch_related("criteria")
        .filter(slug=attempt.scenario.rubric.slug, is_current=True)
        .first()
    )
    if rubric is None:
        raise RubricNotFound("The scenario's rubric no longer exists: ask a coach to choose one.")
    criteria = {criterion.behaviour: criterion for criterion in rubric.criteria.all()}
    scores = practice_auto_scores(
        behaviours=list(criteria), scale_max=rubric.scale_max, notes=notes, messages=messages
    )
    PracticeScore.objects.bulk_create(
        PracticeScore(
            attempt=attempt,
            criterion=criteria[score.behaviour],
            source=PracticeScore.Source.AUTOMATIC,
            value=score.value,
            reason=score.reason[:300],
        )
        for score in scores
    )
    attempt.status, attempt.submitted_at, attempt.rubric = Status.SUBMITTED, timezone.now(), rubric
    attempt.save(update_fields=["status", "submitted_at", "rubric"])
    audit_record(actor=actor, action="practice.submitted", subject=attempt)
    return attempt


@transaction.atomic
def attempt_review(
    *, coach: Staff, attempt_id: int, scores: Mapping[str, int], comment: str = ""
) -> PracticeAttempt:
    """The coach's scores per behaviour and comment, on the rubric version it was scored on."""
    attempt = (
        PracticeAttempt.objects.select_for_update(of=("self",))
        .select_related("rubric")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        raise AttemptNotFound(f"There is no practice attempt {attempt_id}.")
    if attempt.status == Status.IN_PROGRESS or attempt.rubric is None:
        raise InvalidPractice("This attempt is still in progress: review it once it is submitted.")
    if attempt.status == Status.REVIEWED:
        raise AttemptClosed(f"{attempt.reviewed_by} has already reviewed this attempt.")
    if attempt.learner_id == coach.pk:
        raise InvalidPractice("Review a colleague's attempt, not your own.")
    checked = rubric_scores_check(attempt.rubric, scores, refuse=InvalidPractice)
    PracticeScore.objects.bulk_create(
        PracticeScore(
            attempt=attempt, criterion=criterion, source=PracticeScore.Source.COACH, value=value
        )
        for criterion, value in checked
    )
    attempt.status, attempt.reviewed_by = Status.REVIEWED, coach
    attempt.reviewed_at, attempt.comment = timezone.now(), comment.strip()
    attempt.save(update_fields=["status", "reviewed_by", "reviewed_at", "comment"])
    audit_record(actor=coach, action="practice.reviewed", subject=attempt)
    return attempt
