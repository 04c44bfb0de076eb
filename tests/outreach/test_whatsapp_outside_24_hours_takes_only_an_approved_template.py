"""WhatsApp's service window: within 24 hours of the customer's last WhatsApp message free
text may go back; outside it only a template Meta approved, as approved, and the composer
says which it is before anything is sent."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from consenting import wrote_on_whatsapp
from everthread.message_templates.selectors import template_render
from everthread.outreach.errors import WhatsAppWindowClosed
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send
from factories import MessageTemplateFactory

BODY = (
    "Hi {{ customer.first_name }}, the ivory silk dress has arrived in a 10. {{ staff.first_name }}"
)


@pytest.fixture
def new_arrival(advisor):
    return MessageTemplateFactory(
        name="New arrival",
        channel="whatsapp",
        body=BODY,
        whatsapp_approved=True,
        provider_template_name="hf_new_arrival",
        created_by=advisor,
    )


def _send(charlotte, advisor, body: str, **kw):
    return outreach_send(
        customer=charlotte,
        channel="whatsapp",
        purpose="marketing",
        actor=advisor,
        body=body,
        **kw,
    )


def test_free_text_is_refused_when_she_has_not_written(charlotte, advisor) -> None:
    with pytest.raises(WhatsAppWindowClosed) as refused:
        _send(charlotte, advisor, "Hi Charlotte, the ivory silk dress is in.")

    assert refused.value.message == (
        "Charlotte has not written on WhatsApp: outside the 24-hour window only a WhatsApp "
        "template approved by Meta may be sent. Choose one, or use another channel."
    )
    assert not OutboundMessage.objects.exists()


def test_free_text_is_refused_a_day_after_her_last_message(charlotte, advisor) -> None:
    wrote_on_whatsapp(charlotte, at=timezone.now() - datetime.timedelta(hours=24))

    with pytest.raises(WhatsAppWindowClosed, match="Charlotte last wrote on WhatsApp on"):
        _send(charlotte, advisor, "Hi Charlotte, the ivory silk dress is in.")


def test_free_text_goes_within_the_window(charlotte, advisor) -> None:
    wrote_on_whatsapp(charlotte, at=timezone.now())

    sent = _send(charlotte, advisor, "Hi Charlotte, yes: the ivory silk dress is in.")

    assert sent.outcome in ("allowed", "held")


def test_the_approved_template_goes_as_approved(charlotte, advisor, new_arrival) -> None:
    body = template_render(
        template=new_arrival,
        customer=charlotte,
        staff=advisor,
        organisation=new_arrival.organisation,
    ).body

    sent = _send(charlotte, advisor, body, template_id=new_arrival.pk)

    assert sent.outcome in ("allowed", "held")
    assert sent.message.body == "Hi Charlotte, the ivory silk dress has arrived in a 10. Isabelle"


def test_an_edited_or_unapproved_template_is_refused(charlotte, advisor, new_arrival) -> None:
    with pytest.raises(WhatsAppWindowClosed, match="undo the changes") as edited:
        _send(
            charlotte,
            advisor,
            "Hi Charlotte, it's in! Shall I hold one?",
            template_id=new_arrival.pk,
        )
    assert edited.value.field == "body"

    new_arrival.whatsapp_approved = False
    new_arrival.save()
    with pytest.raises(WhatsAppWindowClosed, match="“New arrival” is not approved by Meta"):
        _send(charlotte, advisor, "Hi Charlotte", template_id=new_arrival.pk)
    assert not OutboundMessage.objects.exists()


def test_the_composer_says_the_window_is_closed_and_refuses_free_text(advisor, charlotte) -> None:
    client = Client()
    client.force_login(advisor)

    panel = client.post(
        f"/customers/{charlotte.pk}/message/check/", {"channel": "whatsapp", "body": "Hi"}
    ).content.decode()
    page = client.post(
        f"/customers/{charlotte.pk}/message/",
        {"purpose": "marketing", "channel": "whatsapp", "body": "Hi Charlotte, it is in."},
    ).content.decode()

    assert "Charlotte has not written on WhatsApp, outside the 24-hour window" in panel
    assert "only a WhatsApp template approved by Meta may be sent" in page
    assert 'id="id_template_error"' in page
    assert not OutboundMessage.objects.exists()


def test_the_composer_says_until_when_free_text_may_go(advisor, charlotte) -> None:
    wrote_on_whatsapp(charlotte, at=timezone.now())
    client = Client()
    client.force_login(advisor)

    panel = client.post(
        f"/customers/{charlotte.pk}/message/check/", {"channel": "whatsapp", "body": "Hi"}
    ).content.decode()

    assert "WhatsApp: Charlotte wrote 1\xa0hour ago, so a free message may go until" in panel


def test_the_api_refuses_free_text_outside_the_window_and_tone_when_asked(
    advisor, charlotte
) -> None:
    client = Client()
    client.force_login(advisor)
    url = f"/api/v1/customers/{charlotte.pk}/messages"

    closed = client.post(
        url,
        {"channel": "whatsapp", "purpose": "marketing", "body": "Hi Charlotte"},
        content_type="application/json",
    )
    curt = client.post(
        url,
        {"channel": "email", "purpose": "service", "body": "Ready.", "send_anyway": False},
        content_type="application/json",
    )

    assert closed.status_code == 400 and closed.json()["code"] == "whatsapp_window_closed"
    assert curt.status_code == 409 and curt.json()["code"] == "tone_hints"
    assert [hint["rule"] for hint in curt.json()["hints"]] == ["curt"]
    assert not OutboundMessage.objects.exists()
