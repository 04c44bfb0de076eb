from __future__ import annotations

import datetime
import io
import json
from typing import Any

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.responses import NinjaJSONEncoder

from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Staff
from everthread.core.permissions import requires
from everthread.core.selectors import organisation_get
from everthread.core.services import idempotent_write
from everthread.customers.contact_points import ContactKind
from everthread.customers.models import Customer, CustomerImport
from everthread.customers.preferences import Preferences
from everthread.customers.recognition import Clues
from everthread.customers.selectors import (
    customer_detail,
    customer_import_get,
    customer_import_rejects_lines,
    customer_merge_preview,
    customer_search,
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
    customer_unmerge,
    customer_update,
)
from everthread.customers.visibility import (
    customer_as_seen,
    customer_page_as_seen,
    merge_preview_as_seen,
)

router = Router(tags=["customers"])


class ContactPointIn(Schema):
    kind: ContactKind
    value: str = Field(description="As typed: any phone format, email, @handle, id.")
    label: str = ""


class ContactPointOut(Schema):
    id: int
    kind: ContactKind
    value: str = Field(description="Normalised: E.164 phone, lower-case email, handle without @.")
    display: str
    label: str


class Ref(Schema):
    id: int
    name: str


class CustomerSummary(Schema):
    id: int
    given_name: str
    family_name: str
    preferred_name: str
    home_store: Ref | None
    contact_points: list[ContactPointOut]

    @staticmethod
    def resolve_home_store(customer: Customer) -> dict[str, Any] | None:
        store = customer.home_store
        return {"id": store.pk, "name": store.name} if store else None

    @staticmethod
    def resolve_contact_points(customer: Customer) -> list[Any]:
        return list(customer.contact_points.all())


class CustomerOut(CustomerSummary):
    language: str
    time_zone: str
    date_of_birth: datetime.date | None
    postcode: str
    advisor: Ref | None
    preferences: Preferences
    tags: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_advisor(customer: Customer) -> dict[str, Any] | None:
        advisor = customer.advisor
        return {"id": advisor.pk, "name": str(advisor)} if advisor else None


class CustomerPage(Schema):
    items: list[CustomerSummary]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null on the last."
    )


class CustomerPatch(Schema):
    given_name: str | None = None
    family_name: str | None = None
    preferred_name: str | None = None
    language: str | None = Field(default=None, description="BCP 47, e.g. en-GB.")
    time_zone: str | None = Field(
        default=None, description="IANA name; empty for the organisation's."
    )
    date_of_birth: datetime.date | None = None
    postcode: str | None = None
    home_store_id: int | None = None
    advisor_id: int | None = None
    preferences: Preferences | None = None
    tags: list[str] | None = None

    def profile(self) -> dict[str, Any]:
        fields = self.model_dump(exclude_unset=True)
        for key in ("home_store", "advisor"):
            if f"{key}_id" in fields:
                fields[key] = fields.pop(f"{key}_id")
        if "preferences" in fields:
            fields["preferences"] = self.preferences or {}
        return fields


class CustomerIn(CustomerPatch):
    given_name: str
    contact_points: list[ContactPointIn] = []

    def profile(self) -> dict[str, Any]:
        fields = super().profile()
        fields.pop("contact_points", None)
        return fields


class SearchParams(Schema):
    q: str = Field(default="", description="A name, or a contact point in any format.")
    cursor: str | None = None
    limit: int = Field(default=25, ge=1, le=100)


@router.get("", response=CustomerPage, summary="List and search customers")
@requires(Capability.VIEW_CUSTOMERS)
def customers_list(request: StaffRequest, params: Query[SearchParams]) -> object:
    page = customer_search(
        query=params.q,
        region=organisation_get().phone_region,
        after=params.cursor,
        limit=params.limit,
    )
    return customer_page_as_seen(page, viewer=request.auth)


@router.post("", response={201: CustomerOut}, summary="Create a customer")
@requires(Capability.EDIT_CUSTOMERS)
def customers_create(request: StaffRequest, payload: CustomerIn) -> object:
    def write() -> tuple[int, Any]:
        customer = customer_create(
            actor=request.auth,
            profile=payload.profile(),
            contact_points=[
                (point.kind, point.value, point.label) for point in payload.contact_points
            ],
        )
        # Kept as the client reads it (ninja's JSON), so a retry gets the first answer again.
        out = CustomerOut.from_orm(_out(customer.pk, viewer=request.auth)).model_dump()
        return 201, json.loads(json.dumps(out, cls=NinjaJSONEncoder))

    status, body = idempotent_write(
        staff=request.auth,
        key=request.headers.get("Idempotency-Key"),
        request_body=request.body,
        write=write,
    )
    # Already the rendered answer: a second pass through CustomerOut would hand its
    # resolvers JSON where they expect a customer row.
    return JsonResponse(body, status=status)


@router.get("/{customer_id}", response=CustomerOut, summary="Read a customer")
@requires(Capability.VIEW_CUSTOMERS)
def customers_read(request: StaffRequest, customer_id: int) -> object:
    customer = customer_open(viewer=request.auth, customer_id=customer_id)
    return customer_as_seen(customer, viewer=request.auth)


@router.patch("/{customer_id}", response=CustomerOut, summary="Change some profile fields")
@requires(Capability.EDIT_CUSTOMERS)
def customers_update(request: StaffRequest, customer_id: int, payload: CustomerPatch) -> object:
    customer_update(actor=request.auth, customer_id=customer_id, profile=payload.profile())
    return _out(customer_id, viewer=request.auth)


@router.post(
    "/{customer_id}/contact-points", response={201: ContactPointOut}, summary="Add a contact point"
)
@requires(Capability.EDIT_CUSTOMERS)
def contact_points_add(request: StaffRequest, customer_id: int, payload: ContactPointIn) -> object:
    point = contact_point_add(
        actor=request.auth,
        customer_id=customer_id,
        kind=payload.kind,
        value=payload.value,
        label=payload.label,
    )
    return Status(201, point)


@router.delete(
    "/{customer_id}/contact-points/{contact_point_id}",
    response={204: None},
    summary="Remove a contact point",
)
@requires(Capability.EDIT_CUSTOMERS)
def contact_points_remove(request: StaffRequest, customer_id: int, contact_point_id: int) -> object:
    contact_point_remove(
        actor=request.auth,
        customer_id=customer_id,
        contact_point_id=contact_point_id,
    )
    return Status(204, None)


class FieldConflictOut(Schema):
    name: str
    survivor_value: Any
    merged_value: Any


class MergePreviewOut(Schema):
    survivor: CustomerOut
    merged: CustomerOut
    conflicts: list[FieldConflictOut] = Field(description="Fields on which the two disagree.")
    moves: dict[str, int] = Field(description="Rows that would move to the survivor, by kind.")

    @staticmethod
    def resolve_conflicts(preview: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": c.name,
                "survivor_value": _plain(c.survivor_value),
                "merged_value": _plain(c.merged_value),
            }
            for c in preview.conflicts
        ]


class MergeIn(Schema):
    merged_id: int = Field(description="The record that is folded in and hidden.")
    take_from_merged: list[str] = Field(
        default=[], description="Profile fields whose value comes from the merged record."
    )


class MergeOut(Schema):
    id: int
    survivor_id: int
    merged_id: int
    merged_at: datetime.datetime
    undone_at: datetime.datetime | None


@router.get("/{survivor_id}/merge/{merged_id}", response=MergePreviewOut, summary="Preview a merge")
@requires(Capability.EDIT_CUSTOMERS)
def merge_preview(request: StaffRequest, survivor_id: int, merged_id: int) -> object:
    preview = customer_merge_preview(survivor_id=survivor_id, merged_id=merged_id)
    return merge_preview_as_seen(preview, viewer=request.auth)


@router.post("/{survivor_id}/merge", response={201: MergeOut}, summary="Merge a duplicate in")
@requires(Capability.EDIT_CUSTOMERS)
def merge(request: StaffRequest, survivor_id: int, payload: MergeIn) -> object:
    done = customer_merge(
        actor=request.auth,
        survivor_id=survivor_id,
        merged_id=payload.merged_id,
        take_from_merged=payload.take_from_merged,
    )
    return Status(201, done)


@router.post("/merges/{merge_id}/unmerge", response=MergeOut, summary="Undo a merge")
@requires(Capability.EDIT_CUSTOMERS)
def unmerge(request: StaffRequest, merge_id: int) -> object:
    return customer_unmerge(actor=request.auth, merge_id=merge_id)


def _plain(value: Any) -> Any:
    """A profile value as JSON: stores and staff by id."""
    return value.pk if hasattr(value, "pk") else value


def _out(customer_id: int, *, viewer: Staff) -> Any:
    # The write itself is in the audit log; reading back what was written is not another view.
    return customer_as_seen(customer_detail(customer_id=customer_id), viewer=viewer)


# Import and export: a router of its own, mounted at /customers ahead of `router`, whose
# "/{customer_id}" paths would otherwise take "/import" and "/export" for customer ids.
transfer_router = Router(tags=["customers"])


class ImportAccepted(Schema):
    id: int
    status: str
    status_url: str = Field(description="Poll this for progress and the summary.")


class ImportColumnOut(Schema):
    header: str = Field(description="As in the file's header row.")
    field: str | None = Field(description="What the column fills; null when it is ignored.")


class ImportStatusOut(Schema):
    id: int
    file_name: str
    status: CustomerImport.Status
    total_rows: int
    rows_done: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    error: str = Field(description="Why the import stopped, when status is failed.")
    columns: list[ImportColumnOut]
    uploaded_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    rejects_url: str = Field(description="The rejected rows as CSV, with row, field and reason.")

    @staticmethod
    def resolve_rejects_url(customer_import: CustomerImport) -> str:
        return reverse("api:customer_import_rejects", kwargs={"import_id": customer_import.pk})


@transfer_router.post(
    "/import",
    response={202: ImportAccepted},
    summary="Import customers from a CSV file (multipart, field `file`); runs in the background",
)
@requires(Capability.EDIT_CUSTOMERS)
def customers_import(request: StaffRequest, file: File[UploadedFile]) -> object:
    data = file.read(settings.IMPORT_MAX_BYTES + 1)

    def write() -> tuple[int, Any]:
        uploaded = customer_import_upload(
            actor=request.auth,
            file_name=file.name or "",
            source=io.BytesIO(data),
            max_bytes=settings.IMPORT_MAX_BYTES,
        )
        queued = customer_import_start(actor=request.auth, import_id=uploaded.pk)
        status_url = reverse("api:customer_import_status", kwargs={"import_id": queued.pk})
        return 202, {"id": queued.pk, "status": queued.status, "status_url": status_url}

    # A retry with the same Idempotency-Key and file answers with the first import.
    status, body = idempotent_write(
        staff=request.auth,
        key=request.headers.get("Idempotency-Key"),
        request_body=data,
        write=write,
    )
    return JsonResponse(body, status=status)


@transfer_router.get(
    "/imports/{import_id}",
    response=ImportStatusOut,
    url_name="customer_import_status",
    summary="An import's progress and summary",
)
@requires(Capability.EDIT_CUSTOMERS)
def customers_import_status(request: StaffRequest, import_id: int) -> object:
    return customer_import_get(import_id=import_id)


@transfer_router.get(
    "/imports/{import_id}/rejects",
    url_name="customer_import_rejects",
    summary="An import's rejected rows as CSV: row, field, reason, then the row as it was",
)
@requires(Capability.EDIT_CUSTOMERS)
def customers_import_rejects(request: StaffRequest, import_id: int) -> StreamingHttpResponse:
    customer_import = customer_import_get(import_id=import_id)
    lines = customer_import_rejects_lines(customer_import=customer_import)
    return StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")


@transfer_router.get(
    "/export",
    summary="Every current customer as CSV, one row each, contact points by kind (audited)",
)
@requires(Capability.EXPORT_CUSTOMERS)
def customers_export(request: StaffRequest) -> StreamingHttpResponse:
    export = customer_export(actor=request.auth, via="api")
    response = StreamingHttpResponse(export.lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="customers.csv"'
    return response


recognise_router = Router(tags=["customers"])


class RecogniseIn(Schema):
    contact_point: str = Field(default="", description="Phone, email, handle or id, any format.")
    kind: ContactKind | None = Field(default=None, description="Leave out to let Everthread tell.")
    name: str = ""
    postcode: str = ""
    date_of_birth: datetime.date | None = None
    order_number: str = ""


class CandidateOut(Schema):
    customer: CustomerSummary
    score: float = Field(description="0 to 1; how alike, never a reason to merge on its own.")
    reasons: list[str]


class RecognitionOut(Schema):
    customer: CustomerSummary | None = Field(description="The customer, on an exact match.")
    matched_on: ContactPointOut | None
    candidates: list[CandidateOut] = Field(description="Look-alikes, best first, for a person.")
    problems: dict[str, str] = Field(description="Clues that could not be read, by field.")


@recognise_router.post("", response=RecognitionOut, summary="Recognise a person from any clue")
@requires(Capability.VIEW_CUSTOMERS, Capability.VIEW_CONTACT_DETAILS)
def recognise(request: StaffRequest, payload: RecogniseIn) -> object:
    clues = Clues(**{**payload.model_dump(), "kind": payload.kind or ""})
    return customer_recognise(viewer=request.auth, clues=clues)
