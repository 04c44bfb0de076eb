"""Writes: message templates (create, change, delete) and the brand voice."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from django.db import transaction

from everthread.consent.models import Purpose
from everthread.core.models import Capability, Organisation, Staff
from everthread.core.services import audit_record, capability_require
from everthread.message_templates.errors import InvalidBrandVoice, InvalidTemplate
from everthread.message_templates.models import BrandVoice, MessageTemplate, TemplateChannel
from everthread.message_templates.selectors import message_template_get
from everthread.message_templates.sms import sms_segments
from everthread.message_templates.variables import variables_check

# Carriers join at most about ten segments reliably; past that a message arrives in pieces.
MAX_SMS_SEGMENTS = 10
# Meta's limit for a WhatsApp template's body; Instagram's for a direct message.
MAX_BODY = {TemplateChannel.WHATSAPP: 1024, TemplateChannel.SOCIAL_DM: 1000}
_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$")
_PHRASES_MOST = 20


@dataclass(frozen=True)
class TemplateDraft:
    name: str
    channel: str
    purpose: str
    body: str
    language: str = "en-GB"
    subject: str = ""
    preheader: str = ""
    whatsapp_approved: bool = False
    provider_template_name: str = ""


def _draft_check(draft: TemplateDraft) -> TemplateDraft:
    """The draft tidied, or refused with what to change and where."""
    draft = dataclasses.replace(
        draft,
        name=draft.name.strip(),
        language=draft.language.strip(),
        subject=draft.subject.strip(),
        preheader=draft.preheader.strip(),
        body=draft.body.strip(),
        provider_template_name=draft.provider_template_name.strip(),
    )
    if not draft.name:
        raise InvalidTemplate("Give the template a name.", field="name")
    if len(draft.name) > 120:
        raise InvalidTemplate("Keep the name to 120 characters.", field="name")
    if draft.channel not in TemplateChannel.values:
        labels = ", ".join(TemplateChannel.values)
        raise InvalidTemplate(f"“{draft.channel}” is not a channel: use {labels}.", field="channel")
    if draft.purpose not in Purpose.values:
        labels = ", ".join(Purpose.values)
        raise InvalidTemplate(f"“{draft.purpose}” is not a purpose: use {labels}.", field="purpose")
    if not _LANGUAGE.match(draft.language):
        raise InvalidTemplate(
            f"“{draft.language}” is not a language tag such as en-GB or fr.", field="language"
        )
    if not draft.body:
        raise InvalidTemplate("Write the message.", field="body")
    for name in ("subject", "preheader", "body"):
        variables_check(getattr(draft, name), field=name)
    _email_check(draft)
    _channel_limits_check(draft)
    return draft


def _email_check(draft: TemplateDraft) -> None:
    if draft.channel == TemplateChannel.EMAIL:
        if not draft.subject:
            raise InvalidTemplate("An email template needs a subject.", field="subject")
        if len(draft.subject) > 200 or len(draft.preheader) > 150:
            which = "subject" if len(draft.subject) > 200 else "preheader"
            most = 200 if which == "subject" else 150
            raise InvalidTemplate(f"Keep the {which} to {most} characters.", field=which)
        return
    for name in ("subject", "preheader"):
        if getattr(draft, name):
            raise InvalidTemplate(
                f"Only email has a {name}; clear it for this channel.", field=name
            )


def _channel_limits_check(draft: TemplateDraft) -> None:
    label = TemplateChannel(draft.channel).label
    most = MAX_BODY.get(TemplateChannel(draft.channel))
    if most and len(draft.body) > most:
        raise InvalidTemplate(
            f"A {label} message holds at most {most} characters; this one has {len(draft.body)}.",
            field="body",
        )
    if draft.channel == TemplateChannel.SMS:
        segments = sms_segments(draft.body)
        if segments.count > MAX_SMS_SEGMENTS:
            raise InvalidTemplate(
                f"This SMS takes {segments.count} segments ({segments.encoding}); keep it to "
                f"{MAX_SMS_SEGMENTS} or fewer.",
                field="body",
            )
    if draft.channel == TemplateChannel.WHATSAPP:
        if draft.whatsapp_approved and not draft.provider_template_name:
            raise InvalidTemplate(
                "Give the template's name at Meta: an approved template is sent by that name.",
                field="provider_template_name",
            )
    elif draft.whatsapp_approved or draft.provider_template_name:
        raise InvalidTemplate(
            "Only WhatsApp templates are approved by Meta.", field="whatsapp_approved"
        )


def _name_free(draft: TemplateDraft, *, organisation: Organisation, other_than: int | None) -> None:
    taken = MessageTemplate.objects.filter(
        organisation=organisation,
        channel=draft.channel,
        language=draft.language,
        name=draft.name,
    )
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    if taken.exists():
        raise InvalidTemplate(
            f"There is already a template called “{draft.name}” for "
            f"{TemplateChannel(draft.channel).label} in {draft.language}.",
            field="name",
        )


@transaction.atomic
def message_template_create(
    *, actor: Staff, organisation: Organisation, draft: TemplateDraft
) -> MessageTemplate:
    capability_require(staff=actor, capability=Capability.MANAGE_TEMPLATES)
    draft = _draft_check(draft)
    _name_free(draft, organisation=organisation, other_than=None)
    template = MessageTemplate.objects.create(
        organisation=organisation, created_by=actor, updated_by=actor, **vars(draft)
    )
    audit_record(actor=actor, action="message_template.created", subject=template)
    return template


@transaction.atomic
def message_template_update(
    *, actor: Staff, organisation: Organisation, template_id: int, draft: TemplateDraft
) -> MessageTemplate:
    capability_require(staff=actor, capability=Capability.MANAGE_TEMPLATES)
    draft = _draft_check(draft)
    template = message_template_get(template_id=template_id, organisation=organisation)
    _name_free(draft, organisation=organisation, other_than=template.pk)
    # Meta approved these words, under that name: changed, they are a new template to approve.
    reworded = (draft.body, draft.provider_template_name) != (
        template.body,
        template.provider_template_name,
    )
    if template.whatsapp_approved and draft.whatsapp_approved and reworded:
        raise InvalidTemplate(
            "Meta approved this template as it is: to change its words, untick “approved by "
            "Meta” until the new wording is approved, or write a new template.",
            field="body",
        )
    for name, value in vars(draft).items():
        setattr(template, name, value)
    template.updated_by = actor
    template.save()
    audit_record(actor=actor, action="message_template.changed", subject=template)
    return template


@transaction.atomic
def message_template_delete(*, actor: Staff, organisation: Organisation, template_id: int) -> None:
    capability_require(staff=actor, capability=Capability.MANAGE_TEMPLATES)
    template = message_template_get(template_id=template_id, organisation=organisation)
    audit_record(
        actor=actor,
        action="message_template.deleted",
        subject=template,
        detail={"name": template.name, "channel": template.channel},
    )
    template.delete()


@dataclass(frozen=True)
class VoiceDraft:
    formality: str
    emoji_policy: str
    greetings: list[str] = field(default_factory=list)
    sign_offs: list[str] = field(default_factory=list)
    words_to_avoid: list[str] = field(default_factory=list)


def _phrases(values: list[str], *, field: str) -> list[str]:
    phrases = list(dict.fromkeys(value.strip() for value in values if value.strip()))
    if len(phrases) > _PHRASES_MOST:
        raise InvalidBrandVoice(f"Keep it to {_PHRASES_MOST} phrases.", field=field)
    if any(len(phrase) > 80 for phrase in phrases):
        raise InvalidBrandVoice("Keep each phrase to 80 characters.", field=field)
    return phrases


@transaction.atomic
def brand_voice_update(
    *, actor: Staff, organisation: Organisation, draft: VoiceDraft
) -> BrandVoice:
    capability_require(staff=actor, capability=Capability.MANAGE_TEMPLATES)
    if draft.formality not in BrandVoice.Formality.values:
        raise InvalidBrandVoice(
            f"“{draft.formality}” is not a formality: use formal, neutral or casual.",
            field="formality",
        )
    if draft.emoji_policy not in BrandVoice.EmojiPolicy.values:
        raise InvalidBrandVoice(
            f"“{draft.emoji_policy}” is not an emoji policy: use never, sparingly or allowed.",
            field="emoji_policy",
        )
    voice, _ = BrandVoice.objects.select_for_update().get_or_create(organisation=organisation)
    voice.formality = draft.formality
    voice.emoji_policy = draft.emoji_policy
    voice.greetings = _phrases(draft.greetings, field="greetings")
    voice.sign_offs = _phrases(draft.sign_offs, field="sign_offs")
    voice.words_to_avoid = _phrases(draft.words_to_avoid, field="words_to_avoid")
    voice.updated_by = actor
    voice.save()
    audit_record(actor=actor, action="brand_voice.changed", subject=voice)
    return voice
