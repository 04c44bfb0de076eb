"""Back office views of follow-ups: read here, worked in the product so rules and history hold."""

from django.contrib import admin

from everthread.core.admin import ReadOnlyAdmin
from everthread.followups.models import FollowUp, Handover, Notice


class HandoverInline(admin.TabularInline):
    model = Handover
    extra = 0
    can_delete = False
    fields = ("at", "by", "from_owner", "from_team", "to_owner", "to_team", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("title", "customer", "kind", "owner", "team", "due_at", "status")
    list_filter = ("status", "kind", "team")
    list_select_related = ("customer", "owner", "team")
    search_fields = ("title",)
    inlines = (HandoverInline,)


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin):
    list_display = ("followup", "by", "reason", "at")
    list_select_related = ("followup", "by")


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ("text", "staff", "kind", "at", "read_at")
    list_filter = ("kind",)
    list_select_related = ("staff",)
