"""Handover notes over the API, each returned with its quality assessment."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Query, Router, Schema

from everthread.conversations.selectors import interaction_get, journey_of
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Staff
from everthread.core.permissions import customer_read_record, requires
from everthread.core.schemas import (
    AwareDateTime,
    CustomerRef,
    PageParams,
    StaffRef,
    TeamRef,
    answer_once,
    staff_named,
    team_coded,
)
from everthread.customers.models import Customer
from everthread.customers.selectors import customer_detail
from everthread.customers.services import customer_open
from everthread.notes.models import Note
from everthread.notes.selectors import note_detail, note_draft, notes_page
from everthread.notes.services import NoteDraft, SavedNote, note_save

router = Router(tags=["notes"])


class NoteIn(Schema):
    wants: str = Field(default="", description="What the customer wants, in their terms.")
    promised: str = Field(default="", description="What has been promised, with a date.")
    promised_by: str | None = Field(default=None, description="Username of who promised it.")
    tried: str = Field(default="", description="What has been tried already.")
    next_step: str = Field(default="", description="The agreed next step.")
    next_step_owner: str | None = Field(default=None, description="Username of its owner.")
    next_step_team: str | None = Field(
        default=None, description="Team code, when a team's queue owns the next step."
    )
    next_step_due: AwareDateTime | None = None
    body: str = Field(default="", description="Anything else, in free text.")
    sensitive: bool = Field(
        default=False,
        description="Health, family or personal circumstances: the text is then returned only "
        "to its author and to roles that see sensitive details.",
    )
    journey_id: int | None = None
    interaction_id: int | None = Field(default=None, description="The contact it records.")

    def draft(self, customer: Customer) -> NoteDraft:
        def staff(username: str | None, field: str) -> Any:
            return staff_named(username, field=field) if username else None

        return NoteDraft(
            wants=self.wants,
            promised=self.promised,
            promised_by=staff(self.promised_by, "promised_by"),
            tried=self.tried,
            next_step=self.next_step,
            next_step_owner=staff(self.next_step_owner, "next_step_owner"),
            next_step_team=team_coded(self.next_step_team, field="next_step_team")
            if self.next_step_team
            else None,
            next_step_due=self.next_step_due,
            body=self.body,
            sensitive=self.sensitive,
            journey=journey_of(customer=customer, journey_id=self.journey_id)
            if self.journey_id
            else None,
            interaction=interaction_get(interaction_id=self.interaction_id, customer_id=customer.pk)
            if self.interaction_id
            else None,
        )


class QualityOut(Schema):
    quality: str = Field(description="clear, factual, respectful, complete or sensitive.")
    passed: bool
    reasons: list[str] = Field(description="Why it falls short, one line each.")


class FindingOut(Schema):
    quality: str
    field: str = Field(description="The note's field it is about; empty for the whole note.")
    message: str
    excerpt: str = Field(description="The words concerned, as stored (already redacted).")


class RedactionOut(Schema):
    field: str
    kind: str = Field(description="What was removed: card number, security code, password, ...")


class AssessmentOut(Schema):
    score: int = Field(description="0 to 4: how many of clear, factual, respectful, complete.")
    qualities: list[QualityOut]
    findings: list[FindingOut]
    redactions: list[RedactionOut] = Field(
        description="What was taken out before saving; the removed values are never kept."
    )
    redaction_notice: str


class NextStepOut(Schema):
    followup_id: int
    owner: StaffRef | None
    team: TeamRef | None
    holder: str
    due_at: datetime.datetime
    status: str

    @staticmethod
    def resolve_followup_id(followup: Any) -> int:
        return int(followup.pk)


class NoteOut(Schema):
    id: int
    customer: CustomerRef
    author: StaffRef
    status: Note.Status = Field(description="draft until it says what a colleague needs.")
    missing: list[str] = Field(
        description="What keeps it a draft, in words; empty once it is saved."
    )
    wants: str
    promised: str
    promised_by: StaffRef | None
    tried: str
    next_step: str
    next_step_followup: NextStepOut | None = Field(
        description="The follow-up that carries the next step, once the note is saved."
    )
    body: str
    sensitive: bool
    withheld: bool = Field(
        description="True when the note is sensitive and your role may not read it: its text "
        "fields are then empty."
    )
    journey_id: int | None
    interaction_id: int | None
    assessment: AssessmentOut
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_missing(note: Note) -> list[str]:
        if note.status != Note.Status.DRAFT:
            return []
        return list(note.assessment.get("missing", []))

    @staticmethod
    def resolve_assessment(note: Note) -> dict[str, Any]:
        stored = note.assessment
        findings = stored.get("findings", [])
        return {
            "score": stored.get("score", note.quality_score),
            "qualities": [
                {
                    "quality": quality,
                    "passed": passed,
                    "reasons": [f["message"] for f in findings if f["quality"] == quality],
                }
                for quality, passed in stored.get("passed", {}).items()
            ],
            "findings": findings,
            "redactions": stored.get("redactions", []),
            "redaction_notice": stored.get("redaction_notice", ""),
        }


class NotePageOut(Schema):
    items: list[NoteOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: Any) -> list[Any]:
        return page.notes


def _saved(saved: SavedNote, *, viewer: Staff) -> NoteOut:
    """The note as saved, read back with its author, next step and assessment."""
    return NoteOut.from_orm(note_detail(note_id=saved.note.pk, viewer=viewer))


@router.post(
    "/customers/{customer_id}/notes",
    response={201: NoteOut},
    summary="Write a handover note; it comes back with its assessment, "
    "as a draft saying what is missing when it lacks the wants or the next step",
)
@requires(Capability.EDIT_CUSTOMERS)
def notes_write(request: StaffRequest, customer_id: int, payload: NoteIn) -> object:
    customer = customer_detail(customer_id=customer_id)

    def write() -> tuple[int, Schema]:
        saved = note_save(customer=customer, author=request.auth, draft=payload.draft(customer))
        return 201, _saved(saved, viewer=request.auth)

    return answer_once(request, write)


@router.get(
    "/customers/{customer_id}/notes",
    response=NotePageOut,
    summary="The customer's notes, newest first: every saved one and your own drafts",
)
@requires(Capability.VIEW_CUSTOMERS)
def notes_list(request: StaffRequest, customer_id: int, params: Query[PageParams]) -> object:
    customer_open(viewer=request.auth, customer_id=customer_id)
    return notes_page(
        customer_id=customer_id, viewer=request.auth, after=params.cursor, limit=params.limit
    )


@router.get("/notes/{note_id}", response=NoteOut, summary="Read a note with its assessment")
@requires(Capability.VIEW_CUSTOMERS)
def notes_read(request: StaffRequest, note_id: int) -> object:
    note = note_detail(note_id=note_id, viewer=request.auth)
    customer_read_record(viewer=request.auth, subject=note, customer_id=note.customer_id)
    return note


@router.put(
    "/notes/{note_id}",
    response=NoteOut,
    summary="Complete your own draft: send the whole note again",
)
@requires(Capability.EDIT_CUSTOMERS)
def notes_complete(request: StaffRequest, note_id: int, payload: NoteIn) -> object:
    note = note_draft(note_id=note_id, author=request.auth)
    saved = note_save(
        customer=note.customer,
        author=request.auth,
        draft=payload.draft(note.customer),
        note_id=note.pk,
    )
    return _saved(saved, viewer=request.auth)
