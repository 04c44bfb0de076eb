"""Leeds puts Rosa's click-and-collect order aside and marks it ready; when she has it,
it is completed. Each step is on her timeline, and a settled order offers no more steps."""

from __future__ import annotations

from django.test import Client

from everthread.commerce.models import Order
from everthread.commerce.services import OrderDraft, OrderLineDraft, order_place
from everthread.conversations.models import TimelineEntry
from factories import CustomerFactory


def _collect_order(associate, stocked, leeds) -> Order:
    return order_place(
        actor=associate,
        customer=CustomerFactory(given_name="Rosa", family_name="Alvarez"),
        draft=OrderDraft(
            channel="click_and_collect",
            fulfilment="collect",
            store=leeds.store,
            lines=(OrderLineDraft(sku=stocked.sku),),
        ),
    )


def _panel(client: Client, order: Order) -> str:
    return client.get(f"/customers/{order.customer_id}/commerce/").content.decode()


def test_ready_then_collected(signed_in: Client, associate, stocked, leeds) -> None:
    order = _collect_order(associate, stocked, leeds)
    before = _panel(signed_in, order)

    ready = signed_in.post(f"/orders/{order.pk}/status/", {"status": "ready"}, follow=True)
    after_ready = _panel(signed_in, order)
    signed_in.post(f"/orders/{order.pk}/status/", {"status": "completed"})

    assert "Mark ready to collect" in before
    assert "Mark dispatched" not in before  # nothing is posted to a collect order
    assert f"Order {order.number}: ready to collect." in ready.content.decode()
    assert "Mark ready to collect" not in after_ready
    assert "Mark completed" in after_ready
    order.refresh_from_db()
    assert order.status == "completed"
    assert TimelineEntry.objects.get(kind="order", object_id=order.pk).detail["status"] == (
        "Completed"
    )
    assert "Mark completed" not in _panel(signed_in, order)


def test_a_completed_order_cannot_be_made_ready_again(
    signed_in: Client, associate, stocked, leeds
) -> None:
    order = _collect_order(associate, stocked, leeds)
    signed_in.post(f"/orders/{order.pk}/status/", {"status": "completed"})

    refused = signed_in.post(f"/orders/{order.pk}/status/", {"status": "ready"})

    assert refused.status_code == 409
    assert "it cannot become ready to collect" in refused.content.decode()
    order.refresh_from_db()
    assert order.status == "completed"
