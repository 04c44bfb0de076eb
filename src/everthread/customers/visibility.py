"""A customer as one member of staff may see them: what their role may not see is blank.

Pages and the API both show a customer through ``customer_as_seen``, so a field hidden
from a role is hidden everywhere, and a template or schema cannot show what it never got.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from everthread.core.models import Capability, Staff
from everthread.customers.models import ContactPoint, Customer
from everthread.customers.selectors import CustomerPage, MergePreview

# Held in preferences, shown only to roles that serve with them (core.models explains).
SERVICE_NEEDS = ("dietary", "accessibility")
# Profile fields that identify or reach the person, beyond their contact points.
CONTACT_FIELDS = ("postcode",)
SENSITIVE_FIELDS = ("date_of_birth",)


class _NoContactPoints:
    """Stands in for ``customer.contact_points`` when the viewer may not see them."""

    def all(self) -> list[ContactPoint]:
        return []

    def count(self) -> int:
        return 0


@dataclass(frozen=True)
class Shown:
    """Which of the guarded parts of a customer one viewer sees."""

    contact_details: bool
    service_needs: bool
    sensitive: bool
    edit: bool  # whether to offer the edit buttons at all

    @classmethod
    def to(cls, viewer: Staff) -> Shown:
        return cls(
            edit=viewer.can(Capability.EDIT_CUSTOMERS),
            contact_details=viewer.can(Capability.VIEW_CONTACT_DETAILS),
            service_needs=viewer.can(Capability.VIEW_SERVICE_NEEDS),
            sensitive=viewer.can(Capability.VIEW_SENSITIVE),
        )

    def hides(self, name: str) -> bool:
        return (
            (name in CONTACT_FIELDS and not self.contact_details)
            or (name in SENSITIVE_FIELDS and not self.sensitive)
            or (name in SERVICE_NEEDS and not self.service_needs)
        )


class CustomerView:
    """Reads like the customer row, with the fields the viewer may not see blanked.

    ``shown`` tells a template whether a blank is empty or hidden, so a coach reads
    "not shown to your role" rather than "no contact points yet".
    """

    def __init__(self, customer: Customer, *, shown: Shown) -> None:
        self._customer = customer
        self.shown = shown

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._customer, name)
        if name == "contact_points" and not self.shown.contact_details:
            return _NoContactPoints()
        if name == "preferences" and not self.shown.service_needs:
            return {key: kept for key, kept in value.items() if key not in SERVICE_NEEDS}
        if self.shown.hides(name):
            return None if name == "date_of_birth" else ""
        return value

    def __str__(self) -> str:
        return str(self._customer)


def customer_as_seen(customer: Customer, *, viewer: Staff) -> Any:
    """``customer`` as ``viewer`` may see it; typed Any so pages and schemas take it as a row."""
    return CustomerView(customer, shown=Shown.to(viewer))


def customers_as_seen(customers: Iterable[Customer], *, viewer: Staff) -> list[Any]:
    shown = Shown.to(viewer)
    return [CustomerView(customer, shown=shown) for customer in customers]


def customer_page_as_seen(page: CustomerPage, *, viewer: Staff) -> CustomerPage:
    return replace(page, items=customers_as_seen(page.items, viewer=viewer))


def merge_preview_as_seen(preview: MergePreview, *, viewer: Staff) -> MergePreview:
    """Both records as the viewer sees them; a hidden field's disagreement is left out."""
    shown = Shown.to(viewer)
    return replace(
        preview,
        survivor=customer_as_seen(preview.survivor, viewer=viewer),
        merged=customer_as_seen(preview.merged, viewer=viewer),
        conflicts=[c for c in preview.conflicts if not shown.hides(c.name)],
    )


def form_as_seen(form: Any, *, viewer: Staff) -> Any:
    """The profile form without the fields the viewer may not see, so saving keeps them."""
    shown = Shown.to(viewer)
    for name in [name for name in form.fields if shown.hides(name)]:
        del form.fields[name]
    return form
