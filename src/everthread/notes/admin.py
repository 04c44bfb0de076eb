"""Back office view of handover notes: part of the record, so read-only."""

from django.contrib import admin

from everthread.core.admin import ReadOnlyAdmin
from everthread.notes.models import Note


@admin.register(Note)
class NoteAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "customer", "author", "status", "quality_score", "created_at")
    list_filter = ("status", "quality_score")
    list_select_related = ("customer", "author")
