"""The handover note form: the structure a colleague needs to continue."""

from __future__ import annotations

from typing import Any

from django import forms

from everthread.conversations.forms import JourneyField, JourneyFormMixin
from everthread.conversations.models import Journey
from everthread.core.models import Staff
from everthread.core.selectors import staff_list
from everthread.customers.forms import DomainErrorForm
from everthread.followups.forms import DueField, HolderField, chosen_holder
from everthread.notes.models import Note
from everthread.notes.services import NoteDraft

_AREA = {"rows": 3}


class NoteForm(JourneyFormMixin, DomainErrorForm):
    wants = forms.CharField(
        widget=forms.Textarea(attrs=_AREA),
        required=False,
        label="What the customer wants",
        help_text="In their words where you can: the need, the occasion, the deadline.",
    )
    promised = forms.CharField(
        widget=forms.Textarea(attrs=_AREA),
        required=False,
        label="What has been promised",
        help_text="Who will do what, by when.",
    )
    promised_by = forms.ModelChoiceField(queryset=staff_list(), required=False, label="Promised by")
    tried = forms.CharField(
        widget=forms.Textarea(attrs=_AREA), required=False, label="What has been tried"
    )
    next_step = forms.CharField(max_length=300, required=False, label="Agreed next step")
    next_step_holder = HolderField(required=False, label="Next step owner")
    next_step_due = DueField(required=False, label="Next step due")
    body = forms.CharField(
        widget=forms.Textarea(attrs=_AREA), required=False, label="Anything else"
    )
    sensitive = forms.BooleanField(
        required=False,
        label="Sensitive",
        help_text="Health, family or other personal circumstances: only you and roles that may "
        "see sensitive details will read it; colleagues see that a note exists.",
    )
    journey = JourneyField()

    def __init__(self, *args: Any, journeys: list[Journey], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_journeys(journeys)

    @classmethod
    def for_note(cls, note: Note, *, journeys: list[Journey]) -> NoteForm:
        initial = {
            "wants": note.wants,
            "promised": note.promised,
            "promised_by": note.promised_by_id,
            "tried": note.tried,
            "next_step": note.next_step,
            "body": note.body,
            "sensitive": note.sensitive,
            "journey": str(note.journey_id or ""),
        }
        return cls(initial=initial, journeys=journeys)

    def error_field(self, field: str) -> str:
        return {"owner": "next_step_holder", "due_at": "next_step_due", "title": "next_step"}.get(
            field, field
        )

    def draft(self) -> NoteDraft:
        # A narrowed copy of the form (the practice sandbox) may leave out the journey,
        # who promised and the sensitive flag.
        data = self.cleaned_data
        owner, team = chosen_holder(self, "next_step_holder")
        promised_by: Staff | None = data.get("promised_by")
        return NoteDraft(
            wants=data["wants"],
            promised=data["promised"],
            promised_by=promised_by,
            tried=data["tried"],
            next_step=data["next_step"],
            next_step_owner=owner,
            next_step_team=team,
            next_step_due=data["next_step_due"],
            body=data["body"],
            sensitive=data.get("sensitive", False),
            journey=self.chosen_journey() if "journey" in self.fields else None,
        )
