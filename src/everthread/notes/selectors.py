"""Reads of handover notes."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from everthread.core.models import Capability, Staff
from everthread.core.pagination import time_keyset_page
from everthread.notes.errors import NoteNotEditable, NoteNotFound
from everthread.notes.models import Note


def note_detail(*, note_id: int, viewer: Staff) -> Note:
    """A note as ``viewer`` may see it: drafts only by their author; 1 query."""
    note = (
        Note.objects.select_related(
            "customer",
            "author",
            "promised_by",
            "journey",
            "next_step_followup__owner",
            "next_step_followup__team",
        )
        .filter(pk=note_id)
        .first()
    )
    if note is None or (note.status == Note.Status.DRAFT and note.author_id != viewer.pk):
        raise NoteNotFound(f"There is no note with id {note_id}.")
    return _as_seen_by(note, viewer)


def _as_seen_by(note: Note, viewer: Staff) -> Note:
    """A sensitive note's text only for its author and roles that see sensitive details."""
    if note.sensitive and note.author_id != viewer.pk and not viewer.can(Capability.VIEW_SENSITIVE):
        note.withhold()
    return note


def drafts_of(*, author: Staff, customer_id: int | None = None) -> list[Note]:
    notes = Note.objects.filter(author=author, status=Note.Status.DRAFT).select_related("customer")
    if customer_id is not None:
        notes = notes.filter(customer_id=customer_id)
    return list(notes.order_by("-updated_at")[:20])


@dataclass(frozen=True)
class NotePage:
    notes: list[Note]
    next_cursor: str | None


def notes_page(
    *, customer_id: int, viewer: Staff, after: str | None = None, limit: int | None = None
) -> NotePage:
    """A customer's saved notes and ``viewer``'s own drafts, newest first; 1 query a page."""
    notes = (
        Note.objects.filter(customer_id=customer_id)
        .filter(Q(status=Note.Status.FINAL) | Q(author=viewer))
        .select_related(
            "customer",
            "author",
            "promised_by",
            "next_step_followup__owner",
            "next_step_followup__team",
        )
    )
    page, next_cursor = time_keyset_page(
        notes, by="created_at", after=after, limit=limit or settings.PAGE_SIZE, newest_first=True
    )
    return NotePage(notes=[_as_seen_by(note, viewer) for note in page], next_cursor=next_cursor)


def note_draft(*, note_id: int, author: Staff) -> Note:
    """The author's own draft, to complete; a saved note is part of the record."""
    note = note_detail(note_id=note_id, viewer=author)
    if note.status != Note.Status.DRAFT or note.author_id != author.pk:
        raise NoteNotEditable()
    return note
