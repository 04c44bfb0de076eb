"""A note without the wants or a next step with its owner and due time is kept as its
author's draft and says what is missing; only the author sees it, and completing it with
PUT saves it and opens the next step's follow-up."""

from __future__ import annotations

import pytest
from django.test import Client

from api_clients import client_of
from continuity import colleague, customer, from_now
from everthread.followups.models import FollowUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(organisation) -> Client:
    return client_of(colleague("priya", "Priya Shah", role="agent"))


def _write(client: Client, customer_id: int, body: dict):
    return client.post(
        f"/api/v1/customers/{customer_id}/notes", body, content_type="application/json"
    )


def _complete() -> dict:
    return {
        "wants": "A navy suit for a job interview",
        "next_step": "Call her back when the 40R arrives",
        "next_step_owner": "priya",
        "next_step_due": from_now(days=1).isoformat(),
    }


def test_a_note_without_wants_or_next_step_is_a_draft_saying_so(priya: Client) -> None:
    amara = customer("Amara", "Osei")

    response = _write(priya, amara.pk, {"tried": "Three looks on the video call"})

    assert response.status_code == 201
    note = response.json()
    assert note["status"] == "draft"
    assert note["missing"] == ["what the customer wants", "the next step"]
    assert note["next_step_followup"] is None
    assert priya.get(f"/api/v1/notes/{note['id']}").json()["missing"] == note["missing"]
    assert not FollowUp.objects.exists()


def test_a_next_step_without_an_owner_or_due_time_keeps_it_a_draft(priya: Client) -> None:
    amara = customer("Amara", "Osei")

    note = _write(
        priya,
        amara.pk,
        {"wants": "The emerald wrap dress in 12", "next_step": "Have the dress ready"},
    ).json()

    assert note["status"] == "draft"
    assert note["missing"] == ["who owns the next step", "when the next step is due"]
    assert priya.get(f"/api/v1/notes/{note['id']}").json()["missing"] == note["missing"]


def test_only_the_author_sees_a_draft(priya: Client, signed_in: Client) -> None:
    amara = customer("Amara", "Osei")
    draft = _write(priya, amara.pk, {"tried": "Three looks"}).json()
    _write(priya, amara.pk, _complete())

    theirs = signed_in.get(f"/api/v1/customers/{amara.pk}/notes").json()
    hers = priya.get(f"/api/v1/customers/{amara.pk}/notes").json()

    assert signed_in.get(f"/api/v1/notes/{draft['id']}").status_code == 404
    assert [note["status"] for note in theirs["items"]] == ["final"]
    assert [note["status"] for note in hers["items"]] == ["final", "draft"]


def test_completing_the_draft_saves_it_and_opens_the_next_step(priya: Client, associate) -> None:
    amara = customer("Amara", "Osei")
    draft = _write(priya, amara.pk, {"tried": "Three looks"}).json()

    response = priya.put(
        f"/api/v1/notes/{draft['id']}",
        {
            "wants": "The emerald wrap dress in 12",
            "tried": "Three looks",
            "next_step": "Have the dress ready",
            "next_step_owner": "tom",
            "next_step_due": from_now(days=2).isoformat(),
        },
        content_type="application/json",
    )

    assert response.status_code == 200
    note = response.json()
    assert note["id"] == draft["id"]
    assert note["status"] == "final"
    assert note["missing"] == []
    assert FollowUp.objects.get().owner == associate


def test_a_saved_note_or_someone_elses_is_not_edited(priya: Client, signed_in: Client) -> None:
    amara = customer("Amara", "Osei")
    saved = _write(priya, amara.pk, _complete()).json()
    draft = _write(priya, amara.pk, {"tried": "Three looks"}).json()
    again = {"wants": "Changed", "next_step": "Changed"}

    own_saved = priya.put(f"/api/v1/notes/{saved['id']}", again, content_type="application/json")
    others_draft = signed_in.put(
        f"/api/v1/notes/{draft['id']}", again, content_type="application/json"
    )

    assert own_saved.status_code == 409
    assert own_saved.json()["code"] == "note_not_editable"
    assert others_draft.status_code == 404
