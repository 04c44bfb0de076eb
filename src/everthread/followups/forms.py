"""Web forms for follow-ups: who holds one is a colleague or a team's queue."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from everthread.conversations.forms import JourneyField, JourneyFormMixin
from everthread.conversations.models import Journey
from everthread.core.models import Channel, Staff, Team
from everthread.core.selectors import staff_list
from everthread.customers.forms import DomainErrorForm
from everthread.followups.models import FollowUp
from everthread.followups.services import FollowUpDraft


def holder_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Colleagues and team queues, in one list: a follow-up goes to either."""
    people = [
        (f"staff:{staff.pk}", f"{staff} ({staff.job_title or staff.get_role_display()})")
        for staff in staff_list()
    ]
    teams = [(f"team:{team.pk}", f"{team} queue") for team in Team.objects.order_by("name")]
    return [("", [("", "Choose…")]), ("Colleagues", people), ("Team queues", teams)]


class HolderField(forms.ChoiceField):
    """A colleague (``staff:ID``) or a team queue (``team:ID``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=holder_choices, **kwargs)

    def to_holder(self, value: str) -> tuple[Staff | None, Team | None]:
        kind, _, pk = value.partition(":")
        if kind == "staff":
            return Staff.objects.filter(pk=pk, is_active=True).first(), None
        if kind == "team":
            return None, Team.objects.filter(pk=pk).first()
        return None, None


def chosen_holder(form: forms.Form, name: str) -> tuple[Staff | None, Team | None]:
    """The colleague or team queue chosen in ``form``'s holder field ``name``."""
    field = form.fields[name]
    assert isinstance(field, HolderField)
    return field.to_holder(form.cleaned_data.get(name) or "")


class DueField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)


def next_working_hour() -> datetime.datetime:
    """A sensible default due time: the next whole hour, local time."""
    now = timezone.localtime()
    return now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)


class FollowUpForm(JourneyFormMixin, DomainErrorForm):
    kind = forms.ChoiceField(
        choices=FollowUp.Kind.choices,
        initial=FollowUp.Kind.TASK,
        label="This is",
    )
    title = forms.CharField(max_length=300, label="What needs doing")
    detail = forms.CharField(widget=forms.Textarea, required=False, label="Details")
    holder = HolderField(label="Owner")
    due_at = DueField(label="Due")
    journey = JourneyField()
    reply_channel = forms.ChoiceField(
        choices=[("", "—"), *Channel.choices],
        required=False,
        label="Answer goes back to",
        help_text="For a request: the channel the customer is waiting in.",
    )

    def __init__(self, *args: Any, journeys: list[Journey], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_journeys(journeys)

    def draft(self) -> FollowUpDraft:
        data = self.cleaned_data
        owner, team = chosen_holder(self, "holder")
        return FollowUpDraft(
            title=data["title"],
            detail=data["detail"],
            due_at=data["due_at"],
            owner=owner,
            team=team,
            kind=data["kind"],
            journey=self.chosen_journey(),
            reply_channel=data["reply_channel"],
        )


class OutcomeForm(DomainErrorForm):
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What happened")


class HandOverForm(DomainErrorForm):
    holder = HolderField(label="Hand to")
    reason = forms.CharField(max_length=300, label="Why")

    def holder_value(self) -> tuple[Staff | None, Team | None]:
        return chosen_holder(self, "holder")
