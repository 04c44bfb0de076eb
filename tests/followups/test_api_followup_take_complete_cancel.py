"""Working a follow-up over the API: take it from the team queue, complete it with an
outcome (a request's answer goes back to the conversation), or cancel it with a reason.
A closed follow-up stays closed."""

from __future__ import annotations

import pytest
from django.test import Client

from api_clients import client_of
from continuity import colleague, contact, covent_garden_team, customer, from_now
from everthread.conversations.models import Interaction
from everthread.conversations.services import JourneyStart
from everthread.followups.models import FollowUp, Notice

pytestmark = pytest.mark.django_db


def _post(client: Client, followup_id: int, action: str, body: dict | None = None, **headers):
    return client.post(
        f"/api/v1/followups/{followup_id}/{action}",
        body or {},
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def rosa_asks(associate):
    """Chloe, on live chat, asks the Covent Garden team to try the raincoat on."""
    chloe = colleague("chloe", "Chloe Evans", role="agent")
    covent_garden_team(members=(associate,))
    rosa = customer("Rosa", "Alvarez")
    chat = contact(
        rosa,
        "chat",
        "Does the red toggle raincoat cover her legs?",
        staff=chloe,
        start=JourneyStart(kind="product_enquiry", title="Red toggle raincoat"),
    )
    response = client_of(chloe).post(
        f"/api/v1/customers/{rosa.pk}/followups",
        {
            "kind": "request",
            "title": "Try on the red toggle raincoat: where does it fall?",
            "team": "covent-garden-store",
            "due_at": from_now(hours=2).isoformat(),
            "journey_id": chat.journey_id,
            "interaction_id": chat.pk,
            "reply_channel": "chat",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_taking_a_request_from_the_queue_makes_it_mine(signed_in: Client, rosa_asks) -> None:
    taken = _post(signed_in, rosa_asks["id"], "take")

    assert taken.status_code == 200
    assert taken.json()["owner"]["username"] == "tom"
    assert taken.json()["team"] is None
    assert taken.json()["handovers"][0]["reason"] == "Taken from the team queue"
    queue = signed_in.get("/api/v1/followups", {"team": "true"}).json()
    assert queue["items"] == []


def test_the_answer_to_a_request_returns_to_the_chat(signed_in: Client, rosa_asks) -> None:
    _post(signed_in, rosa_asks["id"], "take")

    done = _post(
        signed_in, rosa_asks["id"], "complete", {"outcome": "It falls just below the knee"}
    )

    assert done.status_code == 200
    assert done.json()["status"] == "done"
    assert done.json()["outcome"] == "It falls just below the knee"
    assert done.json()["closed_by"]["username"] == "tom"
    answer = Interaction.objects.get(direction="internal")
    assert answer.channel == "chat"
    assert answer.journey_id == rosa_asks["journey_id"]
    assert answer.body == "It falls just below the knee"
    chloe_notice = Notice.objects.get(staff__username="chloe")
    assert chloe_notice.kind == "answered"


def test_completing_needs_an_outcome_and_happens_once(signed_in: Client, rosa_asks) -> None:
    without = _post(signed_in, rosa_asks["id"], "complete", {"outcome": ""})
    done = _post(signed_in, rosa_asks["id"], "complete", {"outcome": "Below the knee"})
    again = _post(signed_in, rosa_asks["id"], "complete", {"outcome": "Below the knee"})

    assert without.status_code == 400
    assert without.json()["field"] == "outcome"
    assert done.status_code == 200
    assert again.status_code == 409
    assert again.json() == {
        "code": "followup_closed",
        "detail": "This follow-up is already done.",
        "field": None,
    }
    assert Interaction.objects.filter(direction="internal").count() == 1


def test_a_retried_completion_with_its_key_answers_the_same(signed_in: Client, rosa_asks) -> None:
    body = {"outcome": "Below the knee"}

    first = _post(signed_in, rosa_asks["id"], "complete", body, HTTP_IDEMPOTENCY_KEY="done-1")
    retry = _post(signed_in, rosa_asks["id"], "complete", body, HTTP_IDEMPOTENCY_KEY="done-1")

    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()


def test_cancelling_needs_a_reason(signed_in: Client, rosa_asks) -> None:
    without = _post(signed_in, rosa_asks["id"], "cancel")
    cancelled = _post(signed_in, rosa_asks["id"], "cancel", {"reason": "Rosa bought it online"})

    assert without.status_code == 400
    assert without.json()["field"] == "reason"
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert FollowUp.objects.get().outcome == "Rosa bought it online"


def test_an_unknown_follow_up_is_404(signed_in: Client) -> None:
    for response in (
        signed_in.get("/api/v1/followups/999"),
        _post(signed_in, 999, "take"),
        _post(signed_in, 999, "complete", {"outcome": "Done"}),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "followup_not_found"
