"""Writing a bulletin and a promotion in the browser."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from everthread.bulletins.models import Promotion
from everthread.bulletins.services import Audience, BulletinDraft, PromotionDraft
from everthread.core.models import Channel, Role, Store, Team
from everthread.customers.forms import DomainErrorForm
from everthread.followups.forms import DueField


class BulletinForm(DomainErrorForm):
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), label="What staff need to know"
    )
    roles = forms.MultipleChoiceField(
        choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    stores = forms.ModelMultipleChoiceField(
        queryset=Store.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channels = forms.MultipleChoiceField(
        choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    publish_at = DueField(
        required=False, label="Publish at", help_text="Leave empty to publish now."
    )
    expires_at = DueField(required=False, label="Expires at", help_text="Optional.")
    acknowledgement_required = forms.BooleanField(
        required=False, initial=True, label="Staff must acknowledge they have read it"
    )

    AUDIENCE = ("roles", "stores", "teams", "channels")

    def draft(self) -> BulletinDraft:
        data = self.cleaned_data
        return BulletinDraft(
            title=data["title"],
            body=data["body"],
            audience=Audience(
                roles=tuple(data["roles"]),
                stores=tuple(data["stores"]),
                teams=tuple(data["teams"]),
                channels=tuple(data["channels"]),
            ),
            publish_at=data["publish_at"],
            expires_at=data["expires_at"],
            acknowledgement_required=data["acknowledgement_required"],
        )


def codes_split(typed: str) -> tuple[str, ...]:
    """Codes typed one a line or separated by commas."""
    return tuple(part for part in re.split(r"[,\n]", typed) if part.strip())


class PromotionForm(DomainErrorForm):
    name = forms.CharField(max_length=160)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    channels = forms.MultipleChoiceField(
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one channel it runs in."},
    )
    starts_at = DueField(label="Starts")
    ends_at = DueField(label="Ends")
    codes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line or separated by commas; saved in capitals without spaces.",
    )
    eligibility = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Who qualifies, on what, and any exclusions.",
    )
    audience_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Audience notes",
        help_text="Who it is aimed at; what staff should say or check.",
    )

    MULTIPLE = ("channels",)

    @classmethod
    def for_promotion(cls, promotion: Promotion, data: Any = None) -> PromotionForm:
        initial = {
            "name": promotion.name,
            "description": promotion.description,
            "channels": [row.channel for row in promotion.channels.all()],
            "starts_at": timezone.localtime(promotion.starts_at),
            "ends_at": timezone.localtime(promotion.ends_at),
            "codes": "\n".join(promotion.codes),
            "eligibility": promotion.eligibility,
            "audience_notes": promotion.audience_notes,
        }
        return cls(data, initial=initial)

    def draft(self) -> PromotionDraft:
        data = self.cleaned_data
        return PromotionDraft(
            name=data["name"],
            description=data["description"],
            channels=tuple(data["channels"]),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            codes=codes_split(data["codes"]),
            eligibility=data["eligibility"],
            audience_notes=data["audience_notes"],
        )


@dataclass(frozen=True)
class Span:
    """The stretch of the calendar shown: a month or a week, with its neighbours."""

    kind: str  # "month" or "week"
    start: datetime.datetime
    end: datetime.datetime
    value: str  # as the page's input sends it: 2026-03 or 2026-W11
    previous: str
    next: str
    label: str


def calendar_span(*, month: str = "", week: str = "") -> Span:
    """The week typed as YYYY-Www when there is one, else the month typed as YYYY-MM (this
    month when neither reads), in local time."""
    monday = _week_monday(week)
    if monday is not None:
        start = _local_midnight(monday)
        return Span(
            kind="week",
            start=start,
            end=_local_midnight(monday + datetime.timedelta(days=7)),
            value=_week_value(monday),
            previous=_week_value(monday - datetime.timedelta(days=7)),
            next=_week_value(monday + datetime.timedelta(days=7)),
            label=f"Week of {monday:%-d %B %Y}",
        )
    start = month_start(month)
    end = month_after(start)
    return Span(
        kind="month",
        start=start,
        end=end,
        value=f"{start:%Y-%m}",
        previous=f"{month_before(start):%Y-%m}",
        next=f"{end:%Y-%m}",
        label=f"{start:%B %Y}",
    )


def _week_monday(typed: str) -> datetime.date | None:
    try:
        year, week = typed.split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None


def _week_value(monday: datetime.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def month_start(typed: str) -> datetime.datetime:
    """The first instant of the month ``typed`` as YYYY-MM (this month if not), local time."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in typed.split("-"))
        first = datetime.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    return _local_midnight(first)


def month_after(start: datetime.datetime) -> datetime.datetime:
    naive = timezone.make_naive(start)
    following = (naive.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return timezone.make_aware(following)


def month_before(start: datetime.datetime) -> datetime.datetime:
    naive = timezone.make_naive(start)
    return timezone.make_aware((naive - datetime.timedelta(days=1)).replace(day=1))
