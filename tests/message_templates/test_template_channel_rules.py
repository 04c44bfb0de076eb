"""Each channel's rules are held when a template is saved: email has a subject (and only
email), a WhatsApp template approved by Meta carries its name there, an SMS stays within ten
segments, and a name is used once per channel and language."""

from __future__ import annotations

import re

import pytest

from everthread.core.errors import Forbidden
from everthread.core.models import Organisation
from everthread.message_templates.errors import InvalidTemplate
from everthread.message_templates.models import MessageTemplate
from everthread.message_templates.services import (
    TemplateDraft,
    message_template_create,
    message_template_update,
)


def _draft(**fields) -> TemplateDraft:
    base = {"name": "Wedding", "channel": "sms", "purpose": "service", "body": "Hi there"}
    return TemplateDraft(**{**base, **fields})


def _create(actor, **fields) -> MessageTemplate:
    return message_template_create(
        actor=actor, organisation=Organisation.objects.get(), draft=_draft(**fields)
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"channel": "email"}, "subject", "An email template needs a subject."),
        ({"subject": "New in"}, "subject", "Only email has a subject"),
        ({"preheader": "Just in"}, "preheader", "Only email has a preheader"),
        (
            {"channel": "whatsapp", "whatsapp_approved": True},
            "provider_template_name",
            "Give the template's name at Meta",
        ),
        ({"whatsapp_approved": True}, "whatsapp_approved", "Only WhatsApp templates"),
        ({"body": "a" * 1531}, "body", "This SMS takes 11 segments (GSM-7)"),
        ({"channel": "whatsapp", "body": "a" * 1025}, "body", "at most 1024 characters"),
        ({"language": "English"}, "language", "not a language tag"),
        ({"channel": "post"}, "channel", "“post” is not a channel"),
        ({"purpose": "spam"}, "purpose", "“spam” is not a purpose"),
        ({"name": "  "}, "name", "Give the template a name."),
        ({"body": " "}, "body", "Write the message."),
    ],
)
def test_a_template_that_breaks_its_channels_rules_is_refused(
    manager, fields: dict, field: str, message: str
) -> None:
    with pytest.raises(InvalidTemplate, match=re.escape(message)) as refused:
        _create(manager, **fields)

    assert refused.value.field == field
    assert not MessageTemplate.objects.exists()


def test_an_approved_whatsapp_template_is_kept_with_its_name_at_meta(manager) -> None:
    template = _create(
        manager,
        channel="whatsapp",
        whatsapp_approved=True,
        provider_template_name="hf_order_ready_v2",
        body="Hi {{ customer.first_name }}, your order is ready at {{ store.name }}.",
    )

    assert template.whatsapp_approved and template.provider_template_name == "hf_order_ready_v2"


def test_a_name_is_used_once_per_channel_and_language(manager) -> None:
    first = _create(manager)
    _create(manager, language="fr")
    _create(manager, channel="whatsapp")

    with pytest.raises(
        InvalidTemplate, match="already a template called “Wedding” for SMS in en-GB"
    ):
        _create(manager)
    other = _create(manager, name="Other")
    with pytest.raises(InvalidTemplate, match="already"):
        message_template_update(
            actor=manager,
            organisation=Organisation.objects.get(),
            template_id=other.pk,
            draft=_draft(name=first.name),
        )


def test_an_associate_may_not_write_templates(associate) -> None:
    with pytest.raises(Forbidden):
        _create(associate)


def test_the_words_of_an_approved_whatsapp_template_stay_as_meta_approved_them(manager) -> None:
    approved = {
        "channel": "whatsapp",
        "whatsapp_approved": True,
        "provider_template_name": "hf_order_ready_v2",
        "body": "Hi {{ customer.first_name }}, your order is ready.",
    }
    template = _create(manager, **approved)
    organisation = Organisation.objects.get()

    with pytest.raises(InvalidTemplate, match="Meta approved this template as it is"):
        message_template_update(
            actor=manager,
            organisation=organisation,
            template_id=template.pk,
            draft=_draft(**{**approved, "body": "Hi, it's ready!"}),
        )
    renamed = message_template_update(
        actor=manager,
        organisation=organisation,
        template_id=template.pk,
        draft=_draft(**{**approved, "name": "Order ready"}),
    )
    unapproved = message_template_update(
        actor=manager,
        organisation=organisation,
        template_id=template.pk,
        draft=_draft(**{**approved, "body": "Hi, it's ready!", "whatsapp_approved": False}),
    )

    assert renamed.name == "Order ready"
    assert (unapproved.body, unapproved.whatsapp_approved) == ("Hi, it's ready!", False)
