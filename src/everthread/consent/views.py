"""Consent on the customer page: the grid at a glance, and recording a change with evidence.

The change form and the history come when staff open them: a long history (a customer
who has unsubscribed and re-joined for years) never weighs on every view of the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from everthread.consent.forms import CELL_CHANGES, ConsentChangeForm
from everthread.consent.models import ConsentEvent
from everthread.consent.selectors import (
    consent_at_a_glance,
    consent_history_page,
    consent_standing,
)
from everthread.consent.services import (
    Evidence,
    consent_do_not_contact,
    consent_flag_check,
    consent_object,
    consent_objection_lift,
    consent_record,
)
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Staff
from everthread.core.permissions import requires
from everthread.customers.models import Customer
from everthread.customers.services import customer_open

Kind = ConsentEvent.Kind


def consent_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """Consent at a glance, with who, when and how for each cell: 1 query for all of it."""
    glance = consent_at_a_glance(customer_id=customer.pk)
    staff = request.user
    return {
        "customer": customer,
        "standing": glance.standing,
        "history_length": glance.history_length,
        "can_record": isinstance(staff, Staff) and staff.can(Capability.RECORD_CONSENT),
        "can_send": isinstance(staff, Staff) and staff.can(Capability.SEND_OUTREACH),
    }


@requires(Capability.VIEW_CUSTOMERS)
def history(request: StaffRequest, customer_id: int) -> HttpResponse:
    """Consent events, newest first, a page at a time: for HTMX the list (the page's panel
    fetches it when opened) or the older events its "Older" link asks for, else a page of
    its own."""
    customer = customer_open(viewer=request.user, customer_id=customer_id, contact_points=False)
    after = request.GET.get("cursor") or None
    events, next_cursor = consent_history_page(customer_id=customer.pk, after=after)
    context = {"customer": customer, "history": events, "next_cursor": next_cursor}
    if not request.htmx:
        template = "consent/history.html"
    else:
        template = "consent/_history_events.html" if after else "consent/_history.html"
    return render(request, template, context)


@requires(Capability.RECORD_CONSENT)
@require_http_methods(["GET", "POST"])
def consent_change(request: StaffRequest, customer_id: int) -> HttpResponse:
    """Record a change; GET shows the form (the page's panel fetches it when opened)."""
    customer = customer_open(viewer=request.user, customer_id=customer_id, contact_points=False)
    if request.method == "GET":
        context = {"customer": customer, "form": ConsentChangeForm()}
        template = "consent/_change_form.html" if request.htmx else "consent/change.html"
        return render(request, template, context)
    form = ConsentChangeForm(request.POST)
    if form.is_valid():
        try:
            _record(customer, form.cleaned_data, actor=request.user)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Consent change recorded with its evidence.")
            return redirect("customers:detail", customer_id=customer.pk)
    standing = consent_standing(customer_id=customer.pk)
    context = {"customer": customer, "form": form, "standing": standing}
    return render(request, "consent/change.html", context, status=400)


def _record(customer: Customer, data: dict[str, Any], *, actor: Staff) -> ConsentEvent:
    evidence = Evidence(source=data["source"], wording=data["wording"])
    change = data["change"]
    if change in CELL_CHANGES:
        return consent_record(
            customer=customer,
            channel=data["channel"],
            purpose=data["purpose"],
            kind=change,
            evidence=evidence,
            actor=actor,
        )
    if change == Kind.OBJECTED:
        return consent_object(customer=customer, evidence=evidence, actor=actor)
    if change == Kind.OBJECTION_LIFTED:
        return consent_objection_lift(customer=customer, evidence=evidence, actor=actor)
    return consent_do_not_contact(
        customer=customer, evidence=evidence, actor=actor, on=change == Kind.DO_NOT_CONTACT
    )


@requires(Capability.RECORD_CONSENT)
@require_POST
def flags_checked(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = customer_open(viewer=request.user, customer_id=customer_id)
    note = request.POST.get("note", "").strip() or "Checked by staff: not an objection."
    consent_flag_check(customer=customer, actor=request.user, note=note)
    messages.success(request, "Marked as checked.")
    return redirect("customers:detail", customer_id=customer.pk)
