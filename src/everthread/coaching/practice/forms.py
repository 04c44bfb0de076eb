"""Practice web forms: a scenario with its persona and starting history, a candidate link,
and the sandbox's note form and composer, which are the real ones narrowed to practice."""

from __future__ import annotations

from typing import Any

from django import forms

from everthread.coaching.models import PracticeScenario, PracticeStep, Rubric
from everthread.coaching.practice.persona import CONSENT_STATES, LIVE_CHANNELS, Persona
from everthread.coaching.practice.services import ScenarioDraft, StepDraft
from everthread.consent.models import ConsentChannel, Purpose
from everthread.core.models import Channel, Team
from everthread.customers.forms import DomainErrorForm
from everthread.notes.forms import NoteForm
from everthread.outreach.forms import ComposeForm
from everthread.outreach.services import SENDABLE

_AREA = {"rows": 3}
PERSONA_FIELDS = (
    "given_name",
    "family_name",
    "email",
    "phone",
    "social",
    "preferred_channel",
    "language",
    "time_zone",
    "preferences",
    "notes",
)


class ScenarioForm(DomainErrorForm):
    title = forms.CharField(max_length=160)
    situation = forms.CharField(
        widget=forms.Textarea(attrs=_AREA), help_text="What the learner is told before they start."
    )
    channel = forms.ChoiceField(choices=Channel.choices, help_text="Where the learner picks it up.")
    rubric = forms.ModelChoiceField(
        queryset=Rubric.objects.filter(is_current=True),
        help_text="What the attempts are scored on.",
    )
    given_name = forms.CharField(max_length=100, label="Persona's first name")
    family_name = forms.CharField(max_length=100, required=False, label="Persona's last name")
    email = forms.CharField(max_length=200, required=False)
    phone = forms.CharField(max_length=40, required=False)
    social = forms.CharField(max_length=100, required=False, label="Social handle")
    preferred_channel = forms.ChoiceField(
        choices=[("", "—"), *Channel.choices], required=False, label="Prefers"
    )
    language = forms.CharField(max_length=16, required=False)
    time_zone = forms.CharField(
        max_length=64, required=False, help_text="Blank: the organisation's."
    )
    preferences = forms.CharField(
        widget=forms.Textarea(attrs=_AREA),
        required=False,
        help_text="Sizes, fits, colours, budget, occasions, needs.",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs=_AREA), required=False, label="About them")
    consents = forms.CharField(
        widget=forms.Textarea(attrs=_AREA),
        required=False,
        label="What they agreed to",
        help_text="One a line, like “email:marketing = granted”; states: "
        f"{', '.join(CONSENT_STATES)}.",
    )

    def __init__(self, *args: Any, scenario: PracticeScenario | None = None, **kwargs: Any) -> None:
        if scenario is not None:
            persona = Persona.of(scenario).as_dict()
            kwargs.setdefault(
                "initial",
                {
                    **{name: persona.get(name, "") for name in PERSONA_FIELDS},
                    "title": scenario.title,
                    "situation": scenario.situation,
                    "channel": scenario.channel,
                    "rubric": Rubric.objects.filter(slug=scenario.rubric.slug, is_current=True)
                    .values_list("pk", flat=True)
                    .first(),
                    "consents": "\n".join(f"{k} = {v}" for k, v in persona["consents"].items()),
                },
            )
        super().__init__(*args, **kwargs)

    def error_field(self, field: str) -> str:
        if field.startswith("persona."):
            return field.split(".", 1)[1]
        return {"rubric_id": "rubric", "steps": "situation"}.get(field, field)

    def consents_parsed(self) -> dict[str, str]:
        lines = (line for line in self.cleaned_data["consents"].splitlines() if line.strip())
        return {
            key.strip(): state.strip() for key, _, state in (line.partition("=") for line in lines)
        }

    def draft(self, steps: list[StepDraft]) -> ScenarioDraft:
        data = self.cleaned_data
        persona = Persona(
            **{name: data[name].strip() for name in PERSONA_FIELDS},
            consents=self.consents_parsed(),
        )
        return ScenarioDraft(
            title=data["title"],
            situation=data["situation"],
            channel=data["channel"],
            rubric_id=data["rubric"].pk,
            persona=persona,
            steps=steps,
        )


class StepForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "—"), *PracticeStep.Kind.choices], required=False)
    channel = forms.ChoiceField(choices=[("", "—"), *Channel.choices], required=False)
    minutes_before = forms.IntegerField(min_value=0, initial=0, label="Minutes before the start")
    author = forms.CharField(max_length=120, required=False, label="Colleague")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    due_in_minutes = forms.IntegerField(
        required=False, label="Due in minutes (follow-up; negative: overdue)"
    )

    def step(self) -> StepDraft | None:
        data = self.cleaned_data
        if not data.get("kind") and not (data.get("text") or "").strip():
            return None
        return StepDraft(
            kind=data.get("kind") or "",
            text=data.get("text") or "",
            channel=data.get("channel") or "",
            minutes_before=data.get("minutes_before") or 0,
            author=data.get("author") or "",
            due_in_minutes=data.get("due_in_minutes"),
        )


StepFormSet = forms.formset_factory(StepForm, extra=3)


def step_formset(data: Any = None, *, scenario: PracticeScenario | None = None) -> Any:
    initial = (
        [
            {
                "kind": step.kind,
                "channel": step.channel,
                "minutes_before": step.minutes_before,
                "author": step.author,
                "text": step.text,
                "due_in_minutes": step.due_in_minutes,
            }
            for step in scenario.steps.all()
        ]
        if scenario is not None
        else None
    )
    return StepFormSet(data, initial=initial, prefix="steps")


class GuestLinkForm(DomainErrorForm):
    candidate_name = forms.CharField(max_length=120, label="Candidate's name")
    hours = forms.IntegerField(initial=48, label="Link lasts (hours)", min_value=1)


def sandbox_note_form(data: Any = None, *, guest: bool) -> NoteForm:
    """The real note form. A candidate is not shown the names of the staff: the next step
    goes to a team queue."""
    # Its own ids: the composer beside it has a "body" field too.
    form = NoteForm(data, journeys=[], auto_id="note_%s")
    del form.fields["journey"], form.fields["sensitive"]
    if guest:
        del form.fields["promised_by"]
        holder = form.fields["next_step_holder"]
        assert isinstance(holder, forms.ChoiceField)
        holder.choices = [("", "Choose…")] + [
            (f"team:{team.pk}", f"{team} queue") for team in Team.objects.order_by("name")
        ]
    return form


def sandbox_compose_form(data: Any = None, *, scenario: PracticeScenario) -> ComposeForm:
    """The real composer's form: a service message by default, and a reply in the chat when
    the scenario's customer is there now."""
    live = scenario.channel in LIVE_CHANNELS
    form = ComposeForm(
        data,
        initial={"purpose": Purpose.SERVICE, "channel": scenario.channel if live else ""},
        templates=[],
    )
    del form.fields["template"]
    if live:
        channel = form.fields["channel"]
        assert isinstance(channel, forms.ChoiceField)
        channel.choices = [
            (scenario.channel, f"{Channel(scenario.channel).label}: answer in the conversation"),
            *[(value, ConsentChannel(value).label) for value in SENDABLE],
        ]
    return form
