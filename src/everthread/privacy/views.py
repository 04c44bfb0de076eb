"""The privacy officer's pages: subject access and erasure from the customer page, and the
audit log's search and export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.customers.models import Customer
from everthread.privacy.errors import RetentionInvalid
from everthread.privacy.selectors import AuditFilter, audit_page, retention_due
from everthread.privacy.services import (
    audit_log_export,
    customer_data_export,
    customer_erase,
    retention_apply,
    retention_period_set,
)


def privacy_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """The privacy officer's buttons on the customer page; nothing, and no query, for others."""
    viewer = request.user
    if not viewer.can(Capability.MANAGE_PRIVACY):  # type: ignore[union-attr]
        return {"shown": False}
    return {
        "shown": True,
        "customer_id": customer.pk,
        "erased_at": getattr(customer, "erased_at", None),
        "audit": viewer.can(Capability.VIEW_AUDIT),  # type: ignore[union-attr]
    }


@requires(Capability.MANAGE_PRIVACY)
@require_POST
def customer_export_download(request: StaffRequest, customer_id: int) -> HttpResponse:
    export = customer_data_export(actor=request.user, customer_id=customer_id)
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = (
        content_disposition_header(True, export.file_name) or "attachment"
    )
    return response


@requires(Capability.MANAGE_PRIVACY)
@require_http_methods(["GET", "POST"])
def customer_erase_confirm(request: StaffRequest, customer_id: int) -> HttpResponse:
    """A page that says what erasure does, and does it only when confirmed."""
    if request.method == "POST":
        erasure = customer_erase(actor=request.user, customer_id=customer_id)
        messages.success(request, erasure.message)
        return redirect("customers:detail", customer_id=customer_id)
    return render(request, "privacy/erase_confirm.html", {"customer_id": customer_id})


@requires(Capability.VIEW_AUDIT)
def audit_search(request: StaffRequest) -> HttpResponse:
    """Who did what, newest first: by customer, by member of staff, or everything."""
    chosen = AuditFilter.from_query(request.GET)
    events, next_cursor = audit_page(chosen=chosen, after=request.GET.get("cursor"))
    context = {"chosen": chosen, "events": events, "next_cursor": next_cursor}
    return render(request, "privacy/audit.html", context)


@requires(Capability.VIEW_AUDIT)
def audit_download(request: StaffRequest) -> StreamingHttpResponse:
    chosen = AuditFilter.from_query(request.GET)
    lines = audit_log_export(actor=request.user, chosen=chosen)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        content_disposition_header(True, "audit-log.csv") or "attachment"
    )
    return response


@requires(Capability.MANAGE_PRIVACY)
@require_http_methods(["GET", "POST"])
def retention_settings(request: StaffRequest) -> HttpResponse:
    """How long each kind of record is kept, what is past it now, and the officer's changes."""
    if request.method == "POST":
        try:
            if "apply" in request.POST:
                done = retention_apply(actor=request.user)
                removed = sum(due.rows for due in done)
                messages.success(request, f"Retention applied: {removed} records removed.")
            else:
                rule = retention_period_set(
                    actor=request.user,
                    label=request.POST.get("label", ""),
                    days=_whole_days(request.POST.get("days", "")),
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, f"{rule.name} are now kept {rule.retention.days} days.")
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("privacy:retention")
    return render(request, "privacy/retention.html", {"rows": retention_due(now=timezone.now())})


def _whole_days(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise RetentionInvalid(f"“{text}” is not a number of days.", field="days") from None
