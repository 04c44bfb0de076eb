from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from everthread.core.models import (
    ApiToken,
    AuditEvent,
    IdempotencyRecord,
    Organisation,
    Staff,
    Store,
    Team,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "industry", "time_zone", "phone_region")


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "city", "time_zone")
    search_fields = ("name", "code", "city")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "store", "manager")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Staff)
class StaffAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "home_store", "is_active")
    list_filter = ("role", "home_store", "is_active")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Everthread", {"fields": ("role", "job_title", "home_store", "teams", "manager")}),
    )
    filter_horizontal = ("teams", "groups", "user_permissions")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "staff", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
    search_fields = ("prefix", "staff__username", "name")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the product writes and nobody edits: the audit log, idempotency answers."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "subject_type", "subject_id", "customer_id")
    list_filter = ("action",)
    search_fields = ("subject_id", "actor__username")


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "staff", "key", "status")
    search_fields = ("key", "staff__username")
