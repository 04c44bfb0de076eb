"""Meta's webhook: the subscription check, then WhatsApp, Instagram and Messenger payloads."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from everthread.channels.models import InboundEvent
from webhooks import (
    META_PATH,
    META_VERIFY_TOKEN,
    dm,
    messaging,
    meta_post,
    meta_signature,
    whatsapp_cloud,
    whatsapp_text,
)

pytestmark = pytest.mark.django_db


def test_the_subscription_check_answers_the_challenge_only_with_our_token(client) -> None:
    asked = {"hub.mode": "subscribe", "hub.challenge": "1158201444"}

    ours = client.get(META_PATH, {**asked, "hub.verify_token": META_VERIFY_TOKEN})
    theirs = client.get(META_PATH, {**asked, "hub.verify_token": "guess"})

    assert (ours.status_code, ours.content) == (200, b"1158201444")
    assert theirs.status_code == 403


def test_each_message_and_status_in_a_whatsapp_payload_is_kept_once(client, organisation) -> None:
    payload = whatsapp_cloud(
        messages=[
            whatsapp_text("wamid.A1", "447700900303", "Arriving around 23:30", 1_767_000_000),
            whatsapp_text("wamid.A2", "447700900303", "Feather-free pillows please"),
        ],
        statuses=[
            {
                "id": "wamid.OUT1",
                "status": "read",
                "timestamp": "1767000100",
                "recipient_id": "447700900303",
            }
        ],
        name="Mei Lin",
    )

    first = meta_post(client, payload)
    retry = meta_post(client, payload)

    assert (first.status_code, retry.status_code) == (200, 200)
    events = InboundEvent.objects.order_by("pk")
    assert [(e.kind, e.channel, e.provider_message_id) for e in events] == [
        ("message", "whatsapp", "wamid.A1"),
        ("message", "whatsapp", "wamid.A2"),
        ("status", "whatsapp", "wamid.OUT1:read"),
    ]
    assert (events[0].sender, events[0].sender_name) == ("+447700900303", "Mei Lin")
    assert events[1].text == "Feather-free pillows please"
    assert events[0].occurred_at.timestamp() == 1_767_000_000


def test_instagram_and_messenger_messages_are_kept_with_the_sender_id(client, organisation) -> None:
    meta_post(
        client,
        messaging("instagram", [dm("ig.mid.1", "17841400000000001", "Do you have it in red?")]),
    )
    meta_post(client, messaging("page", [dm("m_mid.2", "6100000000000002", "Where is my order?")]))

    events = InboundEvent.objects.order_by("pk")
    assert [(e.channel, e.sender, e.provider_message_id, e.text) for e in events] == [
        ("instagram", "17841400000000001", "ig.mid.1", "Do you have it in red?"),
        ("messenger", "6100000000000002", "m_mid.2", "Where is my order?"),
    ]


def test_a_bad_or_missing_signature_is_refused_and_nothing_kept(client, organisation) -> None:
    body = json.dumps(
        whatsapp_cloud(messages=[whatsapp_text("wamid.B1", "447700900303", "Hi")])
    ).encode()

    unsigned = client.post(META_PATH, body, content_type="application/json")
    forged = client.post(
        META_PATH,
        body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": meta_signature(body, "another-app")},
    )
    tampered = client.post(
        META_PATH,
        body.replace(b"Hi", b"Ha"),
        content_type="application/json",
        headers={"X-Hub-Signature-256": meta_signature(body)},
    )

    assert [unsigned.status_code, forged.status_code, tampered.status_code] == [403, 403, 403]
    assert not InboundEvent.objects.exists()


def test_a_malformed_body_is_refused_with_a_reason(client, organisation) -> None:
    not_json = meta_post(client, b"{not json")
    no_entry = meta_post(client, {"object": "page"})
    bad_message = meta_post(
        client, whatsapp_cloud(messages=[{"id": "wamid.C1", "type": "text", "text": {"body": "x"}}])
    )

    assert [not_json.status_code, no_entry.status_code, bad_message.status_code] == [400, 400, 400]
    assert "not JSON" in not_json.json()["detail"]
    assert "entry" in no_entry.json()["detail"]
    assert "sender" in bad_message.json()["detail"]
    assert not InboundEvent.objects.exists()


def test_unknown_notifications_are_kept_raw_and_marked_unknown(client, organisation) -> None:
    read_receipt = {
        "sender": {"id": "6100000000000002"},
        "recipient": {"id": "PAGE-1"},
        "read": {"watermark": 1},
    }
    other_field = {
        "object": "whatsapp_business_account",
        "entry": [
            {"id": "WABA-1", "changes": [{"field": "account_update", "value": {"event": "X"}}]}
        ],
    }

    first = meta_post(client, messaging("page", [read_receipt]))
    meta_post(client, messaging("page", [read_receipt]))
    meta_post(client, other_field)
    meta_post(
        client, {"object": "permissions", "entry": [{"id": "1", "changed_fields": ["email"]}]}
    )

    assert first.status_code == 200
    assert list(InboundEvent.objects.values_list("kind", flat=True)) == ["unknown"] * 3


def test_without_an_app_secret_configured_nothing_is_accepted(
    client, organisation, settings
) -> None:
    settings.META_APP_SECRET = ""

    refused = meta_post(client, whatsapp_cloud([whatsapp_text("wamid.E1", "447700900303", "Hi")]))

    assert refused.status_code == 403
    assert "META_APP_SECRET is not set" in refused.json()["detail"]
    assert not InboundEvent.objects.exists()


def test_a_real_http_request_to_the_live_server(
    live_server, transactional_db, organisation
) -> None:
    url = live_server.url + META_PATH
    body = json.dumps(
        whatsapp_cloud(messages=[whatsapp_text("wamid.LIVE1", "447700900303", "Over real HTTP")])
    ).encode()
    challenge = urllib.request.urlopen(
        f"{url}?hub.mode=subscribe&hub.challenge=42&hub.verify_token={META_VERIFY_TOKEN}",
        timeout=10,
    )
    signed = urllib.request.Request(
        url,
        data=body,
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": meta_signature(body)},
    )
    with urllib.request.urlopen(signed, timeout=10) as response:
        assert (response.status, response.read()) == (200, b"EVENT_RECEIVED")
    forged = urllib.request.Request(
        url,
        data=body.replace(b"Over real HTTP", b"Forged"),
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": meta_signature(body)},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=10)

    assert challenge.read() == b"42"
    assert refused.value.code == 403
    assert list(InboundEvent.objects.values_list("text", flat=True)) == ["Over real HTTP"]
