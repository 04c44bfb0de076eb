"""Message templates, their preview for a customer, the brand voice and the tone check."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from everthread.consent.models import Purpose
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Channel
from everthread.core.permissions import requires
from everthread.core.schemas import PageParams, StaffRef, answer_once
from everthread.core.selectors import organisation_get
from everthread.customers.services import customer_open
from everthread.message_templates.models import BrandVoice, TemplateChannel
from everthread.message_templates.selectors import (
    brand_voice_get,
    message_template_get,
    message_templates_page,
    template_render,
    tone_check,
)
from everthread.message_templates.services import (
    TemplateDraft,
    VoiceDraft,
    brand_voice_update,
    message_template_create,
    message_template_delete,
    message_template_update,
)
from everthread.message_templates.variables import VARIABLES

router = Router(tags=["message templates"])

_VARIABLES_DOC = "Variables: " + ", ".join(f"{{{{ {name} }}}}" for name in VARIABLES) + "."


class TemplateIn(Schema):
    name: str
    channel: TemplateChannel
    purpose: Purpose
    language: str = Field(default="en-GB", description="BCP 47, e.g. en-GB.")
    subject: str = Field(default="", description="Email only; may use variables.")
    preheader: str = Field(default="", description="Email only; may use variables.")
    body: str = Field(description=_VARIABLES_DOC)
    whatsapp_approved: bool = Field(default=False, description="WhatsApp: approved by Meta.")
    provider_template_name: str = Field(default="", description="WhatsApp: its name at Meta.")

    def draft(self) -> TemplateDraft:
        return TemplateDraft(**self.model_dump())


class TemplateOut(Schema):
    id: int
    name: str
    channel: TemplateChannel
    purpose: Purpose
    language: str
    subject: str
    preheader: str
    body: str
    whatsapp_approved: bool
    provider_template_name: str
    updated_by: StaffRef
    updated_at: datetime.datetime


class TemplatePageOut(Schema):
    items: list[TemplateOut]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null on the last."
    )


class TemplateFilter(PageParams):
    channel: TemplateChannel | None = None
    purpose: Purpose | None = None
    language: str = ""


class PreviewIn(Schema):
    customer_id: int = Field(description="The customer to preview for; you are the sender.")


class SegmentsOut(Schema):
    encoding: str = Field(description="GSM-7 or UCS-2.")
    units: int
    count: int
    per_segment: int
    non_gsm: list[str] = Field(description="The characters that made it UCS-2.")


class PreviewOut(Schema):
    subject: str
    preheader: str
    body: str
    empty: list[str] = Field(description="Variables this customer has nothing for.")
    segments: SegmentsOut | None = Field(description="SMS only.")


class VoiceIn(Schema):
    formality: BrandVoice.Formality
    emoji_policy: BrandVoice.EmojiPolicy
    greetings: list[str] = []
    sign_offs: list[str] = []
    words_to_avoid: list[str] = []


class VoiceOut(VoiceIn):
    updated_at: datetime.datetime | None


class ToneIn(Schema):
    text: str
    channel: Channel = Field(description="The channel it goes by: email, sms, whatsapp, chat…")
    customer_id: int | None = Field(
        default=None, description="Check against this customer's recent contacts too."
    )


class HintOut(Schema):
    rule: str
    severity: str = Field(description="warning or advice.")
    message: str
    suggestion: str
    span: tuple[int, int] | None = Field(description="Start and end in the text.")


@router.get("/templates", response=TemplatePageOut, summary="List message templates")
@requires(Capability.SEND_OUTREACH)
def templates_list(request: StaffRequest, filters: Query[TemplateFilter]) -> object:
    return message_templates_page(
        organisation=organisation_get(),
        channel=filters.channel or "",
        purpose=filters.purpose or "",
        language=filters.language,
        after=filters.cursor,
        limit=filters.limit,
    )


@router.post("/templates", response={201: TemplateOut}, summary="Create a message template")
@requires(Capability.MANAGE_TEMPLATES)
def templates_create(request: StaffRequest, payload: TemplateIn) -> object:
    def write() -> tuple[int, Schema]:
        template = message_template_create(
            actor=request.auth, organisation=organisation_get(), draft=payload.draft()
        )
        return 201, TemplateOut.from_orm(template)

    return answer_once(request, write)


@router.get("/templates/{template_id}", response=TemplateOut, summary="Read a message template")
@requires(Capability.SEND_OUTREACH)
def templates_read(request: StaffRequest, template_id: int) -> object:
    return message_template_get(template_id=template_id, organisation=organisation_get())


@router.put("/templates/{template_id}", response=TemplateOut, summary="Change a message template")
@requires(Capability.MANAGE_TEMPLATES)
def templates_update(request: StaffRequest, template_id: int, payload: TemplateIn) -> object:
    return message_template_update(
        actor=request.auth,
        organisation=organisation_get(),
        template_id=template_id,
        draft=payload.draft(),
    )


@router.delete("/templates/{template_id}", response={204: None}, summary="Delete a template")
@requires(Capability.MANAGE_TEMPLATES)
def templates_delete(request: StaffRequest, template_id: int) -> object:
    message_template_delete(
        actor=request.auth, organisation=organisation_get(), template_id=template_id
    )
    return HttpResponse(status=204)


@router.post(
    "/templates/{template_id}/preview",
    response=PreviewOut,
    summary="The template as a customer would receive it from you",
)
@requires(Capability.SEND_OUTREACH)
def templates_preview(request: StaffRequest, template_id: int, payload: PreviewIn) -> object:
    organisation = organisation_get()
    template = message_template_get(template_id=template_id, organisation=organisation)
    customer = customer_open(viewer=request.auth, customer_id=payload.customer_id)
    return template_render(
        template=template, customer=customer, staff=request.auth, organisation=organisation
    )


@router.get("/brand-voice", response=VoiceOut, summary="How the brand sounds")
@requires()
def brand_voice_read(request: StaffRequest) -> object:
    voice = brand_voice_get(organisation=organisation_get())
    return {**_voice_fields(voice), "updated_at": voice.updated_at}


@router.put("/brand-voice", response=VoiceOut, summary="Set how the brand sounds")
@requires(Capability.MANAGE_TEMPLATES)
def brand_voice_set(request: StaffRequest, payload: VoiceIn) -> object:
    voice = brand_voice_update(
        actor=request.auth, organisation=organisation_get(), draft=VoiceDraft(**payload.dict())
    )
    return {**_voice_fields(voice), "updated_at": voice.updated_at}


def _voice_fields(voice: BrandVoice) -> dict[str, object]:
    names = ("formality", "emoji_policy", "greetings", "sign_offs", "words_to_avoid")
    return {name: getattr(voice, name) for name in names}


@router.post(
    "/tone-check",
    response=list[HintOut],
    summary="Tone hints for a message before it is sent: brand voice and the customer's history",
)
@requires(Capability.SEND_OUTREACH)
def tone_check_run(request: StaffRequest, payload: ToneIn) -> object:
    if payload.customer_id is not None:
        customer_open(viewer=request.auth, customer_id=payload.customer_id)
    return tone_check(
        text=payload.text,
        channel=payload.channel,
        organisation=organisation_get(),
        customer_id=payload.customer_id,
        at=timezone.now(),
    )
