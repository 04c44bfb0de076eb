"""Story 4: Daniel's boots from order HF-100482 are a size too small. Chloe starts the
exchange in chat; at Leeds Briggate Marcus finds Daniel by the order number and completes
it. It is one journey, across both channels, and on Daniel's timeline."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from everthread.commerce.errors import InvalidReturn
from everthread.commerce.models import Product, Return, StockLevel
from everthread.commerce.services import (
    OrderDraft,
    OrderLineDraft,
    ReturnLineDraft,
    order_place,
    return_start,
)
from everthread.conversations.models import Journey, TimelineEntry
from everthread.core.services import token_create
from factories import CustomerFactory, StaffFactory


@pytest.fixture
def boots(online, leeds) -> Product:
    product = Product.objects.create(style_code="HF-BOOT", name="Chelsea boot", price=Decimal(189))
    for size in ("EU 42", "EU 43"):
        variant = product.variants.create(sku=f"HF-BOOT-BLK-{size[-2:]}", colour="Black", size=size)
        StockLevel.objects.create(variant=variant, location=leeds, on_hand=2)
    return product


@pytest.fixture
def chloe(organisation):
    return StaffFactory(username="chloe", first_name="Chloe", last_name="Evans", role="agent")


@pytest.fixture
def marcus(leeds):
    return StaffFactory(
        username="marcus", first_name="Marcus", last_name="Bell", home_store=leeds.store
    )


@pytest.fixture
def daniel_order(boots, chloe):
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    return order_place(
        actor=chloe,
        customer=daniel,
        draft=OrderDraft(
            channel="online",
            fulfilment="delivery",
            delivery_address="4 Park Row, Leeds LS1 5HD",
            number="HF-100482",
            lines=(OrderLineDraft(sku="HF-BOOT-BLK-42"),),
        ),
    )


def _exchange_in_chat(chloe, order) -> Return:
    return return_start(
        actor=chloe,
        order=order,
        kind="exchange",
        reason="A size too small; wants EU 43. Leeds will have it ready.",
        channel="chat",
        lines=(
            ReturnLineDraft(order_line_id=order.lines.get().pk, replacement_sku="HF-BOOT-BLK-43"),
        ),
    )


def test_marcus_finds_daniel_by_the_order_number(daniel_order, marcus) -> None:
    _, secret = token_create(staff=marcus)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    found = api.post(
        "/api/v1/recognise", {"order_number": "hf-100482"}, content_type="application/json"
    )

    assert found.status_code == 200
    body = found.json()
    assert body["customer"]["id"] == daniel_order.customer_id
    assert body["matched_on"]["kind"] == "order"


def test_the_exchange_is_one_journey_from_chat_to_store(daniel_order, chloe, marcus) -> None:
    exchange = _exchange_in_chat(chloe, daniel_order)
    client = Client()
    client.force_login(marcus)

    panel = client.get(f"/customers/{daniel_order.customer_id}/commerce/").content.decode()
    done = client.post(f"/returns/{exchange.pk}/complete/")

    assert "Exchange from order HF-100482: A size too small" in panel
    assert done.status_code == 302
    exchange.refresh_from_db()
    assert (exchange.status, exchange.completed_in.name) == ("completed", "Leeds Briggate")
    [journey] = Journey.objects.filter(customer_id=daniel_order.customer_id)
    assert journey.kind == "return"
    assert journey.channels == ["chat", "in_store"]
    assert journey.status == "resolved"
    entry = TimelineEntry.objects.get(kind="return", object_id=exchange.pk)
    assert entry.journey_id == journey.pk
    assert entry.detail["completed_in"] == "Leeds Briggate"
    assert entry.text == "1 × Chelsea boot Black EU 42 → Chelsea boot Black EU 43"


def test_the_order_is_on_daniels_timeline_with_its_lines(daniel_order, marcus) -> None:
    client = Client()
    client.force_login(marcus)

    page = client.get(f"/customers/{daniel_order.customer_id}/").content.decode()

    assert "Online order HF-100482" in page
    assert "1 × Chelsea boot Black EU 42" in page
    assert "189.00 GBP" in page


def test_an_exchange_says_what_goes_out_instead(daniel_order, chloe) -> None:
    line = daniel_order.lines.get()

    with pytest.raises(InvalidReturn, match="says what the customer gets instead"):
        return_start(
            actor=chloe,
            order=daniel_order,
            kind="exchange",
            reason="Too small",
            channel="chat",
            lines=(ReturnLineDraft(order_line_id=line.pk),),
        )
    with pytest.raises(InvalidReturn, match="Return between 1 and 1 of Chelsea boot"):
        return_start(
            actor=chloe,
            order=daniel_order,
            kind="return",
            reason="Too small",
            channel="chat",
            lines=(ReturnLineDraft(order_line_id=line.pk, quantity=2),),
        )
    assert not Return.objects.exists()
    assert not Journey.objects.exists()


def test_a_return_started_from_the_page_names_a_missing_reason(daniel_order, marcus) -> None:
    client = Client()
    client.force_login(marcus)
    line = daniel_order.lines.get()

    response = client.post(
        f"/orders/{daniel_order.pk}/returns/new/",
        {
            "order_line": line.pk,
            "quantity": 1,
            "kind": "return",
            "channel": "in_store",
            "reason": "",
        },
    )
    started = client.post(
        f"/orders/{daniel_order.pk}/returns/new/",
        {
            "order_line": line.pk,
            "quantity": 1,
            "kind": "return",
            "channel": "in_store",
            "reason": "Changed mind",
        },
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert started.status_code == 302
    assert Return.objects.get().journey.channels == ["in_store"]
