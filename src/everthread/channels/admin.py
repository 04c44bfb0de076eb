"""Back office views of what the channels delivered: read here; a failed event is retried."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from everthread.channels.models import ChatConversation, ChatMessage, InboundEvent, UnlinkedContact
from everthread.channels.services import inbound_events_retry
from everthread.core.admin import ReadOnlyAdmin


@admin.register(InboundEvent)
class InboundEventAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "provider", "kind", "channel", "sender", "outcome", "attempts")
    list_filter = ("outcome", "provider", "kind", "channel")
    search_fields = ("provider_message_id", "sender")
    actions = ("retry",)

    @admin.action(description="Process again (those not yet processed)")
    def retry(self, request: HttpRequest, queryset: QuerySet[InboundEvent]) -> None:
        queued = inbound_events_retry(event_ids=queryset.values_list("pk", flat=True))
        messages.success(request, f"{queued} event(s) queued for the worker again.")


@admin.register(UnlinkedContact)
class UnlinkedContactAdmin(ReadOnlyAdmin):
    list_display = ("address", "channel", "message_count", "last_seen_at", "customer")
    list_filter = ("channel",)
    list_select_related = ("customer",)
    search_fields = ("address", "display_name")


@admin.register(ChatConversation)
class ChatConversationAdmin(ReadOnlyAdmin):
    list_display = ("email", "name", "origin", "customer", "last_message_at")
    list_select_related = ("customer",)
    search_fields = ("email", "name")


@admin.register(ChatMessage)
class ChatMessageAdmin(ReadOnlyAdmin):
    list_display = ("conversation", "direction", "text", "staff", "sent_at")
    list_select_related = ("conversation", "staff")
