"""The composer's form: channel, purpose and the message."""

from __future__ import annotations

from django import forms

from everthread.consent.models import ConsentChannel, Purpose
from everthread.customers.forms import DomainErrorForm
from everthread.outreach.services import SENDABLE


class ComposeForm(DomainErrorForm):
    purpose = forms.ChoiceField(label="Purpose", choices=Purpose.choices, initial=Purpose.MARKETING)
    channel = forms.ChoiceField(
        label="Channel", choices=[(channel, ConsentChannel(channel).label) for channel in SENDABLE]
    )
    subject = forms.CharField(label="Subject (email)", max_length=200, required=False)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 5}))
