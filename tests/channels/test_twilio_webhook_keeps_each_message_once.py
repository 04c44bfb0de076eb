"""Twilio's SMS and WhatsApp webhook: signed requests are kept once, anything else refused."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from everthread.channels.models import InboundEvent
from webhooks import TWILIO_PATH, sms, twilio_post, twilio_signature, twilio_status

pytestmark = pytest.mark.django_db


def test_a_signed_sms_is_kept_and_acknowledged(client, organisation) -> None:
    response = twilio_post(client, sms("SM100", "+447700900101", "Is the emerald dress in?"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    event = InboundEvent.objects.get()
    assert (event.provider, event.kind, event.channel) == ("twilio", "message", "sms")
    assert (event.sender, event.text) == ("+447700900101", "Is the emerald dress in?")
    assert event.provider_message_id == "SM100"
    assert event.outcome == "pending" and event.processed_at is None
    assert "Body=Is+the+emerald+dress+in" in event.raw_body
    assert event.headers["X-Twilio-Signature"]


def test_a_retried_delivery_changes_nothing_and_still_answers_200(client, organisation) -> None:
    form = sms("SM101", "+447700900101", "Hello")
    twilio_post(client, form)
    first = InboundEvent.objects.get()

    again = twilio_post(client, form)

    assert again.status_code == 200
    assert list(InboundEvent.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_whatsapp_sender_is_read_as_a_whatsapp_message(client, organisation) -> None:
    twilio_post(client, sms("SM102", "whatsapp:+447700900303", "Late check-in", "whatsapp:+4420"))

    event = InboundEvent.objects.get()
    assert (event.channel, event.sender) == ("whatsapp", "+447700900303")


def test_status_callbacks_are_kept_one_per_status(client, organisation) -> None:
    twilio_post(client, twilio_status("SM200", "sent"))
    twilio_post(client, twilio_status("SM200", "delivered"))
    twilio_post(client, twilio_status("SM200", "delivered"))

    events = InboundEvent.objects.order_by("pk")
    assert [(e.kind, e.status, e.provider_message_id) for e in events] == [
        ("status", "sent", "SM200:sent"),
        ("status", "delivered", "SM200:delivered"),
    ]


def test_a_wrong_or_missing_signature_is_refused_and_nothing_kept(client, organisation) -> None:
    form = sms("SM103", "+447700900101", "Hello")
    forged = client.post(
        TWILIO_PATH,
        urlencode(form),
        content_type="application/x-www-form-urlencoded",
        headers={
            "X-Twilio-Signature": twilio_signature(
                "http://testserver" + TWILIO_PATH, form, "not-the-token"
            )
        },
    )
    unsigned = client.post(
        TWILIO_PATH, urlencode(form), content_type="application/x-www-form-urlencoded"
    )
    tampered_form = {**form, "Body": "Send me the refund"}
    tampered = client.post(
        TWILIO_PATH,
        urlencode(tampered_form),
        content_type="application/x-www-form-urlencoded",
        headers={"X-Twilio-Signature": twilio_signature("http://testserver" + TWILIO_PATH, form)},
    )

    assert [forged.status_code, unsigned.status_code, tampered.status_code] == [403, 403, 403]
    assert forged.json()["code"] == "webhook_signature_invalid"
    assert not InboundEvent.objects.exists()


def test_the_url_twilio_signed_is_the_public_one_behind_a_proxy(
    client, organisation, settings
) -> None:
    form = sms("SM104", "+447700900101", "Hello")
    behind_tls = twilio_post(
        client,
        form,
        signed_url="https://testserver" + TWILIO_PATH,
        **{"X-Forwarded-Proto": "https"},
    )
    settings.PUBLIC_URL = "https://hooks.harlowandfinch.example.com"
    public = twilio_post(
        client,
        sms("SM105", "+447700900101", "Hello again"),
        signed_url="https://hooks.harlowandfinch.example.com" + TWILIO_PATH,
    )
    internal = twilio_post(client, sms("SM106", "+447700900101", "Hi"))

    assert [behind_tls.status_code, public.status_code, internal.status_code] == [200, 200, 403]
    assert sorted(InboundEvent.objects.values_list("provider_message_id", flat=True)) == [
        "SM104",
        "SM105",
    ]


def test_a_body_that_is_not_a_twilio_form_is_refused_with_a_reason(client, organisation) -> None:
    no_sid = {"From": "+447700900101", "Body": "Hello"}
    missing = twilio_post(client, no_sid)
    as_json = client.post(
        TWILIO_PATH,
        b'{"Body": "Hello"}',
        content_type="application/json",
        headers={"X-Twilio-Signature": twilio_signature("http://testserver" + TWILIO_PATH, {})},
    )

    assert missing.status_code == 400
    assert "MessageSid" in missing.json()["detail"]
    assert as_json.status_code == 400
    assert "x-www-form-urlencoded" in as_json.json()["detail"]
    assert not InboundEvent.objects.exists()


def test_a_real_http_request_to_the_live_server(
    live_server, transactional_db, organisation
) -> None:
    url = live_server.url + TWILIO_PATH
    form = sms("SM107", "+447700900101", "Over real HTTP")
    request = urllib.request.Request(
        url,
        data=urlencode(form).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": twilio_signature(url, form),
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    forged = urllib.request.Request(
        url, data=urlencode(form).encode(), headers={"X-Twilio-Signature": "bm9wZQ=="}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=10)

    assert refused.value.code == 403
    assert list(InboundEvent.objects.values_list("text", flat=True)) == ["Over real HTTP"]


def test_without_an_auth_token_configured_nothing_is_accepted(
    client, organisation, settings
) -> None:
    settings.TWILIO_AUTH_TOKEN = ""

    refused = twilio_post(client, sms("SM108", "+447700900101", "Hello"))

    assert refused.status_code == 403
    assert "TWILIO_AUTH_TOKEN is not set" in refused.json()["detail"]
    assert not InboundEvent.objects.exists()
