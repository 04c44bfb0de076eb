"""The composer offers the templates for the purpose and fills the one picked for this
customer; as the message is written it shows the tone hints and the SMS segments; a message
the tone check warns about goes only with "send anyway", and the choice and the hints are
kept with the message for coaching."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.message_templates.models import BrandVoice
from everthread.outreach.models import OutboundMessage
from factories import MessageTemplateFactory


@pytest.fixture
def isabelle_signed_in(advisor) -> Client:
    client = Client()
    client.force_login(advisor)
    return client


@pytest.fixture
def alterations(advisor):
    return MessageTemplateFactory(
        name="Alterations ready",
        channel="email",
        purpose="service",
        subject="Your alterations, {{ customer.first_name }}",
        body="Hello {{ customer.first_name }}, your alterations are ready. {{ staff.first_name }}",
        created_by=advisor,
    )


def test_picking_a_template_fills_it_in_for_this_customer(
    isabelle_signed_in, charlotte, alterations
) -> None:
    page = isabelle_signed_in.get(
        f"/customers/{charlotte.pk}/message/?purpose=service&template={alterations.pk}"
    ).content.decode()

    assert "Alterations ready (Email)" in page
    assert "Hello Charlotte, your alterations are ready. Isabelle</textarea>" in page
    assert 'value="Your alterations, Charlotte"' in page
    assert '<option value="email" selected>' in page


def test_the_live_panel_shows_tone_hints_and_sms_segments(isabelle_signed_in, charlotte) -> None:
    panel = isabelle_signed_in.post(
        f"/customers/{charlotte.pk}/message/check/", {"channel": "sms", "body": "Length: 98 cm."}
    ).content.decode()

    assert "“Length: 98 cm.” is very short and has no greeting or thanks" in panel
    assert "SMS: 1 segment (GSM-7, 14 characters" in panel
    assert 'name="send_anyway"' in panel


def test_a_warm_message_has_nothing_to_change(isabelle_signed_in, charlotte) -> None:
    panel = isabelle_signed_in.post(
        f"/customers/{charlotte.pk}/message/check/",
        {"channel": "email", "body": "Hello Charlotte, your alterations are ready to collect."},
    ).content.decode()

    assert "Tone: nothing to change." in panel
    assert 'name="send_anyway"' not in panel


def test_a_warned_message_goes_only_with_send_anyway_and_that_is_recorded(
    isabelle_signed_in, charlotte, organisation
) -> None:
    BrandVoice.objects.create(organisation=organisation, emoji_policy="never")
    form = {"purpose": "service", "channel": "email", "body": "Ready 👍"}

    first = isabelle_signed_in.post(f"/customers/{charlotte.pk}/message/", form).content.decode()
    assert (
        "The tone check has 2 suggestions for this message to Charlotte: change it, or send anyway."
        in first
    )
    assert "The brand voice uses no emoji" in first
    assert not OutboundMessage.objects.exists()

    isabelle_signed_in.post(f"/customers/{charlotte.pk}/message/", {**form, "send_anyway": "on"})

    message = OutboundMessage.objects.get()
    assert message.sent_anyway is True
    assert [hint["rule"] for hint in message.tone_hints] == ["curt", "emoji"]


def test_a_message_with_only_advice_goes_and_keeps_the_advice(
    isabelle_signed_in, charlotte
) -> None:
    isabelle_signed_in.post(
        f"/customers/{charlotte.pk}/message/",
        {
            "purpose": "service",
            "channel": "email",
            "body": "Your alterations are ready to collect.",
        },
    )

    message = OutboundMessage.objects.get()
    assert message.sent_anyway is False
    assert [hint["rule"] for hint in message.tone_hints] == ["no-greeting"]
