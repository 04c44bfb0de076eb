"""Back office views of conversations: history is read here and written by the product."""

from django.contrib import admin

from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.core.admin import ReadOnlyAdmin


@admin.register(Journey)
class JourneyAdmin(ReadOnlyAdmin):
    list_display = ("title", "customer", "kind", "status", "owner", "last_activity_at")
    list_filter = ("kind", "status")
    list_select_related = ("customer", "owner")
    search_fields = ("title",)


@admin.register(Interaction)
class InteractionAdmin(ReadOnlyAdmin):
    list_display = ("summary", "customer", "channel", "direction", "staff", "occurred_at")
    list_filter = ("channel", "direction")
    list_select_related = ("customer", "staff")
    search_fields = ("summary", "external_id")


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = ("title", "customer", "kind", "channel", "occurred_at")
    list_filter = ("kind", "channel")
    list_select_related = ("customer",)
