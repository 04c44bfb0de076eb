"""The timeline reads newest first and pages by a stable cursor: following next_cursor
visits every entry once, entries recorded meanwhile never shift a page, and it filters by
channel and by journey."""

from __future__ import annotations

import datetime

from django.test import Client

from factories import CustomerFactory

START = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
CHANNELS = ["chat", "email", "phone"]


def _record(client: Client, customer_id: int, n: int, **fields: object) -> dict:
    body = {
        "channel": CHANNELS[n % 3],
        "direction": "inbound",
        "summary": f"Contact {n}",
        # Two contacts at each minute: the id breaks the tie.
        "occurred_at": (START + datetime.timedelta(minutes=n // 2)).isoformat(),
        **fields,
    }
    response = client.post(
        f"/api/v1/customers/{customer_id}/interactions", body, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def _pages(client: Client, customer_id: int, **params: object) -> list[dict]:
    pages, cursor = [], None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = client.get(f"/api/v1/customers/{customer_id}/timeline", query)
        assert response.status_code == 200, response.json()
        pages.append(response.json())
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return pages


def test_pages_of_five_visit_twelve_contacts_once_newest_first(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    recorded = [_record(signed_in, amara.pk, n) for n in range(12)]

    pages = _pages(signed_in, amara.pk, limit=5)

    assert [len(page["items"]) for page in pages] == [5, 5, 2]
    titles = [item["title"] for page in pages for item in page["items"]]
    assert titles == [f"Contact {n}" for n in reversed(range(12))]
    first = pages[0]["items"][0]
    assert first["kind"] == "interaction"
    assert first["object_id"] == recorded[-1]["id"]
    assert first["channel"] == "phone"
    assert first["detail"]["direction"] == "inbound"


def test_a_contact_recorded_while_paging_does_not_shift_the_next_page(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    for n in range(10):
        _record(signed_in, amara.pk, n)
    url = f"/api/v1/customers/{amara.pk}/timeline"
    first = signed_in.get(url, {"limit": 5}).json()

    _record(signed_in, amara.pk, 99, occurred_at=(START + datetime.timedelta(days=1)).isoformat())
    second = signed_in.get(url, {"limit": 5, "cursor": first["next_cursor"]}).json()

    assert [item["title"] for item in second["items"]] == [f"Contact {n}" for n in range(4, -1, -1)]
    assert second["next_cursor"] is None


def test_the_timeline_filters_by_channel_and_by_journey(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    for n in range(6):
        _record(signed_in, amara.pk, n)
    started = _record(
        signed_in,
        amara.pk,
        6,
        start_journey={"kind": "styling", "title": "Wedding outfit"},
    )
    _record(signed_in, amara.pk, 7, journey_id=started["journey_id"])

    by_chat = _pages(signed_in, amara.pk, channel="chat")
    by_journey = _pages(signed_in, amara.pk, journey=started["journey_id"], limit=1)

    chat_titles = [item["title"] for item in by_chat[0]["items"]]
    assert chat_titles == ["Contact 6", "Contact 3", "Contact 0"]
    assert [item["title"] for page in by_journey for item in page["items"]] == [
        "Contact 7",
        "Contact 6",
    ]


def test_a_tampered_cursor_or_an_unknown_channel_is_refused(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    url = f"/api/v1/customers/{amara.pk}/timeline"

    tampered = signed_in.get(url, {"cursor": "not-a-cursor"})
    unknown = signed_in.get(url, {"channel": "pigeon"})

    assert tampered.status_code == 400
    assert tampered.json()["field"] == "cursor"
    assert unknown.status_code == 422
    assert unknown.json()["field"] == "channel"


def test_a_customer_with_no_history_has_an_empty_timeline(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = signed_in.get(f"/api/v1/customers/{amara.pk}/timeline")

    assert response.json() == {"items": [], "next_cursor": None}
