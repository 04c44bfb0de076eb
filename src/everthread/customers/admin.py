from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from everthread.core.selectors import organisation_get
from everthread.customers.contact_points import contact_point_normalise
from everthread.customers.errors import InvalidContactPoint
from everthread.customers.models import (
    ContactPoint,
    Customer,
    CustomerImport,
    CustomerImportReject,
    CustomerMerge,
    DuplicatePair,
)


class ContactPointForm(forms.ModelForm):
    """The back office stores contact points in the same normalised form as everywhere else."""

    class Meta:
        model = ContactPoint
        fields = ("customer", "kind", "value", "label")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") and data.get("value"):
            region = organisation_get().phone_region
            try:
                data["value"] = contact_point_normalise(data["kind"], data["value"], region=region)
            except InvalidContactPoint as error:
                self.add_error("value", error.message)
        return data


class ContactPointInline(admin.TabularInline):
    model = ContactPoint
    form = ContactPointForm
    extra = 0
    fields = ("kind", "value", "label", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "preferred_name",
        "home_store",
        "advisor",
        "merged_into",
        "updated_at",
    )
    list_filter = ("home_store",)
    list_select_related = ("home_store", "advisor")
    search_fields = ("search_text", "contact_points__value")
    autocomplete_fields = ("home_store", "advisor")
    readonly_fields = ("created_at", "updated_at")
    inlines = (ContactPointInline,)


@admin.register(ContactPoint)
class ContactPointAdmin(admin.ModelAdmin):
    form = ContactPointForm
    list_display = ("value", "kind", "customer", "label", "created_at")
    list_filter = ("kind",)
    list_select_related = ("customer",)
    search_fields = ("value",)
    raw_id_fields = ("customer",)


@admin.register(CustomerMerge)
class CustomerMergeAdmin(admin.ModelAdmin):
    """Merges are made and undone in the app, where the rules run; here they are read."""

    list_display = ("merged_at", "merged", "survivor", "merged_by", "undone_at")
    list_select_related = ("merged", "survivor", "merged_by")
    readonly_fields = (
        "survivor",
        "merged",
        "merged_by",
        "merged_at",
        "snapshot",
        "undone_by",
        "undone_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(DuplicatePair)
class DuplicatePairAdmin(admin.ModelAdmin):
    list_display = ("customer_a", "customer_b", "score", "status", "found_at", "reviewed_by")
    list_filter = ("status",)
    list_select_related = ("customer_a", "customer_b", "reviewed_by")
    raw_id_fields = ("customer_a", "customer_b")
    readonly_fields = ("found_at", "reviewed_at")


class ReadOnlyImportAdmin(admin.ModelAdmin):
    """Imports are uploaded and run in the app, where the rules run; here they are read."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CustomerImport)
class CustomerImportAdmin(ReadOnlyImportAdmin):
    list_display = (
        "uploaded_at",
        "file_name",
        "status",
        "total_rows",
        "rows_done",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "started_by",
    )
    list_filter = ("status",)
    list_select_related = ("started_by",)
    search_fields = ("file_name",)
    exclude = ("content",)  # can be megabytes; the rows are in the app and the rejects below


@admin.register(CustomerImportReject)
class CustomerImportRejectAdmin(ReadOnlyImportAdmin):
    list_display = ("customer_import", "row", "field", "reason")
    list_select_related = ("customer_import",)
    raw_id_fields = ("customer_import",)
