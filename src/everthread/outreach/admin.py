"""Back office views of the gate's decisions and the messages it let through: read only."""

from django.contrib import admin

from everthread.core.admin import ReadOnlyAdmin
from everthread.outreach.models import OutboundMessage, OutreachDecision


@admin.register(OutreachDecision)
class OutreachDecisionAdmin(ReadOnlyAdmin):
    list_display = ("customer", "channel", "purpose", "outcome", "at", "decided_by")
    list_filter = ("outcome", "channel", "purpose")
    list_select_related = ("customer", "decided_by")


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyAdmin):
    list_display = ("customer", "channel", "purpose", "status", "send_after", "created_by")
    list_filter = ("status", "channel", "purpose")
    list_select_related = ("customer", "created_by")
