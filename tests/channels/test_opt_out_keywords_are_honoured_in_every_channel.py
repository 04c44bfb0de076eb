"""STOP, START and HELP by text or WhatsApp change consent at once, and the confirmation
goes back through the outreach gate like any other message."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from consenting import GRANTED, client_of, isabelle
from consenting import record as consent
from everthread.channels.models import InboundEvent
from everthread.consent.selectors import consent_history
from everthread.outreach.models import OutboundMessage
from everthread.outreach.selectors import outreach_assess
from webhooks import meta_post, sms, twilio_post, whatsapp_cloud, whatsapp_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def henry(organisation):
    # No quiet hours, so a confirmation goes at once whatever the time the test runs.
    organisation.quiet_hours_start = organisation.quiet_hours_end = datetime.time(0, 0)
    organisation.save()
    henry = client_of(isabelle(), "Henry", "Adeyemi", "+447700900112")
    consent(henry, "sms", "marketing", GRANTED, days_ago=90)
    consent(henry, "whatsapp", "marketing", GRANTED, days_ago=90)
    return henry


def _text(client, capture, sid: str, words: str) -> InboundEvent:
    with capture(execute=True):
        twilio_post(client, sms(sid, "+447700900112", words))
    return InboundEvent.objects.get(provider_message_id=sid)


def test_stop_by_text_withdraws_sms_and_the_gate_then_refuses(
    client, henry, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    event = _text(client, django_capture_on_commit_callbacks, "SM1", "STOP")

    verdict = outreach_assess(customer=henry, channel="sms", purpose="marketing", at=timezone.now())
    assert verdict.outcome == "refused"
    assert any("replied STOP to SMS" in reason for reason in verdict.reasons)
    # WhatsApp was not the channel he wrote in: it stays as he agreed.
    assert (
        outreach_assess(
            customer=henry, channel="whatsapp", purpose="marketing", at=timezone.now()
        ).outcome
        == "allowed"
    )
    assert event.outcome == "recorded" and event.note.startswith("Keyword applied")


def test_start_restores_and_its_confirmation_is_queued_through_the_gate(
    client, henry, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    _text(client, django_capture_on_commit_callbacks, "SM1", "STOP")
    event = _text(client, django_capture_on_commit_callbacks, "SM2", "start")

    assert (
        outreach_assess(
            customer=henry, channel="sms", purpose="marketing", at=timezone.now()
        ).outcome
        == "allowed"
    )
    confirmation = OutboundMessage.objects.get(customer=henry)
    assert (
        confirmation.body
        == "Harlow & Finch: you will get SMS messages from us again. Reply STOP to stop."
    )
    assert (confirmation.channel, confirmation.purpose, confirmation.address) == (
        "sms",
        "service",
        "+447700900112",
    )
    assert confirmation.status == "queued"
    assert confirmation.created_by.username == "everthread-automatic"
    assert not confirmation.created_by.has_usable_password()
    assert event.note == "Keyword applied; confirmation queued."


def test_help_by_whatsapp_answers_in_whatsapp_and_changes_nothing(
    client, henry, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    before = consent_history(customer_id=henry.pk)
    with django_capture_on_commit_callbacks(execute=True):
        meta_post(client, whatsapp_cloud([whatsapp_text("wamid.H1", "447700900112", "HELP")]))

    answer = OutboundMessage.objects.get(customer=henry)
    assert answer.channel == "whatsapp"
    assert "reply STOP to stop WhatsApp messages" in answer.body
    assert consent_history(customer_id=henry.pk) == before


def test_an_ordinary_message_sends_nothing_back(
    client, henry, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    event = _text(client, django_capture_on_commit_callbacks, "SM3", "Stop by the store on Friday?")

    assert not OutboundMessage.objects.exists()
    assert event.note == ""
