"""The dashboard's filters: a period, and optionally a store, team, channel or person."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from everthread.core.models import Channel, Staff, Store, Team
from everthread.insights.errors import InvalidScope
from everthread.insights.scope import Scope

DEFAULT_DAYS = 90
LONGEST_DAYS = 3 * 366


class ScopeForm(forms.Form):
    """Fields named as the query string and the API name them: from, to, store, team, channel
    and staff."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        date = forms.DateInput({"type": "date"})
        self.fields["from"] = forms.DateField(label="From", required=False, widget=date)
        self.fields["to"] = forms.DateField(label="To", required=False, widget=date)
        self.fields["store"] = forms.ModelChoiceField(
            Store.objects.all(), required=False, empty_label="All stores"
        )
        self.fields["team"] = forms.ModelChoiceField(
            Team.objects.all(), required=False, empty_label="All teams"
        )
        self.fields["channel"] = forms.ChoiceField(
            choices=[("", "All channels"), *Channel.choices], required=False
        )
        self.fields["staff"] = forms.ModelChoiceField(
            Staff.objects.filter(is_active=True),
            required=False,
            empty_label="Everyone",
            label="Person",
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        today = timezone.localdate()
        end = data.get("to") or today
        start = data.get("from") or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError("The period starts after it ends: swap the dates.")
        if (end - start).days > LONGEST_DAYS:
            raise forms.ValidationError("Choose a period of at most three years.")
        data["from"], data["to"] = start, end
        return data

    def scope(self) -> Scope:
        """The scope asked for; InvalidScope (naming the field) when the filters are wrong."""
        if not self.is_valid():
            field, errors = next(iter(self.errors.items()))
            raise InvalidScope(str(errors[0]), field=None if field == "__all__" else field)
        data = self.cleaned_data
        return Scope(
            start=_midnight(data["from"]),
            end=_midnight(data["to"] + datetime.timedelta(days=1)),
            store_id=data["store"].pk if data["store"] else None,
            team_id=data["team"].pk if data["team"] else None,
            channel=data["channel"] or "",
            staff_id=data["staff"].pk if data["staff"] else None,
        )


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
