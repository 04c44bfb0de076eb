"""X's Account Activity webhook: the challenge-response check, then mentions of the brand and
direct messages to it, each kept once; a customer's X handle puts them on their timeline."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.error
import urllib.request

import pytest

from everthread.channels.models import InboundEvent, UnlinkedContact
from everthread.conversations.models import Interaction
from factories import ContactPointFactory, CustomerFactory
from webhooks import (
    X_BRAND_ID,
    X_CONSUMER_SECRET,
    X_PATH,
    x_direct_message,
    x_mention,
    x_post,
    x_signature,
)

pytestmark = pytest.mark.django_db

RAINCOAT = "@harlowfinch I need a raincoat that keeps me dry on the walk to work. Any good?"


def test_the_check_answers_the_token_signed_with_the_consumer_secret(client) -> None:
    answered = client.get(X_PATH, {"crc_token": "ZmYzNDU2"})

    digest = hmac.new(X_CONSUMER_SECRET.encode(), b"ZmYzNDU2", hashlib.sha256).digest()
    assert answered.status_code == 200
    assert answered.json() == {"response_token": "sha256=" + base64.b64encode(digest).decode()}
    assert client.get(X_PATH).status_code == 400


def test_a_mention_and_a_direct_message_are_kept_once(client, organisation) -> None:
    mention = x_mention("1796586000000000001", "rosa_alv", RAINCOAT)
    message = x_direct_message("1796586000000000002", "1001", "Does it cover my legs?", "rosa_alv")

    first = [x_post(client, mention), x_post(client, message)]
    retried = x_post(client, mention)

    assert [r.status_code for r in first] == [200, 200] and retried.status_code == 200
    kept = InboundEvent.objects.order_by("pk")
    assert [(e.provider, e.kind, e.channel, e.sender, e.text) for e in kept] == [
        ("x", "message", "x", "rosa_alv", RAINCOAT),
        ("x", "message", "x", "rosa_alv", "Does it cover my legs?"),
    ]
    assert kept[0].provider_message_id == "post:1796586000000000001"
    assert kept[0].headers["X-Twitter-Webhooks-Signature"].startswith("sha256=")


def test_the_brands_own_posts_and_other_events_are_kept_but_not_acted_on(
    client, organisation
) -> None:
    ours = x_mention("1796586000000000003", "harlowfinch", "Thank you!", user_id=X_BRAND_ID)
    liked = {"for_user_id": X_BRAND_ID, "favorite_events": [{"id": "f1"}]}

    x_post(client, ours)
    x_post(client, liked)

    assert list(InboundEvent.objects.values_list("kind", flat=True)) == ["unknown", "unknown"]


def test_a_bad_or_missing_signature_is_refused_and_nothing_kept(client, organisation) -> None:
    body = json.dumps(x_mention("1796586000000000004", "rosa_alv", "Hello")).encode()

    forged = x_post(client, body, X_Twitter_Webhooks_Signature=x_signature(b"something else"))
    unsigned = client.post(X_PATH, body, content_type="application/json")

    assert (forged.status_code, unsigned.status_code) == (403, 403)
    assert forged.json()["code"] == "webhook_signature_invalid"
    assert not InboundEvent.objects.exists()


def test_a_malformed_body_is_refused_with_a_reason(client, organisation) -> None:
    not_json = x_post(client, b"{not json")
    no_account = x_post(client, {"tweet_create_events": []})

    assert (not_json.status_code, no_account.status_code) == (400, 400)
    assert "not JSON" in not_json.json()["detail"]
    assert "for_user_id" in no_account.json()["detail"]
    assert not InboundEvent.objects.exists()


def test_a_customers_handle_puts_the_post_on_their_timeline(
    client, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    ContactPointFactory(customer=rosa, kind="x", value="rosa_alv")

    with django_capture_on_commit_callbacks(execute=True):
        x_post(client, x_mention("1796586000000000005", "Rosa_Alv", RAINCOAT))
    with django_capture_on_commit_callbacks(execute=True):
        x_post(client, x_direct_message("1796586000000000006", "2002", "Hi!", "someone_new"))

    said = Interaction.objects.get(customer=rosa)
    assert (said.channel, said.direction, said.summary) == ("x", "inbound", RAINCOAT)
    assert UnlinkedContact.objects.get().address == "someone_new"


def test_a_real_http_request_to_the_live_server(
    live_server, transactional_db, organisation
) -> None:
    url = live_server.url + X_PATH
    body = json.dumps(x_mention("1796586000000000007", "rosa_alv", "Over real HTTP")).encode()
    signed = urllib.request.Request(
        url,
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Twitter-Webhooks-Signature": x_signature(body),
        },
    )
    with urllib.request.urlopen(signed, timeout=10) as response:
        assert response.status == 200
    forged = urllib.request.Request(
        url,
        data=body,
        headers={"Content-Type": "application/json", "X-Twitter-Webhooks-Signature": "sha256=bm9"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=10)

    assert refused.value.code == 403
    assert list(InboundEvent.objects.values_list("text", flat=True)) == ["Over real HTTP"]


def test_without_a_consumer_secret_configured_nothing_is_accepted(
    client, organisation, settings
) -> None:
    settings.X_CONSUMER_SECRET = ""

    refused = x_post(client, x_mention("1796586000000000008", "rosa_alv", "Hello"))

    assert refused.status_code == 403
    assert "X_CONSUMER_SECRET is not set" in refused.json()["detail"]
