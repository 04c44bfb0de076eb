from django.contrib import admin

from everthread.channels.models import ChatConversation, ChatMessage, InboundEvent, UnlinkedContact
from everthread.core.admin import ReadOnlyAdmin


# What the providers sent, as they sent it: kept whole, changed only by processing.
@admin.register(InboundEvent)
class InboundEventAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "provider", "kind", "channel", "sender", "outcome")
    list_filter = ("provider", "kind", "outcome")
    search_fields = ("provider_message_id", "sender")


# Linked on the Unlinked contacts page, which moves their messages onto the customer.
@admin.register(UnlinkedContact)
class UnlinkedContactAdmin(ReadOnlyAdmin):
    list_display = ("last_seen_at", "channel", "address", "message_count", "customer")
    list_filter = ("channel",)
    search_fields = ("address", "display_name")


@admin.register(ChatConversation)
class ChatConversationAdmin(ReadOnlyAdmin):
    list_display = ("last_message_at", "email", "origin", "customer")
    search_fields = ("email", "name")


@admin.register(ChatMessage)
class ChatMessageAdmin(ReadOnlyAdmin):
    list_display = ("sent_at", "conversation", "direction", "staff")
    list_filter = ("direction",)
