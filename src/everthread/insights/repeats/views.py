"""The customer page's "Asked again" section: what the customer had to tell us twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Channel, Staff
from everthread.core.permissions import requires
from everthread.customers.models import Customer
from everthread.customers.services import customer_open
from everthread.insights.repeats.detect import Passage, Repeat
from everthread.insights.repeats.selectors import repeats_find

_NOTE_FIELDS = {"wants": "wants", "promised": "promised", "tried": "tried"}


def repeats_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """The section loads its findings after the page: the page's own reads stay in budget."""
    return {"customer": customer}


@dataclass(frozen=True)
class Shown:
    """One passage as the section shows it."""

    where: str
    who: str
    passage: Passage


@requires(Capability.VIEW_CUSTOMERS)
@require_GET
def repeats_panel(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = customer_open(viewer=request.user, customer_id=customer_id)
    context = {
        "customer": customer,
        "repeats": repeats_shown(repeats_find(customer_id=customer.pk)),
    }
    template = "insights/repeats/_panel.html" if request.htmx else "insights/repeats/page.html"
    return render(request, template, context)


def repeats_shown(repeats: Iterable[Repeat]) -> list[tuple[Repeat, Shown, Shown]]:
    """Each repeat with its two passages as the pages show them (who, where): 1 query."""
    repeats = list(repeats)
    ids = {p.staff_id for r in repeats for p in (r.earlier, r.later) if p.staff_id}
    names = {staff.pk: str(staff) for staff in Staff.objects.filter(pk__in=ids)}
    return [(r, _shown(r.earlier, names), _shown(r.later, names)) for r in repeats]


def _shown(passage: Passage, names: dict[int, str]) -> Shown:
    who = names.get(passage.staff_id or 0, "")
    if passage.is_note:
        field = _NOTE_FIELDS.get(passage.kind.partition(".")[2], "")
        return Shown(f"Handover note ({field})", who, passage)
    label = Channel(passage.channel).label if passage.channel in Channel.values else "Contact"
    return Shown(label, who, passage)


__all__ = ["Repeat", "repeats_panel", "repeats_section", "repeats_shown"]
