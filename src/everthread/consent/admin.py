"""Back office view of the consent ledger: read here; changes are recorded with evidence."""

from django.contrib import admin

from everthread.consent.models import ConsentEvent
from everthread.core.admin import ReadOnlyAdmin


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    list_display = ("customer", "kind", "channel", "purpose", "source", "occurred_at")
    list_filter = ("kind", "channel", "purpose", "source")
    list_select_related = ("customer", "recorded_by")
