"""The composer's form: channel, purpose, a template to start from, and the message."""

from __future__ import annotations

from typing import Any

from django import forms

from everthread.consent.models import ConsentChannel, Purpose
from everthread.customers.forms import DomainErrorForm
from everthread.message_templates.models import MessageTemplate
from everthread.outreach.services import SENDABLE


class ComposeForm(DomainErrorForm):
    purpose = forms.ChoiceField(label="Purpose", choices=Purpose.choices, initial=Purpose.MARKETING)
    channel = forms.ChoiceField(
        label="Channel", choices=[(channel, ConsentChannel(channel).label) for channel in SENDABLE]
    )
    template = forms.TypedChoiceField(
        label="Start from a template", coerce=int, empty_value=None, required=False
    )
    subject = forms.CharField(label="Subject (email)", max_length=200, required=False)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 5}))
    send_anyway = forms.BooleanField(
        label="Send anyway: I have read the tone hints", required=False
    )

    def __init__(self, *args: Any, templates: list[MessageTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        picker = self.fields["template"]
        assert isinstance(picker, forms.TypedChoiceField)
        picker.choices = [("", "None: write my own")] + [
            (template.pk, _label(template)) for template in templates
        ]


def _label(template: MessageTemplate) -> str:
    approved = ", approved by Meta" if template.whatsapp_approved else ""
    return f"{template.name} ({template.get_channel_display()}{approved})"
