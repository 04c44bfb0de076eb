"""Writes for handover notes: assess, redact, save, and open the next step's follow-up."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import TimelineLine, timeline_write
from everthread.core.models import Staff, Team
from everthread.core.services import audit_record
from everthread.customers.models import Customer
from everthread.followups.models import FollowUp
from everthread.followups.services import FollowUpDraft, followup_open
from everthread.notes.assessment import Assessment, NoteText, note_assess
from everthread.notes.errors import NoteNotEditable, NoteNotFound
from everthread.notes.models import Note


@dataclass(frozen=True)
class NoteDraft:
    wants: str = ""
    promised: str = ""
    promised_by: Staff | None = None
    tried: str = ""
    next_step: str = ""
    next_step_owner: Staff | None = None
    next_step_team: Team | None = None
    next_step_due: datetime.datetime | None = None
    body: str = ""
    sensitive: bool = False
    journey: Journey | None = None
    interaction: Interaction | None = None

    def text(self) -> NoteText:
        holder = self.next_step_owner or self.next_step_team
        return NoteText(
            wants=self.wants,
            promised=self.promised,
            promised_by=str(self.promised_by or ""),
            tried=self.tried,
            next_step=self.next_step,
            next_step_owner=f"{holder}" if holder else "",
            next_step_due=self.next_step_due,
            body=self.body,
        )


@dataclass(frozen=True)
class SavedNote:
    note: Note
    assessment: Assessment
    # Why it stayed a draft, in words; empty when it was saved for colleagues to read.
    missing: tuple[str, ...]


def note_save(
    *, customer: Customer, author: Staff, draft: NoteDraft, note_id: int | None = None
) -> SavedNote:
    """Save a new note, or complete the author's draft.

    Payment data is redacted before anything is stored. A note that lacks what a
    colleague needs to continue (the wants, a next step with an owner and a due
    time) is kept as the author's draft and says what is missing.
    """
    with transaction.atomic():
        note = _editable(note_id, author=author, customer=customer) if note_id else None
        assessment = note_assess(draft.text())
        missing = _missing(draft, assessment)
        note = _store(note, customer=customer, author=author, draft=draft, assessment=assessment)
        note.status = Note.Status.DRAFT if missing else Note.Status.FINAL
        # Kept with the draft: re-read later, it still says what it lacks (an owner, a due
        # time), which the assessment of its text alone cannot know.
        note.assessment["missing"] = list(missing)
        if not missing:
            note.next_step_followup = followup_open(
                customer=customer,
                actor=author,
                draft=FollowUpDraft(
                    title=assessment.note.next_step,
                    due_at=draft.next_step_due,
                    owner=draft.next_step_owner,
                    team=draft.next_step_team,
                    # The owner needs the step; what was promised stays in the note.
                    detail="" if draft.sensitive else assessment.note.promised,
                    journey=draft.journey,
                    interaction=draft.interaction,
                ),
            )
        note.save()
        if note.status == Note.Status.FINAL:
            timeline_write(note_line(note))
        audit_record(
            actor=author,
            action=f"note.{note.status}",
            subject=note,
            customer_id=customer.pk,
            detail={"redacted": [r.kind for r in assessment.redactions]},
        )
    return SavedNote(note=note, assessment=assessment, missing=missing)


def _editable(note_id: int, *, author: Staff, customer: Customer) -> Note:
    note = Note.objects.select_for_update().filter(pk=note_id, customer=customer).first()
    if note is None:
        raise NoteNotFound(f"{customer} has no note with id {note_id}.")
    if note.author_id != author.pk or note.status != Note.Status.DRAFT:
        raise NoteNotEditable()
    return note


def _missing(draft: NoteDraft, assessment: Assessment) -> tuple[str, ...]:
    missing = list(assessment.missing_for_final)
    if draft.next_step.strip():
        if draft.next_step_owner is None and draft.next_step_team is None:
            missing.append("who owns the next step")
        if draft.next_step_due is None:
            missing.append("when the next step is due")
        elif draft.next_step_due < timezone.now():
            missing.append("a due time for the next step that has not passed yet")
    return tuple(missing)


def _store(
    note: Note | None,
    *,
    customer: Customer,
    author: Staff,
    draft: NoteDraft,
    assessment: Assessment,
) -> Note:
    text = assessment.note  # the redacted text: the only version that is stored
    note = note or Note(customer=customer, author=author, created_at=timezone.now())
    note.journey, note.interaction = draft.journey, draft.interaction
    note.wants, note.promised, note.tried = text.wants, text.promised, text.tried
    note.promised_by = draft.promised_by
    note.next_step, note.body = text.next_step, text.body
    note.sensitive = draft.sensitive
    # The note's own fields hold its (redacted) text; the assessment keeps only the verdict.
    verdict = {key: value for key, value in assessment.as_dict().items() if key != "note"}
    note.assessment, note.quality_score = verdict, assessment.score
    return note


def note_line(note: Note) -> TimelineLine:
    followup: FollowUp | None = note.next_step_followup
    holder = followup.holder if followup else ""
    if note.sensitive:
        # The timeline is read by every role: it says a sensitive note exists, not what it says.
        title, text = f"Sensitive note by {note.author}", ""
        detail: dict[str, object] = {"sensitive": True, "next_step_holder": holder}
    else:
        title, text = f"Handover note by {note.author}", note.body
        detail = {
            "wants": note.wants,
            "promised": note.promised,
            "promised_by": str(note.promised_by or ""),
            "tried": note.tried,
            "next_step": note.next_step,
            "next_step_holder": holder,
            "next_step_due": followup.due_at.isoformat() if followup else "",
            "findings": note.assessment.get("findings", []),
        }
    return TimelineLine(
        kind="note",
        object_id=note.pk,
        customer_id=note.customer_id,
        occurred_at=note.created_at,
        title=title,
        text=text,
        journey_id=note.journey_id,
        staff_id=note.author_id,
        detail={**detail, "quality_score": note.quality_score},
    )
