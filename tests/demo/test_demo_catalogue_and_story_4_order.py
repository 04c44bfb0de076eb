"""The demo's catalogue: the red toggle raincoat in stock in some stores and online, Daniel's
order HF-100482 with the exchange Chloe started in chat, and a second run changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from everthread.commerce.models import Hold, Order, Product, Return, StockLevel
from everthread.commerce.selectors import availability_summary, variant_availability
from everthread.core.models import Staff

pytestmark = pytest.mark.django_db


def test_the_raincoat_is_in_stores_and_online(demo: Callable[..., str]) -> None:
    demo()

    raincoat = Product.objects.get(style_code="HF-RAIN-01")
    uk10 = raincoat.variants.get(size="UK 10")
    places = variant_availability(variant_ids=[uk10.pk])[uk10.pk]

    assert raincoat.name == "Red toggle raincoat"
    # Not in Manchester: the stores that have it, then what can be sent.
    assert availability_summary(places) == "2 in Leeds, 3 in London, 13 in the warehouse, 14 online"


def test_story_4_order_and_exchange_wait_for_marcus(demo: Callable[..., str]) -> None:
    demo()
    marcus = Staff.objects.get(username="marcus")
    client = Client()
    client.force_login(marcus)

    order = Order.objects.get(number="HF-100482")
    exchange = Return.objects.get(order=order)
    found = client.post(
        "/api/v1/recognise", {"order_number": "HF-100482"}, content_type="application/json"
    ).json()
    panel = client.get(f"/customers/{order.customer_id}/commerce/").content.decode()

    assert found["customer"]["id"] == order.customer_id
    assert order.customer.full_name == "Daniel Novak"
    assert exchange.journey.kind == "return" and exchange.journey.channels == ["chat"]
    assert "Complete the exchange" in panel
    assert Hold.objects.get(customer__given_name="Amara").location.code == "manchester-king-street"


def test_loading_again_changes_no_product_stock_or_order(demo: Callable[..., str]) -> None:
    demo()
    before = (
        Product.objects.count(),
        list(StockLevel.objects.values_list("on_hand", flat=True).order_by("pk")),
        Order.objects.count(),
    )

    output = demo()

    after = (
        Product.objects.count(),
        list(StockLevel.objects.values_list("on_hand", flat=True).order_by("pk")),
        Order.objects.count(),
    )
    assert after == before
    assert "products      0 new,    6 already here" in output
