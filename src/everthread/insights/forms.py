"""The dashboard's filters: a period, and optionally a store, team, channel or person."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from everthread.core.models import Channel, Staff, Store, Team
from everthread.insights.errors import InvalidScope, OutOfReach
from everthread.insights.scope import Reach, Scope, reach_of

DEFAULT_DAYS = 90
LONGEST_DAYS = 3 * 366


OUT_OF_REACH = "You see the figures of your own stores and teams: choose one of them."


class ScopeForm(forms.Form):
    """Fields named as the query string and the API name them: from, to, store, team, channel
    and staff. The stores, teams and people offered are those within the viewer's reach."""

    def __init__(self, *args: Any, viewer: Staff, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reach = reach_of(viewer)
        stores, teams, people = _within(self.reach)
        mine = {"invalid_choice": OUT_OF_REACH}
        date = forms.DateInput({"type": "date"})
        self.fields["from"] = forms.DateField(label="From", required=False, widget=date)
        self.fields["to"] = forms.DateField(label="To", required=False, widget=date)
        self.fields["store"] = forms.ModelChoiceField(
            stores, required=False, empty_label="All stores", error_messages=mine
        )
        self.fields["team"] = forms.ModelChoiceField(
            teams, required=False, empty_label="All teams", error_messages=mine
        )
        self.fields["channel"] = forms.ChoiceField(
            choices=[("", "All channels"), *Channel.choices], required=False
        )
        self.fields["staff"] = forms.ModelChoiceField(
            people, required=False, empty_label="Everyone", label="Person", error_messages=mine
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
        """The scope asked for; InvalidScope (naming the field) when the filters are wrong,
        OutOfReach when they name a store, team or person the viewer does not look after."""
        if self.reach is not None and self.reach.empty:
            raise OutOfReach(
                "You manage no store or team yet, so there are no figures of yours to show: "
                "ask an administrator to set your home store or your team."
            )
        if not self.is_valid():
            field, errors = next(iter(self.errors.items()))
            named = None if field == "__all__" else field
            if self.reach is not None and errors.as_data()[0].code == "invalid_choice":
                raise OutOfReach(str(errors[0]), field=named)
            raise InvalidScope(str(errors[0]), field=named)
        data = self.cleaned_data
        return Scope(
            start=_midnight(data["from"]),
            end=_midnight(data["to"] + datetime.timedelta(days=1)),
            store_id=data["store"].pk if data["store"] else None,
            team_id=data["team"].pk if data["team"] else None,
            channel=data["channel"] or "",
            staff_id=data["staff"].pk if data["staff"] else None,
            reach=self.reach,
        )


def _within(
    reach: Reach | None,
) -> tuple[QuerySet[Store], QuerySet[Team], QuerySet[Staff]]:
    """The stores, teams and active people a viewer with ``reach`` may filter by."""
    stores, teams = Store.objects.all(), Team.objects.all()
    people = Staff.objects.filter(is_active=True)
    if reach is None:
        return stores, teams, people
    store_ids, team_ids = sorted(reach.store_ids), sorted(reach.team_ids)
    return (
        stores.filter(pk__in=store_ids),
        teams.filter(Q(pk__in=team_ids) | Q(store_id__in=store_ids)),
        people.filter(Q(home_store_id__in=store_ids) | Q(teams__in=team_ids)).distinct(),
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
