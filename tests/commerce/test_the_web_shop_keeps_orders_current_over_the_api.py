"""The web shop reports Rosa's online order by its own number, then its progress; a retry
changes nothing, and every colleague sees the order and where it stands on her timeline."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.commerce.models import Order
from everthread.conversations.models import TimelineEntry
from everthread.core.models import AuditEvent
from factories import ContactPointFactory, CustomerFactory


@pytest.fixture
def rosa(organisation):
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    ContactPointFactory(customer=rosa, kind="email", value="rosa.alvarez@example.com")
    return rosa


def _order(**changes: object) -> dict:
    return {
        "contact_point": "Rosa.Alvarez@Example.com",
        "channel": "click_and_collect",
        "fulfilment": "collect",
        "store": "leeds-briggate",
        "placed_at": "2026-11-30T19:05:00+00:00",
        "lines": [{"sku": "HF-RAIN-01-RED-M", "quantity": 1}],
        **changes,
    }


def _put(client: Client, number: str, body: dict) -> object:
    return client.put(f"/api/v1/orders/{number}", body, content_type="application/json")


def test_an_order_is_placed_once_and_then_moves_on(stock_system, rosa, stocked, leeds) -> None:
    placed = _put(stock_system, "HF-200311", _order())
    retried = _put(stock_system, "hf-200311", _order())
    ready = _put(stock_system, "HF-200311", _order(status="ready"))

    assert (placed.status_code, retried.status_code, ready.status_code) == (201, 200, 200)
    body = ready.json()
    assert body["customer_id"] == rosa.pk
    assert body["status"] == "ready"
    assert body["store"]["code"] == "leeds-briggate"
    assert body["total"] == "145.00"
    assert [(line["sku"], line["quantity"]) for line in body["lines"]] == [("HF-RAIN-01-RED-M", 1)]
    assert Order.objects.count() == 1
    entry = TimelineEntry.objects.get(kind="order", customer_id=rosa.pk)
    assert entry.title == "Click and collect order HF-200311"
    assert entry.detail["status"] == "Ready to collect"
    assert AuditEvent.objects.get(action="order.status_changed").detail == {
        "from": "Placed",
        "to": "Ready to collect",
    }


def test_the_order_number_recognises_rosa(stock_system, rosa, stocked, leeds) -> None:
    _put(stock_system, "HF-200311", _order())

    found = stock_system.post(
        "/api/v1/recognise", {"contact_point": "HF-200311"}, content_type="application/json"
    )

    assert found.json()["customer"]["id"] == rosa.pk


def test_a_settled_order_does_not_move_back(stock_system, rosa, stocked, leeds) -> None:
    _put(stock_system, "HF-200311", _order(status="completed"))

    refused = _put(stock_system, "HF-200311", _order(status="ready"))

    assert refused.status_code == 409
    assert refused.json() == {
        "code": "order_conflict",
        "detail": "Order HF-200311 is completed: it cannot become ready to collect.",
        "field": "status",
    }


def test_an_order_cannot_move_to_another_customer(stock_system, rosa, stocked, leeds) -> None:
    _put(stock_system, "HF-200311", _order())
    someone_else = CustomerFactory()

    refused = _put(
        stock_system, "HF-200311", _order(contact_point=None, customer_id=someone_else.pk)
    )

    assert refused.status_code == 409
    assert refused.json()["code"] == "order_conflict"
    assert Order.objects.get().customer_id == rosa.pk


def test_a_stranger_or_an_unknown_product_is_refused_saying_why(
    stock_system, rosa, stocked, leeds
) -> None:
    stranger = _put(stock_system, "HF-200312", _order(contact_point="nobody@example.com"))
    unknown = _put(stock_system, "HF-200313", _order(lines=[{"sku": "HF-NOPE"}]))
    no_store = _put(stock_system, "HF-200314", _order(store=None))

    assert (stranger.status_code, stranger.json()["field"]) == (404, "contact_point")
    assert "create the customer first" in stranger.json()["detail"]
    assert (unknown.status_code, unknown.json()["field"]) == (404, "sku")
    assert no_store.json() == {
        "code": "invalid_order",
        "detail": "Choose the store the customer will collect from.",
        "field": "store",
    }
    assert not Order.objects.exists()


def test_staff_read_her_orders_page_by_page(stock_system, rosa, stocked, leeds) -> None:
    for n in range(3):
        _put(stock_system, f"HF-20031{n}", _order(placed_at=f"2026-11-2{n}T10:00:00+00:00"))

    first = stock_system.get(f"/api/v1/customers/{rosa.pk}/orders?limit=2").json()
    rest = stock_system.get(
        f"/api/v1/customers/{rosa.pk}/orders?limit=2&cursor={first['next_cursor']}"
    ).json()
    one = stock_system.get("/api/v1/orders/HF-200310")

    assert [o["number"] for o in first["items"]] == ["HF-200312", "HF-200311"]
    assert ([o["number"] for o in rest["items"]], rest["next_cursor"]) == (["HF-200310"], None)
    assert one.json()["placed_at"].startswith("2026-11-20T10:00:00")
    assert AuditEvent.objects.filter(action="customer.viewed", customer_id=rosa.pk).count() == 3
