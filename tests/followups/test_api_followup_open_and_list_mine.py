"""Priya opens follow-ups for Tom and for a team's queue over the API; Tom lists what he
holds, his teams' queue and a customer's follow-ups, soonest due first, page by page."""

from __future__ import annotations

import pytest
from django.test import Client

from api_clients import client_of
from continuity import colleague, customer, from_now
from everthread.core.models import Staff
from factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(organisation) -> Client:
    return client_of(colleague("priya", "Priya Shah", role="agent"))


def _open(client: Client, customer_id: int, title: str, **fields: object):
    body = {"title": title, "due_at": from_now(days=1).isoformat(), **fields}
    return client.post(
        f"/api/v1/customers/{customer_id}/followups", body, content_type="application/json"
    )


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return _titles_of(response.json())


def test_a_follow_up_for_tom_answers_201_with_its_owner_and_due_time(
    priya: Client, associate: Staff
) -> None:
    amara = customer("Amara", "Osei")
    due = from_now(days=2).replace(microsecond=0)

    response = _open(
        priya,
        amara.pk,
        "Hold the emerald wrap dress in 12 until Saturday",
        owner="tom",
        due_at=due.isoformat(),
        detail="Promised by Priya on the styling call",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["owner"] == {"id": associate.pk, "username": "tom", "name": "Tom Reilly"}
    assert body["team"] is None
    assert body["holder"] == "Tom Reilly"
    assert body["customer"] == {"id": amara.pk, "name": "Amara Osei"}
    assert body["kind"] == "task"
    assert body["status"] == "open"
    assert body["overdue"] is False
    assert body["created_by"]["username"] == "priya"
    assert body["handovers"] == []
    assert body["due_at"] == due.isoformat().replace("+00:00", "Z")


def test_tom_lists_his_own_and_his_teams_queue(priya: Client, signed_in: Client, associate) -> None:
    manchester = TeamFactory(code="manchester-store", name="Manchester store team")
    manchester.members.add(associate)
    TeamFactory(code="leeds-store", name="Leeds store team")
    amara, daniel = customer("Amara", "Osei"), customer("Daniel", "Novak")
    _open(priya, amara.pk, "Call Amara", owner="tom", due_at=from_now(hours=5).isoformat())
    _open(priya, amara.pk, "Steam the dress", team="manchester-store")
    _open(priya, daniel.pk, "Boots in EU 43 ready", team="leeds-store")
    _open(priya, daniel.pk, "Ring Daniel", owner="tom", due_at=from_now(hours=3).isoformat())

    mine = signed_in.get("/api/v1/followups", {"mine": "true"})
    queue = signed_in.get("/api/v1/followups", {"team": "true"})
    both = signed_in.get("/api/v1/followups", {"mine": "true", "team": "true"})
    amaras = signed_in.get("/api/v1/followups", {"customer": amara.pk})

    assert _titles(mine) == ["Ring Daniel", "Call Amara"]
    assert _titles(queue) == ["Steam the dress"]
    assert queue.json()["items"][0]["team"]["code"] == "manchester-store"
    assert queue.json()["items"][0]["holder"] == "Manchester store team queue"
    assert _titles(both) == ["Ring Daniel", "Call Amara", "Steam the dress"]
    assert _titles(amaras) == ["Call Amara", "Steam the dress"]


def test_done_and_cancelled_follow_ups_are_listed_by_status(
    priya: Client, signed_in: Client
) -> None:
    amara = customer("Amara", "Osei")
    done = _open(priya, amara.pk, "Call Amara", owner="tom").json()
    _open(priya, amara.pk, "Order the navy", owner="tom")
    signed_in.post(
        f"/api/v1/followups/{done['id']}/complete",
        {"outcome": "Booked her in for Saturday"},
        content_type="application/json",
    )

    assert _titles(signed_in.get("/api/v1/followups", {"mine": "true"})) == ["Order the navy"]
    assert _titles(signed_in.get("/api/v1/followups", {"mine": "true", "status": "done"})) == [
        "Call Amara"
    ]
    every = signed_in.get("/api/v1/followups", {"mine": "true", "status": "all"})
    assert sorted(_titles(every)) == ["Call Amara", "Order the navy"]


def test_the_list_pages_by_a_stable_cursor(priya: Client, signed_in: Client) -> None:
    amara = customer("Amara", "Osei")
    for n in range(7):
        _open(priya, amara.pk, f"Step {n}", owner="tom", due_at=from_now(hours=n + 1).isoformat())

    seen, cursor = [], None
    while True:
        query = {"mine": "true", "limit": 3, **({"cursor": cursor} if cursor else {})}
        page = signed_in.get("/api/v1/followups", query).json()
        seen.append(_titles_of(page))
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == [["Step 0", "Step 1", "Step 2"], ["Step 3", "Step 4", "Step 5"], ["Step 6"]]


def _titles_of(page: dict) -> list[str]:
    return [item["title"] for item in page["items"]]
