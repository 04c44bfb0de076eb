"""Back office views of templates and the brand voice; written in the product so rules hold."""

from django.contrib import admin

from everthread.core.admin import ReadOnlyAdmin
from everthread.message_templates.models import BrandVoice, MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(ReadOnlyAdmin):
    list_display = ("name", "channel", "purpose", "language", "whatsapp_approved", "updated_at")
    list_filter = ("channel", "purpose", "language")
    search_fields = ("name", "body")


@admin.register(BrandVoice)
class BrandVoiceAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "formality", "emoji_policy", "updated_at")
