"""The template editor, the list's filters and the brand voice settings."""

from __future__ import annotations

from typing import Any

from django import forms

from everthread.consent.models import Purpose
from everthread.customers.forms import DomainErrorForm
from everthread.message_templates.models import BrandVoice, MessageTemplate, TemplateChannel
from everthread.message_templates.services import TemplateDraft, VoiceDraft

_ANY = [("", "Any")]


class TemplateFilterForm(forms.Form):
    channel = forms.ChoiceField(choices=_ANY + TemplateChannel.choices, required=False)
    purpose = forms.ChoiceField(choices=_ANY + Purpose.choices, required=False)
    language = forms.CharField(max_length=16, required=False)


class TemplateForm(DomainErrorForm):
    name = forms.CharField(max_length=120)
    channel = forms.ChoiceField(choices=TemplateChannel.choices)
    purpose = forms.ChoiceField(choices=Purpose.choices)
    language = forms.CharField(max_length=16, initial="en-GB", help_text="e.g. en-GB, fr.")
    subject = forms.CharField(max_length=200, required=False, help_text="Email only.")
    preheader = forms.CharField(
        max_length=150,
        required=False,
        help_text="Email only: the line an inbox shows after the subject.",
    )
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Variables like {{ customer.first_name }}: the list is beside the editor.",
    )
    whatsapp_approved = forms.BooleanField(label="Approved by Meta (WhatsApp)", required=False)
    provider_template_name = forms.CharField(
        label="Template name at Meta (WhatsApp)", max_length=512, required=False
    )

    @classmethod
    def of(cls, template: MessageTemplate, data: Any = None) -> TemplateForm:
        fields = {name: getattr(template, name) for name in cls.base_fields}
        return cls(data, initial=fields)

    def draft(self) -> TemplateDraft:
        return TemplateDraft(**self.cleaned_data)


def _lines(value: list[str]) -> str:
    return "\n".join(value)


class BrandVoiceForm(DomainErrorForm):
    formality = forms.ChoiceField(choices=BrandVoice.Formality.choices)
    emoji_policy = forms.ChoiceField(label="Emoji", choices=BrandVoice.EmojiPolicy.choices)
    greetings = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="One a line."
    )
    sign_offs = forms.CharField(
        label="Sign-offs",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One a line.",
    )
    words_to_avoid = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="One a line."
    )

    @classmethod
    def of(cls, voice: BrandVoice, data: Any = None) -> BrandVoiceForm:
        initial = {
            "formality": voice.formality,
            "emoji_policy": voice.emoji_policy,
            "greetings": _lines(voice.greetings),
            "sign_offs": _lines(voice.sign_offs),
            "words_to_avoid": _lines(voice.words_to_avoid),
        }
        return cls(data, initial=initial)

    def draft(self) -> VoiceDraft:
        data = self.cleaned_data
        return VoiceDraft(
            formality=data["formality"],
            emoji_policy=data["emoji_policy"],
            greetings=data["greetings"].splitlines(),
            sign_offs=data["sign_offs"].splitlines(),
            words_to_avoid=data["words_to_avoid"].splitlines(),
        )
