"""Priya writes Amara's handover note over the API: it comes back saved, with its quality
assessment (each quality passed or failed, with reasons), what was redacted (never the
removed values), and the next step's follow-up owned by Tom."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from api_clients import client_of
from continuity import colleague, customer, from_now
from everthread.notes.models import Note

pytestmark = pytest.mark.django_db

CARD = "4111 1111 1111 1111"


@pytest.fixture
def priya(organisation) -> Client:
    return client_of(colleague("priya", "Priya Shah", role="agent"))


def _story_one(**fields: object) -> dict:
    return {
        "wants": "The emerald wrap dress in 12 for her sister's wedding on 14 March",
        "promised": "We will hold the emerald wrap dress in 12 at Manchester until Saturday",
        "promised_by": "priya",
        "tried": "Three looks on the video call; the navy one was too long",
        "next_step": "Have the dress ready in a fitting room when she comes in",
        "next_step_owner": "tom",
        "next_step_due": from_now(days=2).isoformat(),
        **fields,
    }


def _write(client: Client, customer_id: int, body: dict):
    return client.post(
        f"/api/v1/customers/{customer_id}/notes", body, content_type="application/json"
    )


def test_a_complete_note_is_saved_with_its_assessment_and_next_step(
    priya: Client, associate
) -> None:
    amara = customer("Amara", "Osei")

    response = _write(priya, amara.pk, _story_one())

    assert response.status_code == 201
    note = response.json()
    assert note["status"] == "final"
    assert note["missing"] == []
    assert note["author"]["username"] == "priya"
    assert note["promised_by"]["username"] == "priya"
    assessment = note["assessment"]
    assert assessment["score"] == 4
    assert {q["quality"]: (q["passed"], q["reasons"]) for q in assessment["qualities"]} == {
        "clear": (True, []),
        "factual": (True, []),
        "respectful": (True, []),
        "complete": (True, []),
        "sensitive": (True, []),
    }
    assert assessment["redactions"] == []
    next_step = note["next_step_followup"]
    assert next_step["owner"]["username"] == "tom"
    assert next_step["holder"] == "Tom Reilly"
    assert next_step["status"] == "open"
    assert priya.get(f"/api/v1/notes/{note['id']}").json() == note


def test_an_opinion_fails_factual_with_the_reason(priya: Client, associate) -> None:
    amara = customer("Amara", "Osei")

    note = _write(priya, amara.pk, _story_one(body="She seemed difficult about the price.")).json()

    factual = next(q for q in note["assessment"]["qualities"] if q["quality"] == "factual")
    assert factual["passed"] is False
    assert factual["reasons"] == [
        "'She seemed difficult' is an opinion: describe what happened and what was said."
    ]
    assert note["assessment"]["findings"][0]["field"] == "body"
    assert note["assessment"]["score"] == 3
    assert note["status"] == "final"


def test_card_details_are_redacted_and_never_returned_or_kept(priya: Client, associate) -> None:
    amara = customer("Amara", "Osei")

    response = _write(
        priya, amara.pk, _story_one(body=f"She read out her card {CARD}, CVV 123, to pay.")
    )

    note = response.json()
    assert note["assessment"]["redactions"] == [
        {"field": "body", "kind": "card number"},
        {"field": "body", "kind": "security code"},
    ]
    assert note["assessment"]["redaction_notice"].startswith("Removed before saving: card number")
    assert CARD not in response.content.decode()
    assert "123," not in note["body"]
    stored = Note.objects.get()
    assert CARD not in json.dumps([stored.body, stored.assessment])


def test_the_next_step_is_in_toms_follow_ups(priya: Client, signed_in: Client, associate) -> None:
    amara = customer("Amara", "Osei")
    note = _write(priya, amara.pk, _story_one()).json()

    mine = signed_in.get("/api/v1/followups", {"mine": "true"}).json()

    assert [item["id"] for item in mine["items"]] == [note["next_step_followup"]["followup_id"]]
    assert mine["items"][0]["title"] == "Have the dress ready in a fitting room when she comes in"
