"""Web forms for logging a contact and moving a journey on."""

from __future__ import annotations

from django import forms

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import InteractionDraft, JourneyStart
from everthread.core.models import Channel
from everthread.customers.forms import DomainErrorForm

NO_JOURNEY, NEW_JOURNEY = "", "new"


class JourneyField(forms.ChoiceField):
    """One of the customer's open journeys, or none: what a contact, note or follow-up joins."""

    def __init__(self, *, verb: str = "", can_start: bool = False, **kwargs: object) -> None:
        super().__init__(required=False, label="Part of", **kwargs)  # type: ignore[arg-type]
        self.verb, self.can_start = verb, can_start
        self.journeys: dict[str, Journey] = {}

    def offer(self, journeys: list[Journey]) -> None:
        self.journeys = {str(journey.pk): journey for journey in journeys if journey.is_open}
        self.choices = [
            (NO_JOURNEY, "No journey"),
            *[(pk, f"{self.verb}{journey.title}") for pk, journey in self.journeys.items()],
            *([(NEW_JOURNEY, "Start a new journey")] if self.can_start else []),
        ]

    def journey(self, value: str) -> Journey | None:
        return self.journeys.get(value)


class JourneyFormMixin(forms.Form):
    """A form whose ``journey`` field offers the customer's open journeys."""

    def offer_journeys(self, journeys: list[Journey]) -> None:
        self.journey_field.offer(journeys)

    @property
    def journey_field(self) -> JourneyField:
        field = self.fields["journey"]
        assert isinstance(field, JourneyField)
        return field

    def chosen_journey(self) -> Journey | None:
        return self.journey_field.journey(self.cleaned_data.get("journey") or "")


class InteractionForm(JourneyFormMixin, DomainErrorForm):
    channel = forms.ChoiceField(choices=Channel.choices)
    direction = forms.ChoiceField(choices=Interaction.Direction.choices)
    summary = forms.CharField(max_length=300, help_text="One line a colleague can scan.")
    body = forms.CharField(widget=forms.Textarea, required=False, label="What was said")
    journey = JourneyField(verb="Continue: ", can_start=True)
    journey_kind = forms.ChoiceField(
        choices=Journey.Kind.choices, required=False, label="New journey's kind"
    )
    journey_title = forms.CharField(max_length=200, required=False, label="New journey's title")

    def __init__(self, *args: object, journeys: list[Journey], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.offer_journeys(journeys)

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
        return self.chosen_journey()

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
