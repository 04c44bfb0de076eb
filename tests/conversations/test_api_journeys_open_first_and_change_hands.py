"""Staff open journeys, see a customer's open journeys before the resolved ones, page
through them, and change a journey's status, owner and where it stands."""

from __future__ import annotations

from django.test import Client

from everthread.conversations.models import Journey
from factories import CustomerFactory, StaffFactory


def _open(client: Client, customer_id: int, title: str, **fields: object):
    return client.post(
        f"/api/v1/customers/{customer_id}/journeys",
        {"kind": "general", "title": title, **fields},
        content_type="application/json",
    )


def _patch(client: Client, journey_id: int, body: dict):
    return client.patch(f"/api/v1/journeys/{journey_id}", body, content_type="application/json")


def test_opening_a_journey_answers_201_with_me_as_owner(signed_in: Client) -> None:
    jordan = CustomerFactory(given_name="Jordan", family_name="Blake")

    response = _open(signed_in, jordan.pk, "Family membership", kind="membership")

    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "membership"
    assert body["status"] == "open"
    assert body["owner"]["username"] == "tom"
    assert body["channels"] == []
    assert body["customer_id"] == jordan.pk


def test_open_journeys_come_first_then_resolved_ones_page_by_page(signed_in: Client) -> None:
    mei = CustomerFactory(given_name="Mei Lin", family_name="Chen")
    ids = [_open(signed_in, mei.pk, f"Journey {n}").json()["id"] for n in range(5)]
    _patch(signed_in, ids[1], {"status": "resolved"})
    _patch(signed_in, ids[3], {"status": "resolved"})

    url = f"/api/v1/customers/{mei.pk}/journeys"
    first = signed_in.get(url, {"limit": 2}).json()
    second = signed_in.get(url, {"limit": 2, "cursor": first["next_cursor"]}).json()
    third = signed_in.get(url, {"limit": 2, "cursor": second["next_cursor"]}).json()

    seen = [item["title"] for page in (first, second, third) for item in page["items"]]
    assert seen == ["Journey 4", "Journey 2", "Journey 0", "Journey 3", "Journey 1"]
    assert [item["status"] for item in third["items"]] == ["resolved"]
    assert third["next_cursor"] is None


def test_a_journey_changes_status_owner_and_where_it_stands(signed_in: Client) -> None:
    owen = StaffFactory(username="owen", first_name="Owen", last_name="Hughes")
    mei = CustomerFactory(given_name="Mei Lin", family_name="Chen")
    stay = _open(signed_in, mei.pk, "Stay at The Marlow York", kind="stay").json()

    response = _patch(
        signed_in,
        stay["id"],
        {
            "status": "waiting",
            "owner": "owen",
            "where_it_stands": "Offered a room move or breakfast on the house",
        },
    )

    assert response.status_code == 200
    assert response.json()["status"] == "waiting"
    assert response.json()["owner"] == {"id": owen.pk, "username": "owen", "name": "Owen Hughes"}
    assert signed_in.get(f"/api/v1/journeys/{stay['id']}").json() == response.json()
    resolved = _patch(signed_in, stay["id"], {"status": "resolved"}).json()
    assert resolved["resolved_at"] is not None
    assert resolved["where_it_stands"] == "Offered a room move or breakfast on the house"


def test_a_journey_cannot_go_to_someone_who_is_not_staff(signed_in: Client) -> None:
    StaffFactory(username="left", first_name="Former", last_name="Colleague", is_active=False)
    mei = CustomerFactory(given_name="Mei Lin", family_name="Chen")
    stay = _open(signed_in, mei.pk, "Stay", kind="stay").json()

    unknown = _patch(signed_in, stay["id"], {"owner": "nobody"})
    inactive = _patch(signed_in, stay["id"], {"owner": "left"})

    assert unknown.status_code == 404
    assert unknown.json() == {
        "code": "not_found",
        "detail": "No member of staff has the username “nobody”.",
        "field": "owner",
    }
    assert inactive.status_code == 400
    assert inactive.json()["field"] == "owner"
    assert "cannot sign in" in inactive.json()["detail"]
    assert Journey.objects.get().owner.username == "tom"


def test_an_unknown_journey_is_404(signed_in: Client) -> None:
    response = signed_in.get("/api/v1/journeys/999")

    assert response.status_code == 404
    assert response.json()["code"] == "journey_not_found"
