"""Web forms for logging a contact and moving a journey on."""

from __future__ import annotations

from django import forms

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import InteractionDraft, JourneyStart
from everthread.core.models import Channel
from everthread.customers.forms import DomainErrorForm

NO_JOURNEY, NEW_JOURNEY = "", "new"


class InteractionForm(DomainErrorForm):
    channel = forms.ChoiceField(choices=Channel.choices)
    direction = forms.ChoiceField(choices=Interaction.Direction.choices)
    summary = forms.CharField(max_length=300, help_text="One line a colleague can scan.")
    body = forms.CharField(widget=forms.Textarea, required=False, label="What was said")
    journey = forms.ChoiceField(required=False, label="Part of")
    journey_kind = forms.ChoiceField(
        choices=Journey.Kind.choices, required=False, label="New journey's kind"
    )
    journey_title = forms.CharField(max_length=200, required=False, label="New journey's title")

    def __init__(self, *args: object, journeys: list[Journey], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.journeys = {str(journey.pk): journey for journey in journeys if journey.is_open}
        self.fields["journey"].choices = [
            (NO_JOURNEY, "No journey"),
            *[(pk, f"Continue: {journey.title}") for pk, journey in self.journeys.items()],
            (NEW_JOURNEY, "Start a new journey"),
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("journey") == NEW_JOURNEY and not data.get("journey_title", "").strip():
            self.add_error("journey_title", "Give the new journey a title colleagues will know.")
        return data

    def draft(self) -> InteractionDraft:
        data = self.cleaned_data
        return InteractionDraft(
            channel=data["channel"],
            direction=data["direction"],
            summary=data["summary"],
            body=data["body"],
        )

    def continues(self) -> Journey | None:
        return self.journeys.get(self.cleaned_data["journey"])

    def starts(self) -> JourneyStart | None:
        if self.cleaned_data["journey"] != NEW_JOURNEY:
            return None
        return JourneyStart(
            kind=self.cleaned_data["journey_kind"] or Journey.Kind.GENERAL,
            title=self.cleaned_data["journey_title"],
        )


class JourneyForm(DomainErrorForm):
    status = forms.ChoiceField(choices=Journey.Status.choices)
    where_it_stands = forms.CharField(max_length=300, required=False, label="Where it stands")
