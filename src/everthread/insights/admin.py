from django.contrib import admin

from everthread.insights.models import RepeatSurvey


@admin.register(RepeatSurvey)
class RepeatSurveyAdmin(admin.ModelAdmin):
    list_display = ("journey", "customer", "channel", "asked_at", "answer", "answered_at")
    list_filter = ("answer", "channel")
    raw_id_fields = ("customer", "journey", "decision", "message")
    readonly_fields = ("decision", "message", "asked_at", "answer", "answered_at", "answered_via")
