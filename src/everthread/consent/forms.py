"""The form staff record a consent change with: what changed, and the evidence."""

from __future__ import annotations

from django import forms

from everthread.consent.models import ConsentChannel, ConsentEvent, Purpose, Source
from everthread.customers.forms import DomainErrorForm

Kind = ConsentEvent.Kind

# What staff may record from the customer page: one cell, or the customer as a whole.
CELL_CHANGES = (Kind.GRANTED, Kind.WITHDRAWN, Kind.SOFT_OPT_IN)
WHOLE_CUSTOMER_CHANGES = (
    Kind.OBJECTED,
    Kind.OBJECTION_LIFTED,
    Kind.DO_NOT_CONTACT,
    Kind.CONTACT_ALLOWED,
)
STAFF_SOURCES = (
    Source.IN_STORE,
    Source.STAFF_PHONE,
    Source.STAFF_IN_PERSON,
    Source.IN_WRITING,
    Source.PURCHASE,
)


class ConsentChangeForm(DomainErrorForm):
    prefix = "consent"

    change = forms.ChoiceField(
        label="Change",
        choices=[(kind.value, kind.label) for kind in (*CELL_CHANGES, *WHOLE_CUSTOMER_CHANGES)],
    )
    channel = forms.ChoiceField(
        label="Channel",
        choices=[("", "Every channel (objection, do not contact)"), *ConsentChannel.choices],
        required=False,
    )
    purpose = forms.ChoiceField(
        label="Purpose", choices=[("", "—"), *Purpose.choices], required=False
    )
    source = forms.ChoiceField(
        label="How", choices=[(source.value, source.label) for source in STAFF_SOURCES]
    )
    wording = forms.CharField(
        label="What they saw or said",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Word for word: this is the evidence.",
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("change") in CELL_CHANGES:
            for name in ("channel", "purpose"):
                if not data.get(name):
                    self.add_error(name, "Choose which one this change is for.")
        return data
