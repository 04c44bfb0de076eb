"""The privacy officer's pages: subject access and erasure from the customer page, and the
audit log's search and export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.customers.models import Customer
from everthread.privacy.selectors import AuditFilter, audit_page
from everthread.privacy.services import audit_log_export, customer_data_export, customer_erase


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
