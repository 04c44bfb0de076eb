"""Reads: the template list, one template, the brand voice, a template filled in for a
customer, and the tone check with the customer's recent contacts."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from everthread.conversations.models import Interaction, Journey
from everthread.core.models import Organisation, Staff
from everthread.core.pagination import cursor_decode, cursor_encode
from everthread.customers.models import Customer
from everthread.message_templates.errors import TemplateNotFound
from everthread.message_templates.models import BrandVoice, MessageTemplate, TemplateChannel
from everthread.message_templates.sms import Segments, sms_segments
from everthread.message_templates.tone import Contact, Hint, tone_assess
from everthread.message_templates.tone_rules import tone_rules_default
from everthread.message_templates.variables import variables_fill


@dataclass(frozen=True)
class TemplatePage:
    items: list[MessageTemplate]
    next_cursor: str | None


def message_templates_page(
    *,
    organisation: Organisation,
    channel: str = "",
    purpose: str = "",
    language: str = "",
    after: str | None = None,
    limit: int | None = None,
) -> TemplatePage:
    """The organisation's templates by name, filtered, paginated by (name, id), with who
    changed each last; 1 query."""
    limit = limit or settings.PAGE_SIZE
    rows = MessageTemplate.objects.filter(organisation=organisation).select_related("updated_by")
    if channel:
        rows = rows.filter(channel=channel)
    if purpose:
        rows = rows.filter(purpose=purpose)
    if language:
        rows = rows.filter(language__iexact=language)
    if after:
        name, last_id = cursor_decode(after, str, int)
        rows = rows.filter(Q(name__gt=name) | Q(name=name, id__gt=last_id))
    page = list(rows.order_by("name", "id")[: limit + 1])
    if len(page) <= limit:
        return TemplatePage(page, None)
    last = page[limit - 1]
    return TemplatePage(page[:limit], cursor_encode(last.name, last.pk))


def message_templates_for(*, organisation: Organisation, purpose: str) -> list[MessageTemplate]:
    """The templates the composer offers for a purpose, on every channel, by name; 1 query."""
    return list(
        MessageTemplate.objects.filter(organisation=organisation, purpose=purpose).order_by(
            "channel", "name", "id"
        )
    )


def message_template_get(*, template_id: int, organisation: Organisation) -> MessageTemplate:
    template = MessageTemplate.objects.filter(pk=template_id, organisation=organisation).first()
    if template is None:
        raise TemplateNotFound(f"There is no message template with id {template_id}.")
    return template


def brand_voice_get(*, organisation: Organisation) -> BrandVoice:
    """The organisation's brand voice; the defaults (unsaved) until a manager sets one."""
    voice = BrandVoice.objects.filter(organisation=organisation).first()
    return voice or BrandVoice(organisation=organisation)


@dataclass(frozen=True)
class Preview:
    """A template as this customer would receive it from this member of staff."""

    subject: str
    preheader: str
    body: str
    # Variables this customer has nothing for ({{ journey.subject }} with no open journey).
    empty: tuple[str, ...]
    segments: Segments | None  # SMS only


def template_values(
    *, customer: Customer, staff: Staff, organisation: Organisation
) -> dict[str, str]:
    """What each variable says for this customer and sender; 1 query (their open journey)."""
    journey = (
        Journey.objects.filter(customer=customer, status=Journey.Status.OPEN)
        .order_by("-last_activity_at", "-id")
        .first()
    )
    store = customer.home_store or staff.home_store
    return {
        "customer.first_name": customer.greeting_name,
        "customer.last_name": customer.family_name,
        "customer.full_name": customer.full_name,
        "staff.first_name": staff.first_name,
        "staff.last_name": staff.last_name,
        "staff.full_name": staff.get_full_name(),
        "staff.job_title": staff.job_title,
        "journey.subject": journey.title if journey else "",
        "journey.where_it_stands": journey.where_it_stands if journey else "",
        "store.name": store.name if store else "",
        "store.city": store.city if store else "",
        "store.address": store.address if store else "",
        "organisation.name": organisation.name,
    }


def template_preview(
    *,
    channel: str,
    subject: str,
    preheader: str,
    body: str,
    values: dict[str, str],
) -> Preview:
    """Fill in a template's texts (saved or still being written); no query."""
    parts = [variables_fill(text, values) for text in (subject, preheader, body)]
    empty = tuple(dict.fromkeys(name for part in parts for name in part.empty))
    segments = sms_segments(parts[2].text) if channel == TemplateChannel.SMS else None
    return Preview(parts[0].text, parts[1].text, parts[2].text, empty, segments)


def tone_history(*, customer_id: int, at: datetime.datetime, days: int) -> list[Contact]:
    """The customer's contacts of the last ``days`` days, newest first; 1 query."""
    rows = (
        Interaction.objects.filter(
            customer_id=customer_id,
            occurred_at__gte=at - datetime.timedelta(days=days),
            occurred_at__lte=at,
        )
        .exclude(direction=Interaction.Direction.INTERNAL)
        .order_by("-occurred_at", "-id")
        .values_list("channel", "direction", "occurred_at", "summary")[:20]
    )
    return [Contact(*row) for row in rows]


def template_render(
    *, template: MessageTemplate, customer: Customer, staff: Staff, organisation: Organisation
) -> Preview:
    """A saved template as this customer would receive it from ``staff``; 1 query."""
    return template_preview(
        channel=template.channel,
        subject=template.subject,
        preheader=template.preheader,
        body=template.body,
        values=template_values(customer=customer, staff=staff, organisation=organisation),
    )


def tone_check(
    *,
    text: str,
    channel: str,
    organisation: Organisation,
    customer_id: int | None,
    at: datetime.datetime,
    history: Sequence[Contact] = (),
) -> list[Hint]:
    """The tone check against the brand voice and, for a customer, their recent contacts
    (or the ``history`` given, for a practice persona who has no customer row); at most 2
    queries."""
    rules = tone_rules_default()
    if customer_id is not None:
        history = tone_history(customer_id=customer_id, at=at, days=rules.history_days)
    voice = brand_voice_get(organisation=organisation)
    return tone_assess(text, channel=channel, voice=voice, history=history, at=at, rules=rules)
