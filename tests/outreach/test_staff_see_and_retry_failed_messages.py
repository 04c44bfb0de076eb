"""Managers see every message that failed for good — customer, channel, reason, attempts —
page by page, and retry one: the gate is asked again (consent may have changed), so it is
queued and sent, or stays failed with the gate's reason. Over the API too."""

from __future__ import annotations

import pytest
from django.test import Client

from api_clients import client_of
from consenting import WITHDRAWN
from consenting import record as consent
from everthread.outreach.delivery import outreach_deliver
from everthread.outreach.errors import NotRetryable
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_retry
from factories import StaffFactory
from outboxing import daytime, queue_message, quiet_hours_off


@pytest.fixture
def manager(organisation):
    return StaffFactory(username="manager", first_name="Owen", last_name="Hughes", role="manager")


@pytest.fixture
def failed(provider, settings, organisation, charlotte, advisor) -> OutboundMessage:
    """A WhatsApp message that failed for good while WhatsApp was not set up."""
    quiet_hours_off(organisation)  # a retry goes now, whatever the hour the tests run at
    settings.META_ACCESS_TOKEN = ""
    message = queue_message(charlotte, advisor, "whatsapp", purpose="marketing")
    dead = outreach_deliver(message_id=message.pk, now=daytime())
    assert dead is not None and dead.status == "dead"
    return dead


def test_the_list_shows_who_which_channel_why_and_how_often(failed, manager) -> None:
    page = client_of(manager).get("/outbox/failed/").content.decode()

    assert "Charlotte Hale" in page and "WhatsApp" in page
    assert "WhatsApp is not set up: set META_ACCESS_TOKEN and META_PHONE_NUMBER_ID" in page
    assert f'action="/outbox/{failed.pk}/retry/"' in page


def test_an_empty_list_says_so(manager) -> None:
    page = client_of(manager).get("/outbox/failed/").content.decode()

    assert "No failed messages" in page


def test_the_list_comes_in_pages(failed, settings, manager, charlotte, advisor) -> None:
    settings.PAGE_SIZE = 2
    for _ in range(2):
        message = queue_message(charlotte, advisor, "whatsapp")
        outreach_deliver(message_id=message.pk, now=daytime())
    client = client_of(manager)

    first = client.get("/outbox/failed/").content.decode()
    cursor = first.split("?cursor=")[1].split('"')[0]
    second = client.get(f"/outbox/failed/?cursor={cursor}").content.decode()

    assert first.count("Retry the message to") == 2
    assert second.count("Retry the message to") == 1
    assert "Older messages" not in second


def test_retry_once_set_up_sends_it(failed, settings, provider, manager) -> None:
    settings.META_ACCESS_TOKEN = "local-token"

    response = client_of(manager).post(f"/outbox/{failed.pk}/retry/", follow=True)

    assert "Queued again for Charlotte Hale." in response.content.decode()
    queued = OutboundMessage.objects.get(pk=failed.pk)
    assert (queued.status, queued.attempts, queued.last_error) == ("queued", 0, "")
    sent = outreach_deliver(message_id=failed.pk, now=daytime())
    assert sent is not None and sent.status == "sent"
    assert provider.taken_by_key() == {failed.idempotency_key: 1}


def test_retry_asks_the_gate_again(failed, manager, charlotte) -> None:
    consent(charlotte, "whatsapp", "marketing", WITHDRAWN, days_ago=0)

    response = client_of(manager).post(f"/outbox/{failed.pk}/retry/", follow=True)

    page = response.content.decode()
    assert "Not sent: Charlotte withdrew WhatsApp marketing" in page
    still = OutboundMessage.objects.get(pk=failed.pk)
    assert still.status == "dead"
    assert still.last_error.startswith("Charlotte withdrew WhatsApp marketing")


def test_only_a_failed_message_can_be_retried(failed, manager) -> None:
    outreach_retry(message_id=failed.pk, actor=manager)

    with pytest.raises(NotRetryable, match="This message is queued, not failed for good"):
        outreach_retry(message_id=failed.pk, actor=manager)


def test_the_api_lists_the_outbox_by_status(failed, manager) -> None:
    api: Client = client_of(manager)

    dead = api.get("/api/v1/outbox").json()
    queued = api.get("/api/v1/outbox?status=queued").json()
    wrong = api.get("/api/v1/outbox?status=lost")

    [item] = dead["items"]
    assert (item["id"], item["customer_name"], item["channel"], item["attempts"]) == (
        failed.pk,
        "Charlotte Hale",
        "whatsapp",
        1,
    )
    assert item["last_error"].startswith("WhatsApp is not set up")
    assert dead["next_cursor"] is None
    assert queued["items"] == []
    assert wrong.status_code == 422 and wrong.json()["field"] == "status"


def test_the_api_retries_through_the_gate(failed, manager) -> None:
    api = client_of(manager)

    retried = api.post(f"/api/v1/outbox/{failed.pk}/retry", HTTP_IDEMPOTENCY_KEY="retry-1")
    again = api.post(f"/api/v1/outbox/{failed.pk}/retry", HTTP_IDEMPOTENCY_KEY="retry-1")
    not_failed = api.post(f"/api/v1/outbox/{failed.pk}/retry")
    missing = api.post("/api/v1/outbox/999999/retry")

    assert retried.status_code == 200
    assert (retried.json()["outcome"], retried.json()["message"]["status"]) == (
        "allowed",
        "queued",
    )
    assert again.json() == retried.json()  # the same key: the first answer, not a 409
    assert not_failed.status_code == 409 and not_failed.json()["code"] == "not_retryable"
    assert missing.status_code == 404
