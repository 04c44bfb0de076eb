"""Web forms: they turn what staff type into the plain values services take.

The rules themselves live in the services; a refused value comes back as a
DomainError and is shown against its field.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms

from everthread.core.errors import DomainError
from everthread.core.models import Channel
from everthread.core.selectors import staff_list, store_list
from everthread.customers.contact_points import ContactKind
from everthread.customers.models import Customer


class DomainErrorForm(forms.Form):
    other_customer_id: int | None = None

    def add_domain_error(self, error: DomainError) -> None:
        field = self.error_field(error.field or "")
        self.add_error(field if field in self.fields else None, error.message)
        # A contact point that belongs to someone else: offer their profile.
        self.other_customer_id = error.extra.get("customer_id")

    def error_field(self, field: str) -> str:
        return field.split(".")[0]


class ProfileForm(DomainErrorForm):
    given_name = forms.CharField(max_length=100)
    family_name = forms.CharField(max_length=100, required=False)
    preferred_name = forms.CharField(
        max_length=100, required=False, help_text="What they like to be called."
    )
    language = forms.CharField(max_length=16, required=False, help_text="e.g. en-GB, fr, es-MX.")
    time_zone = forms.CharField(
        max_length=64, required=False, help_text="Blank: the organisation's."
    )
    date_of_birth = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    postcode = forms.CharField(max_length=16, required=False)
    home_store = forms.ModelChoiceField(queryset=store_list(), required=False)
    advisor = forms.ModelChoiceField(
        queryset=staff_list(), required=False, label="Assigned advisor"
    )
    tags = forms.CharField(required=False, help_text="Separate with commas.")

    @classmethod
    def for_customer(cls, customer: Customer) -> ProfileForm:
        initial = {name: getattr(customer, name) for name in cls.base_fields}
        initial["tags"] = ", ".join(customer.tags)
        return cls(initial=initial)

    def profile(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["tags"] = _split(data["tags"])
        return data


class CustomerCreateForm(ProfileForm):
    email = forms.CharField(required=False, widget=forms.EmailInput)
    phone = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "tel"}))

    field_order = ("given_name", "family_name", "preferred_name", "email", "phone")

    def profile(self) -> dict[str, Any]:
        data = super().profile()
        del data["email"], data["phone"]
        return data

    def contact_points(self) -> list[tuple[str, str]]:
        return [
            (kind, self.cleaned_data[kind])
            for kind in ("email", "phone")
            if self.cleaned_data[kind]
        ]


class ContactPointForm(DomainErrorForm):
    kind = forms.ChoiceField(choices=ContactKind.choices)
    value = forms.CharField(max_length=320, label="Contact point")
    label = forms.CharField(max_length=40, required=False, help_text="Optional, e.g. work.")

    def error_field(self, field: str) -> str:
        return "value" if field in ContactKind.values else field


class PreferencesForm(DomainErrorForm):
    sizes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: Dresses: UK 12 (10 in some brands)",
    )
    fits = forms.CharField(
        required=False, help_text="Separate with commas, e.g. tailored, relaxed."
    )
    colours = forms.CharField(required=False, help_text="Separate with commas.")
    budget_minimum = forms.IntegerField(required=False, min_value=0, label="Budget from (£)")
    budget_maximum = forms.IntegerField(required=False, min_value=0, label="Budget up to (£)")
    important_dates = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Occasions and important dates",
        help_text="One per line: Sister's wedding: 2027-03-14",
    )
    dietary = forms.CharField(required=False, help_text="Dietary needs, separated with commas.")
    accessibility = forms.CharField(
        required=False, help_text="Accessibility needs, separated with commas."
    )
    fitness_goals = forms.CharField(required=False, help_text="Separate with commas.")
    preferred_channel = forms.ChoiceField(
        choices=[("", "No preference"), *Channel.choices], required=False
    )

    @classmethod
    def for_preferences(cls, preferences: dict[str, Any]) -> PreferencesForm:
        budget = preferences.get("budget") or {}
        initial: dict[str, Any] = {name: ", ".join(preferences.get(name, [])) for name in _LISTS}
        initial.update(
            sizes="\n".join(_size_line(size) for size in preferences.get("sizes", [])),
            important_dates="\n".join(
                f"{item['label']}: {item['date']}"
                for item in preferences.get("important_dates", [])
            ),
            budget_minimum=budget.get("minimum"),
            budget_maximum=budget.get("maximum"),
            preferred_channel=preferences.get("preferred_channel", ""),
        )
        return cls(initial=initial)

    def clean_sizes(self) -> list[dict[str, str]]:
        sizes = []
        for number, line in _lines(self.cleaned_data["sizes"]):
            match = re.fullmatch(r"([^:]+):\s*([^()]+?)\s*(?:\((.*)\))?", line)
            if not match:
                raise forms.ValidationError(f"Line {number}: write it as  Category: size (note).")
            category, size, note = match.groups()
            sizes.append(
                {"category": category.strip(), "size": size.strip(), "note": (note or "").strip()}
            )
        return sizes

    def clean_important_dates(self) -> list[dict[str, Any]]:
        dates = []
        for number, line in _lines(self.cleaned_data["important_dates"]):
            label, _, when = line.rpartition(":")
            try:
                day = datetime.date.fromisoformat(when.strip())
            except ValueError:
                raise forms.ValidationError(
                    f"Line {number}: {when.strip()!r} is not a date; "
                    "write it as  Label: YYYY-MM-DD."
                ) from None
            if not label.strip():
                raise forms.ValidationError(
                    f"Line {number}: say what the date is, e.g. Anniversary: {day}."
                )
            dates.append({"label": label.strip(), "date": day})
        return dates

    def preferences(self) -> dict[str, Any]:
        data = self.cleaned_data
        preferences: dict[str, Any] = {name: _split(data[name]) for name in _LISTS}
        preferences.update(sizes=data["sizes"], important_dates=data["important_dates"])
        if data["budget_minimum"] is not None or data["budget_maximum"] is not None:
            preferences["budget"] = {
                "minimum": data["budget_minimum"],
                "maximum": data["budget_maximum"],
            }
        if data["preferred_channel"]:
            preferences["preferred_channel"] = data["preferred_channel"]
        return preferences


_LISTS = ("fits", "colours", "dietary", "accessibility", "fitness_goals")


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _lines(text: str) -> list[tuple[int, str]]:
    return [
        (number, line.strip())
        for number, line in enumerate((text or "").splitlines(), 1)
        if line.strip()
    ]


def _size_line(size: dict[str, str]) -> str:
    note = f" ({size['note']})" if size.get("note") else ""
    return f"{size['category']}: {size['size']}{note}"


class ImportUploadForm(DomainErrorForm):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 (Excel: “CSV UTF-8”), with a header row. Columns are recognised by "
        "name: First Name, Last Name, Email, Mobile, DOB, Postcode, Home store, Tags…",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
