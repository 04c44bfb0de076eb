"""The API books appointments, lists them by store, host, customer and week a page at a
time, moves, cancels and closes them; a clash or closed hours is a 4xx that says why."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from appointing import THURSDAY, VIDEO, coming
from everthread.core.services import token_create
from everthread.followups.models import FollowUp

TEN = coming(THURSDAY, 10)


@pytest.fixture
def api(priya) -> Client:
    _, secret = token_create(staff=priya)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _book(api: Client, customer_id: int, at: datetime.datetime, **fields) -> object:
    body = {
        "customer_id": customer_id,
        "host": "priya",
        "kind": "virtual",
        "purpose": "styling",
        "starts_at": at.isoformat(),
        "ends_at": (at + datetime.timedelta(hours=1)).isoformat(),
        "video_link": VIDEO,
        **fields,
    }
    return api.post("/api/v1/appointments", body, content_type="application/json")


def test_book_with_preparation_and_read_it_back(api, amara, store, stocked) -> None:
    response = _book(
        api,
        amara.pk,
        TEN,
        store=store.code,
        preparation="Sister's wedding, 14 March: emerald or navy, UK 12.",
        to_pull=[stocked.sku],
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["customer"]["name"] == "Amara Osei"
    assert body["host"]["name"] == "Priya Shah"
    assert body["store"]["code"] == "manchester-king-street"
    assert body["to_pull"] == ["HF-RAIN-01-RED-M"]
    assert body["message"] in ("allowed", "held")  # the gate's answer to the confirmation
    assert (
        api.get(f"/api/v1/appointments/{body['id']}")
        .json()["preparation"]
        .startswith("Sister's wedding")
    )


def test_a_clash_and_closed_hours_say_why(api, amara) -> None:
    assert _book(api, amara.pk, TEN).status_code == 201

    clash = _book(api, amara.pk, TEN + datetime.timedelta(minutes=30))
    late = _book(api, amara.pk, TEN.replace(hour=20))
    naive = _book(api, amara.pk, TEN, starts_at=TEN.replace(tzinfo=None).isoformat())

    assert clash.status_code == 409
    assert clash.json()["code"] == "appointment_clash"
    assert clash.json()["detail"].startswith("Priya Shah already has styling with Amara Osei")
    assert (late.status_code, late.json()["code"]) == (400, "outside_opening_hours")
    assert naive.status_code == 422 and naive.json()["field"] == "starts_at"


def test_lists_filter_and_page(api, amara, priya) -> None:
    for day in range(3):
        _book(api, amara.pk, TEN + datetime.timedelta(days=day))
    _book(api, amara.pk, TEN - datetime.timedelta(days=1), kind="virtual")

    first = api.get(
        "/api/v1/appointments",
        {"host": "priya", "starts_from": TEN.isoformat(), "limit": 2},
    ).json()
    second = api.get(
        "/api/v1/appointments",
        {
            "host": "priya",
            "starts_from": TEN.isoformat(),
            "limit": 2,
            "cursor": first["next_cursor"],
        },
    ).json()
    by_customer = api.get("/api/v1/appointments", {"customer_id": amara.pk}).json()

    starts = [item["starts_at"] for item in first["items"] + second["items"]]
    assert len(starts) == 3 and starts == sorted(starts)
    assert second["next_cursor"] is None
    assert len(by_customer["items"]) == 4


def test_move_cancel_and_close_with_a_next_step(api, amara, associate) -> None:
    first = _book(api, amara.pk, TEN).json()
    second = _book(api, amara.pk, TEN + datetime.timedelta(hours=2)).json()
    later = TEN + datetime.timedelta(hours=4)

    moved = api.post(
        f"/api/v1/appointments/{first['id']}/reschedule",
        {
            "starts_at": later.isoformat(),
            "ends_at": (later + datetime.timedelta(hours=1)).isoformat(),
        },
        content_type="application/json",
    )
    cancelled = api.post(
        f"/api/v1/appointments/{second['id']}/cancel",
        {"reason": "Moved to the same day in store"},
        content_type="application/json",
    )
    closed = api.post(
        f"/api/v1/appointments/{first['id']}/outcome",
        {
            "outcome": "Chose the emerald wrap dress; tries it on at Manchester on Saturday.",
            "next_step": {
                "title": "Amara tries on the emerald wrap dress",
                "due_at": (TEN + datetime.timedelta(days=2)).isoformat(),
                "owner": "tom",
            },
        },
        content_type="application/json",
    )
    again = api.post(
        f"/api/v1/appointments/{second['id']}/cancel", {}, content_type="application/json"
    )

    assert moved.status_code == 200 and moved.json()["starts_at"].startswith(
        later.date().isoformat()
    )
    assert cancelled.json()["status"] == "cancelled"
    assert closed.json()["status"] == "completed"
    followup = FollowUp.objects.get(pk=closed.json()["followup_id"])
    assert (followup.owner, followup.title) == (associate, "Amara tries on the emerald wrap dress")
    assert (again.status_code, again.json()["code"]) == (409, "appointment_closed")
