"""Web forms: a rubric, an observation scored on it, a module's answers, a mystery-shop visit."""

from __future__ import annotations

from typing import Any

from django import forms

from everthread.coaching.models import Behaviour, Module, MysteryShopForm, Rubric
from everthread.coaching.selectors import ObserveSubject
from everthread.coaching.services import CriterionDraft, RubricDraft
from everthread.core.models import Channel, Staff, Store, Team
from everthread.customers.forms import DomainErrorForm


class RubricForm(DomainErrorForm):
    """The rubric's name and scale, and for each behaviour what it looks like (blank: left out)."""

    name = forms.CharField(max_length=120)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    scale_max = forms.IntegerField(
        label="Top score", min_value=2, max_value=10, initial=4, help_text="Scores run from 1."
    )

    def __init__(self, *args: Any, rubric: Rubric | None = None, **kwargs: Any) -> None:
        labels = {c.behaviour: c.label for c in rubric.criteria.all()} if rubric else {}
        if rubric is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": rubric.name,
                    "description": rubric.description,
                    "scale_max": rubric.scale_max,
                },
            )
        super().__init__(*args, **kwargs)
        for behaviour in Behaviour:
            self.fields[f"behaviour_{behaviour.value}"] = forms.CharField(
                label=behaviour.label,
                required=False,
                max_length=200,
                initial=labels.get(behaviour.value, ""),
                help_text="What good looks like. Leave blank to leave it out.",
            )

    def error_field(self, field: str) -> str:
        return "name" if field == "criteria" else field.split(".")[0]

    def draft(self) -> RubricDraft:
        data = self.cleaned_data
        return RubricDraft(
            name=data["name"],
            description=data["description"],
            scale_max=data["scale_max"],
            criteria=[
                CriterionDraft(behaviour.value, data[f"behaviour_{behaviour.value}"])
                for behaviour in Behaviour
                if data[f"behaviour_{behaviour.value}"].strip()
            ],
        )


class RubricScoresForm(DomainErrorForm):
    """A score field per behaviour of a rubric version ("Not seen" leaves it out), and a
    comment: what an observation and a practice review both ask."""

    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, rubric: Rubric, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scale = [(str(value), str(value)) for value in range(1, rubric.scale_max + 1)]
        self.criteria = list(rubric.criteria.all())
        for criterion in self.criteria:
            self.fields[f"score_{criterion.behaviour}"] = forms.ChoiceField(
                label=criterion.label,
                choices=[("", "Not seen"), *scale],
                required=False,
                help_text=criterion.get_behaviour_display(),
            )

    def error_field(self, field: str) -> str:
        if field.startswith("scores."):
            return f"score_{field.split('.', 1)[1]}"
        return field

    def scores(self) -> dict[str, int]:
        return {
            criterion.behaviour: int(self.cleaned_data[f"score_{criterion.behaviour}"])
            for criterion in self.criteria
            if self.cleaned_data.get(f"score_{criterion.behaviour}")
        }


class ObservationForm(RubricScoresForm):
    """Scores on one rubric for the contact observed, what else it links, and a comment."""

    def __init__(self, *args: Any, rubric: Rubric, subject: ObserveSubject, **kwargs: Any) -> None:
        super().__init__(*args, rubric=rubric, **kwargs)
        self.fields["also_interactions"] = forms.MultipleChoiceField(
            label="Also about these contacts",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[
                (
                    str(i.pk),
                    f"{i.occurred_at:%-d %b %H:%M} · {i.get_channel_display()} · {i.summary}",
                )
                for i in subject.interactions
            ],
        )
        self.fields["notes"] = forms.MultipleChoiceField(
            label="Their notes",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(str(n.pk), f"{n.created_at:%-d %b} · {n}") for n in subject.notes],
        )
        self.fields["messages"] = forms.MultipleChoiceField(
            label="Their messages",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[
                (str(m.id), f"{m.created_at:%-d %b} · {m.channel_label} · {m.body[:60]}")
                for m in subject.messages
            ],
        )
        self.order_fields([f"score_{c.behaviour}" for c in self.criteria])

    def error_field(self, field: str) -> str:
        field = super().error_field(field)
        return {"note_ids": "notes", "message_ids": "messages"}.get(field, field)


class AnswersForm(DomainErrorForm):
    """One radio group per check question."""

    def __init__(self, *args: Any, module: Module, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in module.questions.all():
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=list(enumerate(question.choices)),
                widget=forms.RadioSelect,
                required=False,
            )

    def error_field(self, field: str) -> str:
        return f"q{field.split('.', 1)[1]}" if field.startswith("answers.") else field

    def answers(self) -> dict[int, int]:
        return {
            int(name[1:]): int(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("q") and value not in ("", None)
        }


class AssignForm(DomainErrorForm):
    learners = forms.ModelMultipleChoiceField(
        queryset=Staff.objects.filter(is_active=True), required=False, label="People"
    )
    team = forms.ModelChoiceField(queryset=Team.objects.all(), required=False)
    due_on = forms.DateField(
        label="Due", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def error_field(self, field: str) -> str:
        return {"learner_ids": "learners", "team_id": "team"}.get(field, field)


class VisitForm(DomainErrorForm):
    """Where and when, who served if known, then each of the form's questions."""

    visited_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(choices=Channel.choices)
    store = forms.ModelChoiceField(queryset=Store.objects.all(), required=False)
    staff = forms.ModelChoiceField(
        queryset=Staff.objects.filter(is_active=True), required=False, label="Served by"
    )
    shopper = forms.CharField(max_length=120, required=False)

    def __init__(self, *args: Any, form: MysteryShopForm, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in form.questions.all():
            name = f"q{question.pk}"
            if question.kind == question.Kind.YES_NO:
                field: forms.Field = forms.ChoiceField(
                    choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect
                )
            elif question.kind == question.Kind.SCALE:
                field = forms.ChoiceField(
                    choices=[(str(v), str(v)) for v in range(1, 6)], widget=forms.RadioSelect
                )
            else:
                field = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
            field.label = question.text
            self.fields[name] = field

    def error_field(self, field: str) -> str:
        if field.startswith("answers."):
            return f"q{field.split('.', 1)[1]}"
        return {"store_id": "store", "staff_id": "staff"}.get(field, field)

    def answers(self) -> dict[int, object]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q") and name[1:].isdigit()
        }
