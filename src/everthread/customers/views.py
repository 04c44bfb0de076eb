"""Customer pages. Each section of the customer page edits in place with HTMX and
falls back to a plain page when scripts are off."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from everthread.core.errors import DomainError, InvalidInput
from everthread.core.http import StaffRequest, phone_region
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.customers.contact_points import ContactKind, contact_point_guesses
from everthread.customers.csv_files import FIELD_LABELS
from everthread.customers.errors import CustomerNotFound
from everthread.customers.forms import (
    ContactPointForm,
    CustomerCreateForm,
    ImportUploadForm,
    PreferencesForm,
    ProfileForm,
)
from everthread.customers.models import Customer, CustomerImport
from everthread.customers.page_sections import customer_page_sections
from everthread.customers.preferences import Preferences
from everthread.customers.recognition import Clues, recognise
from everthread.customers.selectors import (
    customer_detail,
    customer_import_get,
    customer_import_recent,
    customer_import_rejects,
    customer_import_rejects_lines,
    customer_import_sample,
    customer_merge_preview,
    customer_merges_kept,
    customer_search,
    duplicate_pairs_open,
)
from everthread.customers.services import (
    contact_point_add,
    contact_point_remove,
    customer_create,
    customer_export,
    customer_import_start,
    customer_import_upload,
    customer_merge,
    customer_open,
    customer_recognise,
    customer_to_edit,
    customer_unmerge,
    customer_update,
    duplicate_pair_dismiss,
)
from everthread.customers.visibility import (
    Shown,
    customer_as_seen,
    customer_page_as_seen,
    form_as_seen,
    merge_preview_as_seen,
)


@requires(Capability.VIEW_CUSTOMERS)
def customer_list(request: StaffRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = customer_search(
        query=query, region=phone_region(request), after=request.GET.get("cursor")
    )
    page = customer_page_as_seen(page, viewer=request.user)
    context = {"query": query, "page": page}
    if request.htmx and request.htmx.target == "results":
        return render(request, "customers/_results.html", context)
    return render(request, "customers/list.html", context)


@requires(Capability.VIEW_CUSTOMERS, Capability.VIEW_CONTACT_DETAILS)
def recognise_page(request: StaffRequest) -> HttpResponse:
    """The recognise bar: land on the customer, choose among look-alikes, or start a new one."""
    typed = request.GET.get("q", "").strip()
    if not typed:
        return redirect("customers:list")
    recognition = customer_recognise(viewer=request.user, clues=_clues(typed))
    if recognition.customer is not None:
        return redirect("customers:detail", customer_id=recognition.customer.pk)
    context = {"typed": typed, "recognise_typed": typed, "recognition": recognition}
    return render(request, "customers/recognise.html", context)


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def customer_new(request: StaffRequest) -> HttpResponse:
    if request.method == "POST":
        form = CustomerCreateForm(request.POST)
        if form.is_valid():
            try:
                customer = customer_create(
                    actor=request.user, profile=form.profile(), contact_points=form.contact_points()
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                return redirect("customers:detail", customer_id=customer.pk)
        return render(request, "customers/new.html", {"form": form}, status=400)
    return render(
        request, "customers/new.html", {"form": CustomerCreateForm(initial=_prefill(request))}
    )


@requires(Capability.VIEW_CUSTOMERS)
def customer_page(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = customer_open(viewer=request.user, customer_id=customer_id)
    merges = customer_merges_kept(customer_id=customer_id) if customer.keeps_merges else []
    # Sections query by the row itself; one that shows guarded fields asks Shown.to(viewer).
    sections = customer_page_sections(request, customer)
    seen = customer_as_seen(customer, viewer=request.user)
    return render(
        request, "customers/detail.html", _detail_context(seen, merges=merges, sections=sections)
    )


@requires(Capability.EDIT_CUSTOMERS)
def merge_preview(request: StaffRequest, customer_id: int) -> HttpResponse:
    """Find the other record (by id or any contact point) and show what a merge would do."""
    other = request.GET.get("other", "").strip()
    merged_id = _other_record(other, request)
    preview = merge_preview_as_seen(
        customer_merge_preview(survivor_id=customer_id, merged_id=merged_id), viewer=request.user
    )
    return render(request, "customers/merge.html", {"preview": preview, "other": other})


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def merge_confirm(request: StaffRequest, customer_id: int) -> HttpResponse:
    merged_id = request.POST.get("merged_id", "")
    if not merged_id.isdigit():
        raise InvalidInput("Say which record to merge in.", field="merged_id")
    take = [name for name in request.POST if request.POST[name] == "merged"]
    customer_merge(
        actor=request.user,
        survivor_id=customer_id,
        merged_id=int(merged_id),
        take_from_merged=take,
    )
    messages.success(request, "Merged. The other record's contact points are now on this one.")
    return redirect("customers:detail", customer_id=customer_id)


@requires(Capability.EDIT_CUSTOMERS)
def duplicates_review(request: StaffRequest) -> HttpResponse:
    """Likely duplicates, most likely first, each pair side by side."""
    page = duplicate_pairs_open(after=request.GET.get("cursor"))
    return render(
        request, "customers/duplicates.html", {"page": page, "shown": Shown.to(request.user)}
    )


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def duplicate_dismiss(request: StaffRequest, pair_id: int) -> HttpResponse:
    duplicate_pair_dismiss(actor=request.user, pair_id=pair_id)
    messages.success(request, "Marked as two different people; they will not be suggested again.")
    return redirect("customers:duplicates")


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def merge_undo(request: StaffRequest, merge_id: int) -> HttpResponse:
    merge = customer_unmerge(actor=request.user, merge_id=merge_id)
    messages.success(request, f"Merge undone: {merge.merged} is a separate record again.")
    return redirect("customers:detail", customer_id=merge.survivor_id)


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def profile_edit(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = _editable(request, customer_id)
    form = form_as_seen(
        ProfileForm(request.POST)
        if request.method == "POST"
        else ProfileForm.for_customer(customer),
        viewer=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            customer_update(actor=request.user, customer_id=customer_id, profile=form.profile())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _section_saved(request, customer_id, "customers/_profile.html")
    return _section_form(request, customer, "customers/_profile_form.html", form)


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def preferences_edit(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = _editable(request, customer_id)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
    else:
        form = PreferencesForm.for_preferences(customer.preferences)
    if request.method == "POST" and form.is_valid():
        try:
            customer_update(
                actor=request.user,
                customer_id=customer_id,
                profile={"preferences": form.preferences()},
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _section_saved(request, customer_id, "customers/_preferences.html")
    return _section_form(request, customer, "customers/_preferences_form.html", form)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def contact_point_create(request: StaffRequest, customer_id: int) -> HttpResponse:
    customer = _editable(request, customer_id)
    form = ContactPointForm(request.POST)
    if form.is_valid():
        try:
            contact_point_add(actor=request.user, customer_id=customer_id, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _section_saved(request, customer_id, "customers/_contact_points.html")
    return _section_form(request, customer, "customers/_contact_points.html", form)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def contact_point_delete(
    request: StaffRequest, customer_id: int, contact_point_id: int
) -> HttpResponse:
    contact_point_remove(
        actor=request.user, customer_id=customer_id, contact_point_id=contact_point_id
    )
    return _section_saved(request, customer_id, "customers/_contact_points.html")


def _detail_context(customer: Customer, **extra: Any) -> dict[str, Any]:
    return {
        "customer": customer,
        "preferences": Preferences.model_validate(customer.preferences),
        "contact_form": extra.pop("contact_form", None) or ContactPointForm(),
        **extra,
    }


def _section_saved(request: StaffRequest, customer_id: int, template: str) -> HttpResponse:
    if not request.htmx:
        return redirect("customers:detail", customer_id=customer_id)
    customer = customer_as_seen(customer_detail(customer_id=customer_id), viewer=request.user)
    return render(request, template, _detail_context(customer, saved=True))


def _section_form(
    request: StaffRequest, customer: Customer, template: str, form: Any
) -> HttpResponse:
    # HTMX only swaps 2xx answers, so a refused form comes back as 200 with its errors.
    status = 400 if form.errors and not request.htmx else 200
    context = _detail_context(customer, form=form)
    if isinstance(form, ContactPointForm):
        context["contact_form"] = form
    if request.htmx:
        return render(request, template, context, status=status)
    return render(
        request, "customers/section_edit.html", {**context, "section": template}, status=status
    )


def _prefill(request: StaffRequest) -> dict[str, str]:
    """Start a new customer from what was searched for: a contact point or a name."""
    typed = request.GET.get("q", "").strip()
    if not typed:
        return {}
    for kind, _ in contact_point_guesses(typed, region=phone_region(request)):
        if kind in (ContactKind.EMAIL, ContactKind.PHONE):
            return {kind: typed}
    given, _, family = typed.partition(" ")
    return {"given_name": given, "family_name": family}


def _clues(typed: str) -> Clues:
    """The bar takes one line: a contact point, an order number, or else a name."""
    if any(ch.isdigit() for ch in typed) or "@" in typed:
        return Clues(contact_point=typed)
    return Clues(contact_point=typed, name=typed)


def _other_record(typed: str, request: StaffRequest) -> int:
    if typed.isdigit():
        return int(typed)
    recognition = recognise(clues=Clues(contact_point=typed), region=phone_region(request))
    if recognition.customer is None:
        raise CustomerNotFound(f"No customer has {typed!r}; use their id or a contact point.")
    return recognition.customer.pk


def _editable(request: StaffRequest, customer_id: int) -> Customer:
    """The customer an edit view works on, as the editor sees them; a look is a view."""
    if request.method == "GET":
        customer = customer_open(viewer=request.user, customer_id=customer_id)
    else:
        customer = customer_to_edit(actor=request.user, customer_id=customer_id)
    return customer_as_seen(customer, viewer=request.user)


# Import and export.

IMPORT_REJECTS_SHOWN = 20


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def import_upload(request: StaffRequest) -> HttpResponse:
    """Upload a CSV file; the next page shows how its columns will be read."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            customer_import = customer_import_upload(
                actor=request.user,
                file_name=upload.name or "",
                source=upload,
                max_bytes=settings.IMPORT_MAX_BYTES,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return redirect("customers:import", import_id=customer_import.pk)
    context = {"form": form, "recent": customer_import_recent()}
    return render(
        request, "customers/import_upload.html", context, status=400 if form.errors else 200
    )


@requires(Capability.EDIT_CUSTOMERS)
def import_page(request: StaffRequest, import_id: int) -> HttpResponse:
    """The column preview before it starts, then progress (polled with HTMX), then the summary."""
    customer_import = customer_import_get(import_id=import_id)
    context: dict[str, Any] = {"customer_import": customer_import}
    if customer_import.status == CustomerImport.Status.UPLOADED:
        context["columns"] = [
            {"header": column["header"], "label": FIELD_LABELS.get(column["field"] or "")}
            for column in customer_import.columns
        ]
        context["sample"] = customer_import_sample(customer_import=customer_import)
    elif customer_import.status == CustomerImport.Status.DONE and customer_import.rejected:
        context["rejects"] = customer_import_rejects(
            import_id=import_id, limit=IMPORT_REJECTS_SHOWN
        )
    if request.htmx:
        return render(request, "customers/_import_status.html", context)
    return render(request, "customers/import.html", context)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def import_start(request: StaffRequest, import_id: int) -> HttpResponse:
    customer_import_start(actor=request.user, import_id=import_id)
    return redirect("customers:import", import_id=import_id)


@requires(Capability.EDIT_CUSTOMERS)
def import_rejects(request: StaffRequest, import_id: int) -> StreamingHttpResponse:
    customer_import = customer_import_get(import_id=import_id)
    return _csv_download(
        customer_import_rejects_lines(customer_import=customer_import),
        f"rejects-{customer_import.file_name.removesuffix('.csv')}.csv",
    )


@requires(Capability.EXPORT_CUSTOMERS)
def export_download(request: StaffRequest) -> StreamingHttpResponse:
    export = customer_export(actor=request.user, via="web")
    return _csv_download(export.lines, f"customers-{timezone.localdate():%Y-%m-%d}.csv")


def _csv_download(lines: Iterable[str], file_name: str) -> StreamingHttpResponse:
    # The byte-order mark tells Excel the file is UTF-8; our import reads it either way.
    response = StreamingHttpResponse(
        itertools.chain(["\ufeff"], lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, file_name) or "attachment"
    return response
