from django.contrib import admin
from django.http import HttpRequest

from everthread.insights.models import RepeatHeard, RepeatScan, RepeatSurvey


@admin.register(RepeatSurvey)
class RepeatSurveyAdmin(admin.ModelAdmin):
    list_display = ("journey", "customer", "channel", "asked_at", "answer", "answered_at")
    list_filter = ("answer", "channel")
    raw_id_fields = ("customer", "journey", "decision", "message")
    readonly_fields = ("decision", "message", "asked_at", "answer", "answered_at", "answered_via")


@admin.register(RepeatHeard)
class RepeatHeardAdmin(admin.ModelAdmin):
    """What the detector keeps: read-only, the detector rewrites it."""

    list_display = ("interaction", "customer", "channel")
    list_filter = ("channel",)
    raw_id_fields = ("customer", "interaction")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(RepeatScan)
class RepeatScanAdmin(admin.ModelAdmin):
    """How far the detector has read: read-only."""

    list_display = ("through_entry_id",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
