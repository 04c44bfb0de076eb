from django.contrib import admin

from everthread.core.admin import ReadOnlyAdmin
from everthread.insights.models import (
    BreakDay,
    MoveDay,
    RepeatHeard,
    RepeatScan,
    RepeatSurvey,
    ReplyDay,
    ResolvedDay,
    ResolvedPlace,
    RollupDay,
    RollupMark,
    SentDay,
)


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


@admin.register(RollupDay)
class RollupDayAdmin(ReadOnlyAdmin):
    """The days the dashboards read from the rollups; the rollups' refresh writes them."""

    list_display = ("day", "refreshed_at")
    date_hierarchy = "day"


@admin.register(RollupMark)
class RollupMarkAdmin(ReadOnlyAdmin):
    """How far the last refresh of the rollups read."""

    list_display = ("through_interaction_id", "through_message_id", "through_followup_id")


@admin.register(ReplyDay, MoveDay, ResolvedDay, ResolvedPlace, BreakDay, SentDay)
class RollupAdmin(ReadOnlyAdmin):
    """A day's figures for the dashboards, rebuilt from the contacts by the refresh."""

    list_display = ("day", "__str__")
    list_filter = ("day",)
