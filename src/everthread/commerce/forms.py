"""Web forms for starting an endless-aisle order and a return from the customer page, and
for booking, moving and closing appointments."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

from everthread.commerce.models import Appointment, Hold, Order, Return
from everthread.commerce.selectors import store_locations
from everthread.commerce.services import (
    AppointmentDraft,
    OrderDraft,
    OrderLineDraft,
    ReturnLineDraft,
)
from everthread.core.models import Channel
from everthread.core.selectors import staff_list, store_list
from everthread.customers.forms import DomainErrorForm
from everthread.followups.services import FollowUpDraft


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


class RescheduleForm(DomainErrorForm):
    """When: a day, a start (local to the store, or the organisation for video), a length."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), label="Starts at")
    minutes = forms.TypedChoiceField(
        choices=[(m, f"{m} minutes") for m in (30, 45, 60, 90, 120)],
        coerce=int,
        initial=60,
        label="Length",
    )

    def error_field(self, field: str) -> str:
        return {"starts_at": "start", "ends_at": "minutes", "hold_ids": "holds"}.get(field, field)


class HoldsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Hold) -> str:
        return f"{obj.variant} at {obj.location}"


class AppointmentForm(RescheduleForm):
    """Book an appointment from the customer page: when, with whom, where, and what to have
    ready. The date and time are the store's local time (the organisation's for video)."""

    field_order = ("kind", "purpose", "host", "store", "video_link", "day", "start", "minutes")

    kind = forms.ChoiceField(
        choices=Appointment.Kind.choices, widget=forms.RadioSelect, label="Where"
    )
    purpose = forms.ChoiceField(choices=Appointment.Purpose.choices)
    host = forms.ModelChoiceField(queryset=staff_list(), label="Host")
    store = forms.ModelChoiceField(
        queryset=store_list(),
        required=False,
        help_text="In store: where. Video: the store it leads to, if any.",
    )
    video_link = forms.URLField(
        required=False, max_length=500, assume_scheme="https", label="Video link"
    )
    preparation = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What they asked for, sizes, occasion: what the host should know.",
    )
    to_pull = forms.CharField(
        required=False, label="SKUs to pull from stock", help_text="Separated by commas."
    )
    holds = HoldsField(
        queryset=Hold.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Held items to have ready",
    )

    def __init__(self, *args: Any, customer_holds: list[Hold], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["holds"]
        assert isinstance(field, HoldsField)
        field.queryset = Hold.objects.filter(pk__in=[hold.pk for hold in customer_holds])

    def draft(self, *, zone: ZoneInfo) -> AppointmentDraft:
        data = self.cleaned_data
        starts_at = datetime.datetime.combine(data["day"], data["start"], tzinfo=zone)
        return AppointmentDraft(
            kind=data["kind"],
            purpose=data["purpose"],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=data["minutes"]),
            store=data["store"],
            video_link=data["video_link"] or "",
            preparation=data["preparation"],
            to_pull=tuple(sku.strip() for sku in data["to_pull"].split(",") if sku.strip()),
            hold_ids=tuple(hold.pk for hold in data["holds"]),
        )


class OutcomeForm(DomainErrorForm):
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happened and what was agreed: it goes on the timeline.",
    )
    next_step = forms.CharField(
        required=False, max_length=300, label="Next step (opens a follow-up)"
    )
    owner = forms.ModelChoiceField(queryset=staff_list(), required=False, label="Owned by")
    due_at = forms.DateTimeField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        label="Due",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("next_step") and not (data.get("owner") and data.get("due_at")):
            raise forms.ValidationError("A next step needs an owner and a due time.")
        return data

    def followup(self) -> FollowUpDraft | None:
        data = self.cleaned_data
        if not data.get("next_step"):
            return None
        return FollowUpDraft(title=data["next_step"], due_at=data["due_at"], owner=data["owner"])
