"""Web forms for starting an endless-aisle order and a return from the customer page."""

from __future__ import annotations

from typing import Any

from django import forms

from everthread.commerce.models import Order, Return
from everthread.commerce.selectors import store_locations
from everthread.commerce.services import OrderDraft, OrderLineDraft, ReturnLineDraft
from everthread.core.models import Channel
from everthread.customers.forms import DomainErrorForm


class EndlessAisleForm(DomainErrorForm):
    """An order staff start for something the store does not have on the shelf."""

    sku = forms.CharField(label="SKU", max_length=60)
    quantity = forms.IntegerField(min_value=1, max_value=20, initial=1)
    channel = forms.ChoiceField(
        choices=[(Order.Channel.STORE, "In store"), (Order.Channel.PHONE, "Phone")],
        label="Taken",
    )
    fulfilment = forms.ChoiceField(
        choices=[
            (Order.Fulfilment.DELIVERY, "Delivery"),
            (Order.Fulfilment.COLLECT, "Click and collect"),
        ],
        widget=forms.RadioSelect,
        initial=Order.Fulfilment.DELIVERY,
    )
    store = forms.ChoiceField(label="Collect at", required=False)
    delivery_address = forms.CharField(
        max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = {place.code: place for place in store_locations()}
        store = self.fields["store"]
        assert isinstance(store, forms.ChoiceField)
        store.choices = [("", "Choose a store…")] + [
            (code, place.name) for code, place in self.places.items()
        ]

    def draft(self) -> OrderDraft:
        data = self.cleaned_data
        collect = data["fulfilment"] == Order.Fulfilment.COLLECT
        place = self.places.get(data["store"]) if collect else None
        return OrderDraft(
            channel=Order.Channel.CLICK_AND_COLLECT if collect else data["channel"],
            fulfilment=data["fulfilment"],
            store=place.store if place else None,
            delivery_address="" if collect else data["delivery_address"],
            lines=(OrderLineDraft(sku=data["sku"], quantity=data["quantity"]),),
        )


class ReturnForm(DomainErrorForm):
    order_line = forms.TypedChoiceField(coerce=int, label="Item")
    quantity = forms.IntegerField(min_value=1, initial=1)
    kind = forms.ChoiceField(
        choices=Return.Kind.choices, widget=forms.RadioSelect, initial=Return.Kind.EXCHANGE
    )
    replacement_sku = forms.CharField(label="Exchange for (SKU)", max_length=60, required=False)
    reason = forms.CharField(max_length=300)
    channel = forms.ChoiceField(choices=Channel.choices, initial=Channel.IN_STORE)

    def __init__(self, *args: Any, order: Order, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lines = self.fields["order_line"]
        assert isinstance(lines, forms.ChoiceField)
        lines.choices = [
            (line.pk, f"{line.quantity} × {line.variant}") for line in order.lines.all()
        ]

    def error_field(self, field: str) -> str:
        return {"lines": "order_line"}.get(field, field)

    def lines(self) -> tuple[ReturnLineDraft, ...]:
        data = self.cleaned_data
        return (
            ReturnLineDraft(
                order_line_id=data["order_line"],
                quantity=data["quantity"],
                replacement_sku=data["replacement_sku"],
            ),
        )
