"""From the customer page an associate finds a product with its stock everywhere, holds
it at a store, saves it for the customer and orders what the store has not got."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.commerce.models import Hold, Order, WishlistItem
from everthread.conversations.models import TimelineEntry
from everthread.customers.models import ContactPoint
from factories import CustomerFactory


@pytest.fixture
def rosa(organisation):
    return CustomerFactory(given_name="Rosa", family_name="Alvarez")


def test_the_page_offers_the_search_and_loads_the_panel_after(signed_in: Client, rosa) -> None:
    page = signed_in.get(f"/customers/{rosa.pk}/").content.decode()
    panel = signed_in.get(f"/customers/{rosa.pk}/commerce/", HTTP_HX_REQUEST="true")

    assert "Find a product: name, style, SKU or colour" in page
    assert f'hx-get="/customers/{rosa.pk}/commerce/"' in page
    assert "No appointments, orders, holds or saved items yet." in panel.content.decode()


def test_a_search_shows_each_size_with_where_it_is(signed_in: Client, rosa, stocked) -> None:
    found = signed_in.get(
        f"/customers/{rosa.pk}/products/", {"q": "red raincoat"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    nothing = signed_in.get(f"/customers/{rosa.pk}/products/", {"q": "umbrella"}).content.decode()

    assert "Red toggle raincoat" in found
    assert "2 in Leeds, 1 in Manchester, 14 online" in found
    assert found.count("None in stock") == 2  # small and large
    assert "No product matches “umbrella”" in nothing


def test_holding_from_the_page_puts_it_aside_and_lists_it(
    signed_in: Client, rosa, stocked, leeds
) -> None:
    response = signed_in.post(
        f"/customers/{rosa.pk}/holds/new/", {"sku": stocked.sku, "location": "leeds-briggate"}
    )
    panel = signed_in.get(f"/customers/{rosa.pk}/commerce/").content.decode()

    assert response.status_code == 302
    assert Hold.objects.get(customer=rosa).location == leeds
    assert "1 × Red toggle raincoat Red M at Leeds Briggate" in panel


def test_holding_more_than_is_free_shows_why(signed_in: Client, rosa, stocked) -> None:
    response = signed_in.post(
        f"/customers/{rosa.pk}/holds/new/",
        {"sku": stocked.sku, "location": "manchester-king-street", "quantity": "2"},
    )

    assert response.status_code == 409
    assert "Manchester King Street has 1 of Red toggle raincoat Red M free to hold" in (
        response.content.decode()
    )
    assert not Hold.objects.exists()


def test_an_endless_aisle_order_to_collect_in_leeds(
    signed_in: Client, rosa, stocked, leeds
) -> None:
    form = signed_in.get(f"/customers/{rosa.pk}/orders/new/", {"sku": stocked.sku})
    response = signed_in.post(
        f"/customers/{rosa.pk}/orders/new/",
        {
            "sku": stocked.sku,
            "quantity": "1",
            "channel": "store",
            "fulfilment": "collect",
            "store": "leeds-briggate",
        },
    )

    assert form.status_code == 200
    assert response.status_code == 302
    order = Order.objects.get(customer=rosa)
    assert (order.channel, order.fulfilment, order.store.name) == (
        "click_and_collect",
        "collect",
        "Leeds Briggate",
    )
    assert ContactPoint.objects.filter(customer=rosa, kind="order", value=order.number).exists()
    entry = TimelineEntry.objects.get(kind="order", customer=rosa)
    assert entry.title == f"Click and collect order {order.number}"
    assert entry.text == "1 × Red toggle raincoat Red M"


def test_an_order_to_deliver_needs_an_address(signed_in: Client, rosa, stocked) -> None:
    response = signed_in.post(
        f"/customers/{rosa.pk}/orders/new/",
        {"sku": stocked.sku, "quantity": "1", "channel": "phone", "fulfilment": "delivery"},
    )

    assert response.status_code == 400
    assert "Give the address to deliver to." in response.content.decode()
    assert not Order.objects.exists()


def test_an_order_for_more_than_there_is_anywhere_is_refused(
    signed_in: Client, rosa, stocked
) -> None:
    response = signed_in.post(
        f"/customers/{rosa.pk}/orders/new/",
        {
            "sku": stocked.sku,
            "quantity": "20",
            "channel": "store",
            "fulfilment": "delivery",
            "delivery_address": "1 High St",
        },
    )

    assert response.status_code == 400
    assert "has 17 free anywhere; the order asks for 20." in response.content.decode()


def test_saving_for_the_customer_shows_it_on_their_wishlist(
    signed_in: Client, rosa, stocked
) -> None:
    signed_in.post(f"/customers/{rosa.pk}/wishlist/new/", {"sku": stocked.sku})
    signed_in.post(f"/customers/{rosa.pk}/wishlist/new/", {"sku": stocked.sku})  # twice: once

    panel = signed_in.get(f"/customers/{rosa.pk}/commerce/").content.decode()
    assert WishlistItem.objects.filter(customer=rosa).count() == 1
    assert "Red toggle raincoat Red M" in panel
    assert "2 in Leeds, 1 in Manchester, 14 online" in panel
