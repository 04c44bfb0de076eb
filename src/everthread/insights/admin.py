from django.contrib import admin

from everthread.core.admin import ReadOnlyAdmin
from everthread.insights.models import RepeatHeard, RepeatScan, RepeatSurvey


@admin.register(RepeatSurvey)
class RepeatSurveyAdmin(admin.ModelAdmin):
    list_display = ("journey", "customer", "channel", "asked_at", "answer", "answered_at")
    list_filter = ("answer", "channel")
    raw_id_fields = ("customer", "journey", "decision", "message")
    readonly_fields = ("decision", "message", "asked_at", "answer", "answered_at", "answered_via")


@admin.register(RepeatHeard)
class RepeatHeardAdmin(ReadOnlyAdmin):
    """What the detector keeps; it rewrites it."""

    list_display = ("interaction", "customer", "channel")
    list_filter = ("channel",)
    raw_id_fields = ("customer", "interaction")


@admin.register(RepeatScan)
class RepeatScanAdmin(ReadOnlyAdmin):
    """How far the detector has read."""

    list_display = ("through_entry_id",)
