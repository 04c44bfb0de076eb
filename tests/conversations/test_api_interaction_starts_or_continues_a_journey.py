"""An interaction from any channel can start a journey or continue one: the journey
gathers the channels it touched and knows when the customer is waiting for a reply."""

from __future__ import annotations

from django.test import Client

from everthread.conversations.models import Interaction, Journey
from factories import CustomerFactory, StaffFactory


def _record(client: Client, customer_id: int, channel: str, summary: str, **fields: object):
    body = {"channel": channel, "direction": "inbound", "summary": summary, **fields}
    return client.post(
        f"/api/v1/customers/{customer_id}/interactions", body, content_type="application/json"
    )


def _start(kind: str, title: str, **fields: str) -> dict:
    return {"start_journey": {"kind": kind, "title": title, **fields}}


def test_a_virtual_appointment_starts_a_journey_the_store_continues(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    video = _record(
        signed_in,
        amara.pk,
        "video",
        "Virtual styling: three looks for her sister's wedding",
        direction="outbound",
        occurred_at="2025-03-06T11:00:00+00:00",
        **_start("styling", "Wedding outfit, 14 March"),
    ).json()
    journey_id = video["journey_id"]
    visit = _record(
        signed_in,
        amara.pk,
        "in_store",
        "Came in to try the emerald wrap dress",
        occurred_at="2025-03-08T10:05:00+01:00",
        journey_id=journey_id,
    )

    assert visit.status_code == 201
    assert visit.json()["journey_id"] == journey_id
    journey = signed_in.get(f"/api/v1/journeys/{journey_id}").json()
    assert journey["kind"] == "styling"
    assert journey["title"] == "Wedding outfit, 14 March"
    assert journey["channels"] == ["video", "in_store"]
    assert journey["owner"]["username"] == "tom"
    assert journey["last_activity_at"] == "2025-03-08T09:05:00Z"
    # She came in and was served there and then: nobody owes her a reply afterwards.
    assert journey["awaiting_reply_since"] is None


def test_a_journey_can_start_with_another_owner(signed_in: Client) -> None:
    StaffFactory(username="priya", first_name="Priya", last_name="Shah")
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = _record(
        signed_in,
        amara.pk,
        "phone",
        "Wants a styling appointment",
        **_start("styling", "Wedding outfit", owner="priya"),
    )

    assert response.status_code == 201
    assert Journey.objects.get().owner.username == "priya"


def test_another_customers_journey_cannot_be_continued(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    rosas = _record(
        signed_in, rosa.pk, "x", "Raincoat?", **_start("product_enquiry", "Raincoat")
    ).json()

    response = _record(signed_in, amara.pk, "chat", "Hello", journey_id=rosas["journey_id"])

    assert response.status_code == 404
    assert response.json()["field"] == "journey_id"
    assert Interaction.objects.filter(customer=amara).count() == 0


def test_starting_and_continuing_at_once_is_refused(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    first = _record(signed_in, amara.pk, "chat", "Hello", **_start("general", "Hello")).json()

    response = _record(
        signed_in,
        amara.pk,
        "chat",
        "Hello again",
        journey_id=first["journey_id"],
        **_start("general", "Another"),
    )

    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_interaction",
        "detail": "An interaction either continues a journey or starts one, not both.",
        "field": "journey_id",
    }
    assert Journey.objects.count() == 1
