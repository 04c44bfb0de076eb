"""A channel that delivers the same message twice records one interaction: the retry is
answered 200 with the first interaction, and nothing about it changes."""

from __future__ import annotations

from django.test import Client

from everthread.conversations.models import Interaction, Journey, TimelineEntry
from factories import CustomerFactory

CHAT = {
    "channel": "chat",
    "direction": "inbound",
    "summary": "Boots from HF-100482 are a size too small",
    "body": "Wants to exchange them for EU 43.",
    "occurred_at": "2025-03-10T14:05:00+00:00",
    "external_id": "chat-7f3a",
    "start_journey": {"kind": "return", "title": "Exchange boots HF-100482"},
}


def _record(client: Client, customer_id: int, body: dict, **headers: str):
    return client.post(
        f"/api/v1/customers/{customer_id}/interactions",
        body,
        content_type="application/json",
        **headers,
    )


def test_the_first_delivery_is_201_and_the_retry_200_with_the_same_interaction(
    signed_in: Client,
) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")

    first = _record(signed_in, daniel.pk, CHAT)
    retry = _record(signed_in, daniel.pk, CHAT)

    assert first.status_code == 201
    assert retry.status_code == 200
    assert retry.json() == first.json()
    assert first.json()["external_id"] == "chat-7f3a"
    assert first.json()["occurred_at"] == "2025-03-10T14:05:00Z"
    assert Interaction.objects.count() == 1
    assert Journey.objects.count() == 1
    assert TimelineEntry.objects.count() == 1


def test_a_retry_that_differs_changes_nothing(signed_in: Client) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    first = _record(signed_in, daniel.pk, CHAT).json()

    retry = _record(
        signed_in,
        daniel.pk,
        {**CHAT, "summary": "Changed on the way", "start_journey": None, "direction": "outbound"},
    )

    assert retry.status_code == 200
    assert retry.json()["id"] == first["id"]
    interaction = Interaction.objects.get()
    assert interaction.summary == "Boots from HF-100482 are a size too small"
    assert interaction.direction == "inbound"
    assert interaction.journey is not None
    assert interaction.journey.awaiting_reply_since is not None


def test_the_same_id_in_another_channel_is_another_contact(signed_in: Client) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")

    chat = _record(signed_in, daniel.pk, CHAT)
    email = _record(signed_in, daniel.pk, {**CHAT, "channel": "email", "start_journey": None})

    assert chat.status_code == email.status_code == 201
    assert chat.json()["id"] != email.json()["id"]


def test_contacts_without_an_external_id_are_each_recorded(signed_in: Client) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    walk_in = {"channel": "in_store", "direction": "inbound", "summary": "Came in with the boots"}

    assert _record(signed_in, daniel.pk, walk_in).status_code == 201
    assert _record(signed_in, daniel.pk, walk_in).status_code == 201
    assert Interaction.objects.count() == 2


def test_an_idempotency_key_replays_the_first_answer(signed_in: Client) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    walk_in = {"channel": "in_store", "direction": "inbound", "summary": "Came in with the boots"}

    first = _record(signed_in, daniel.pk, walk_in, HTTP_IDEMPOTENCY_KEY="walk-in-1")
    retry = _record(signed_in, daniel.pk, walk_in, HTTP_IDEMPOTENCY_KEY="walk-in-1")

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert Interaction.objects.count() == 1


def test_the_interaction_reads_back_with_who_recorded_it(signed_in: Client) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    recorded = _record(signed_in, daniel.pk, CHAT).json()

    response = signed_in.get(f"/api/v1/customers/{daniel.pk}/interactions/{recorded['id']}")

    assert response.status_code == 200
    assert response.json() == recorded
    assert recorded["staff"]["username"] == "tom"
    assert recorded["staff"]["name"] == "Tom Reilly"
    assert recorded["journey_id"] == Journey.objects.get().pk
