"""Practice over the API: scenarios, attempts in the sandbox (notes, messages, submit,
handover), candidate links, and the coach's reviews."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Router, Schema

from everthread.coaching.models import PracticeAttempt, PracticeScenario
from everthread.coaching.practice.links import guest_url
from everthread.coaching.practice.persona import CONSENT_STATES, Persona
from everthread.coaching.practice.selectors import (
    attempt_for,
    attempt_of_learner,
    attempts_of,
    attempts_to_review,
    scenario_get,
    scenarios_list,
)
from everthread.coaching.practice.services import (
    ScenarioDraft,
    StepDraft,
    attempt_hand_over,
    attempt_review,
    attempt_start,
    attempt_submit,
    guest_attempt_create,
    practice_message_send,
    practice_note_write,
    scenario_create,
    scenario_update,
)
from everthread.consent.models import Purpose
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.core.schemas import (
    AwareDateTime,
    StaffRef,
    answer_once,
    staff_named,
    team_coded,
)
from everthread.notes.services import NoteDraft

router = Router(tags=["coaching"])


class StepIn(Schema):
    kind: str = Field(description="inbound, outbound, note or followup.")
    text: str
    channel: str = ""
    minutes_before: int = Field(default=0, description="How long before the attempt starts.")
    author: str = Field(default="", description="The colleague in the story, by name.")
    due_in_minutes: int | None = Field(
        default=None, description="A follow-up's due time after the start; negative: overdue."
    )


class ScenarioIn(Schema):
    title: str
    situation: str
    channel: str
    rubric_id: int
    persona: Persona = Field(
        description="given_name (required), family_name, email, phone, social, "
        "preferred_channel, language, time_zone, preferences, notes, and consents: "
        f"“channel:purpose” -> one of {', '.join(CONSENT_STATES)}."
    )
    steps: list[StepIn]

    def draft(self) -> ScenarioDraft:
        return ScenarioDraft(
            title=self.title,
            situation=self.situation,
            channel=self.channel,
            rubric_id=self.rubric_id,
            persona=self.persona,
            steps=[StepDraft(**step.dict()) for step in self.steps],
        )


class StepOut(Schema):
    kind: str
    text: str
    channel: str
    minutes_before: int
    author: str
    due_in_minutes: int | None


class ScenarioOut(Schema):
    id: int
    title: str
    situation: str
    channel: str
    rubric_id: int
    persona: dict[str, Any]
    steps: list[StepOut]


class ScenarioLineOut(Schema):
    id: int
    title: str
    channel: str
    persona_name: str


class ScenarioPageOut(Schema):
    items: list[ScenarioLineOut]
    page: int
    pages: int


class EntryOut(Schema):
    id: int
    occurred_at: datetime.datetime
    kind: str
    channel: str
    title: str
    text: str
    detail: dict[str, Any]
    by_learner: bool


class PracticeScoreOut(Schema):
    behaviour: str
    source: str = Field(description="automatic or coach.")
    value: int
    reason: str


class AttemptOut(Schema):
    id: int
    scenario_id: int
    learner: StaffRef | None
    candidate_name: str
    status: str
    started_at: datetime.datetime
    submitted_at: datetime.datetime | None
    handover_from_id: int | None
    rubric_id: int | None
    comment: str
    entries: list[EntryOut]
    scores: list[PracticeScoreOut]

    @staticmethod
    def resolve_entries(attempt: PracticeAttempt) -> list[Any]:
        return list(attempt.entries.order_by("occurred_at", "pk"))

    @staticmethod
    def resolve_scores(attempt: PracticeAttempt) -> list[dict[str, Any]]:
        return [
            {
                "behaviour": s.criterion.behaviour,
                "source": s.source,
                "value": s.value,
                "reason": s.reason,
            }
            for s in attempt.scores.select_related("criterion")
        ]


class AttemptLineOut(Schema):
    id: int
    scenario_id: int
    learner: StaffRef | None
    candidate_name: str
    status: str
    started_at: datetime.datetime
    submitted_at: datetime.datetime | None


class AttemptPageOut(Schema):
    items: list[AttemptLineOut]
    page: int
    pages: int


def _page_of(found: Any) -> dict[str, Any]:
    return {"items": list(found), "page": found.number, "pages": found.paginator.num_pages}


def _scenario_out(scenario: PracticeScenario) -> ScenarioOut:
    return ScenarioOut.from_orm(scenario_get(scenario_id=scenario.pk))


@router.get(
    "/coaching/practice/scenarios", response=ScenarioPageOut, summary="Scenarios to practise"
)
@requires(Capability.PRACTISE)
def scenarios_read(request: StaffRequest, page: int = 1) -> object:
    return _page_of(scenarios_list(page=page))


@router.post(
    "/coaching/practice/scenarios",
    response={201: ScenarioOut},
    summary="Write a scenario: a persona and the starting history a learner continues",
)
@requires(Capability.COACH_STAFF)
def scenarios_write(request: StaffRequest, payload: ScenarioIn) -> object:
    def write() -> tuple[int, Schema]:
        return 201, _scenario_out(scenario_create(actor=request.auth, draft=payload.draft()))

    return answer_once(request, write)


@router.get(
    "/coaching/practice/scenarios/{scenario_id}", response=ScenarioOut, summary="One scenario"
)
@requires(Capability.PRACTISE)
def scenario_read(request: StaffRequest, scenario_id: int) -> object:
    return scenario_get(scenario_id=scenario_id)


@router.put(
    "/coaching/practice/scenarios/{scenario_id}",
    response=ScenarioOut,
    summary="Rewrite a scenario; attempts already started keep the history they were given",
)
@requires(Capability.COACH_STAFF)
def scenario_write(request: StaffRequest, scenario_id: int, payload: ScenarioIn) -> object:
    scenario = scenario_update(actor=request.auth, scenario_id=scenario_id, draft=payload.draft())
    return _scenario_out(scenario)


@router.post(
    "/coaching/practice/scenarios/{scenario_id}/attempts",
    response={201: AttemptOut},
    summary="Start the scenario in the sandbox",
)
@requires(Capability.PRACTISE)
def attempts_start(request: StaffRequest, scenario_id: int) -> object:
    def write() -> tuple[int, Schema]:
        return 201, AttemptOut.from_orm(
            attempt_start(learner=request.auth, scenario_id=scenario_id)
        )

    return answer_once(request, write)


class CandidateLinkIn(Schema):
    candidate_name: str
    hours: int = Field(default=48, description="How long the link works, 1 to 336 hours.")


class CandidateLinkOut(Schema):
    attempt_id: int
    url: str
    expires_at: datetime.datetime


@router.post(
    "/coaching/practice/scenarios/{scenario_id}/candidate-links",
    response={201: CandidateLinkOut},
    summary="A time-limited guest link for a hiring candidate to run the scenario",
)
@requires(Capability.COACH_STAFF)
def candidate_links_create(
    request: StaffRequest, scenario_id: int, payload: CandidateLinkIn
) -> object:
    def write() -> tuple[int, Schema]:
        attempt = guest_attempt_create(
            actor=request.auth,
            scenario_id=scenario_id,
            candidate_name=payload.candidate_name,
            hours=payload.hours,
        )
        return 201, CandidateLinkOut(
            attempt_id=attempt.pk,
            url=guest_url(attempt),
            expires_at=attempt.link_expires_at or attempt.started_at,
        )

    return answer_once(request, write)


@router.get(
    "/coaching/practice/attempts", response=AttemptPageOut, summary="Your attempts, newest first"
)
@requires(Capability.PRACTISE)
def attempts_mine(request: StaffRequest, page: int = 1) -> object:
    return _page_of(attempts_of(learner_id=request.auth.pk, page=page))


@router.get(
    "/coaching/practice/attempts/{attempt_id}",
    response=AttemptOut,
    summary="One attempt with its timeline and scores: yours, or any for a coach",
)
@requires(Capability.PRACTISE)
def attempt_read(request: StaffRequest, attempt_id: int) -> object:
    return attempt_for(attempt_id=attempt_id, viewer=request.auth)


class PracticeNoteIn(Schema):
    wants: str = ""
    promised: str = ""
    tried: str = ""
    next_step: str = ""
    next_step_owner: str | None = Field(default=None, description="Username of its owner.")
    next_step_team: str | None = Field(default=None, description="Team code of its queue.")
    next_step_due: AwareDateTime | None = None
    body: str = ""

    def draft(self) -> NoteDraft:
        return NoteDraft(
            wants=self.wants,
            promised=self.promised,
            tried=self.tried,
            next_step=self.next_step,
            next_step_owner=staff_named(self.next_step_owner, field="next_step_owner")
            if self.next_step_owner
            else None,
            next_step_team=team_coded(self.next_step_team, field="next_step_team")
            if self.next_step_team
            else None,
            next_step_due=self.next_step_due,
            body=self.body,
        )


@router.post(
    "/coaching/practice/attempts/{attempt_id}/notes",
    response={201: EntryOut},
    summary="A handover note in the sandbox, assessed as a real one",
)
@requires(Capability.PRACTISE)
def attempt_notes(request: StaffRequest, attempt_id: int, payload: PracticeNoteIn) -> object:
    attempt = attempt_of_learner(attempt_id=attempt_id, learner=request.auth)

    def write() -> tuple[int, Schema]:
        entry = practice_note_write(
            attempt_id=attempt.pk, actor=request.auth, draft=payload.draft()
        )
        return 201, EntryOut.from_orm(entry)

    return answer_once(request, write)


class PracticeMessageIn(Schema):
    channel: str = Field(description="A channel the composer sends by, or the scenario's chat.")
    purpose: str = Field(default=Purpose.SERVICE)
    subject: str = ""
    body: str
    send_anyway: bool = Field(default=False, description="Send despite the tone hints.")


class PracticeSentOut(Schema):
    entry: EntryOut
    outcome: str = Field(description="allowed, held or refused; empty for a live chat reply.")
    reasons: list[str]


@router.post(
    "/coaching/practice/attempts/{attempt_id}/messages",
    response={201: PracticeSentOut},
    summary="Send from the sandbox composer: tone check and the gate's rules, never an outbox",
)
@requires(Capability.PRACTISE)
def attempt_messages(request: StaffRequest, attempt_id: int, payload: PracticeMessageIn) -> object:
    attempt = attempt_of_learner(attempt_id=attempt_id, learner=request.auth)

    def write() -> tuple[int, Schema]:
        sent = practice_message_send(
            attempt_id=attempt.pk,
            actor=request.auth,
            channel=payload.channel,
            purpose=payload.purpose,
            subject=payload.subject,
            body=payload.body,
            send_anyway=payload.send_anyway,
        )
        return 201, PracticeSentOut(
            entry=EntryOut.from_orm(sent.entry), outcome=sent.outcome, reasons=sent.reasons
        )

    return answer_once(request, write)


@router.post(
    "/coaching/practice/attempts/{attempt_id}/submit",
    response=AttemptOut,
    summary="Submit the attempt: scored automatically, then waiting for the coach",
)
@requires(Capability.PRACTISE)
def attempt_hand_in(request: StaffRequest, attempt_id: int) -> object:
    attempt = attempt_of_learner(attempt_id=attempt_id, learner=request.auth)
    return AttemptOut.from_orm(attempt_submit(attempt_id=attempt.pk, actor=request.auth))


@router.post(
    "/coaching/practice/attempts/{attempt_id}/handover",
    response={201: AttemptOut},
    summary="Pick up from a colleague's submitted attempt (handover practice)",
)
@requires(Capability.PRACTISE)
def attempt_pick_up(request: StaffRequest, attempt_id: int) -> object:
    def write() -> tuple[int, Schema]:
        return 201, AttemptOut.from_orm(
            attempt_hand_over(learner=request.auth, attempt_id=attempt_id)
        )

    return answer_once(request, write)


@router.get(
    "/coaching/practice/reviews",
    response=AttemptPageOut,
    summary="Attempts waiting for review (status=submitted, oldest first) or reviewed",
)
@requires(Capability.COACH_STAFF)
def reviews_read(request: StaffRequest, status: str = "submitted", page: int = 1) -> object:
    status = status if status in ("submitted", "reviewed") else "submitted"
    return _page_of(attempts_to_review(page=page, status=status))


class ReviewIn(Schema):
    scores: dict[str, int] = Field(description="Behaviour -> 1 to the rubric's scale_max.")
    comment: str = ""


@router.post(
    "/coaching/practice/attempts/{attempt_id}/review",
    response=AttemptOut,
    summary="The coach's scores per behaviour and comment, on the rubric version scored",
)
@requires(Capability.COACH_STAFF)
def attempt_review_write(request: StaffRequest, attempt_id: int, payload: ReviewIn) -> object:
    attempt = attempt_review(
        coach=request.auth, attempt_id=attempt_id, scores=payload.scores, comment=payload.comment
    )
    return AttemptOut.from_orm(attempt)
