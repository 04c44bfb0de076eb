"""Reads for inbound channels, each with its query budget."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from everthread.channels.email_in import reply_journey_id
from everthread.channels.errors import ChatNotFound, UnlinkedContactNotFound
from everthread.channels.models import (
    ChatConversation,
    ChatMessage,
    InboundEvent,
    Provider,
    UnlinkedContact,
)
from everthread.conversations.models import Journey
from everthread.core.pagination import time_keyset_page
from everthread.outreach.selectors import journey_of_outbound_message


@dataclass(frozen=True)
class UnlinkedPage:
    items: list[UnlinkedContact]
    next_cursor: str | None


def unlinked_contacts_waiting(
    *, after: str | None = None, limit: int | None = None
) -> UnlinkedPage:
    """Senders nobody has linked yet, who wrote last first; 1 query."""
    rows, cursor = time_keyset_page(
        UnlinkedContact.objects.filter(customer__isnull=True),
        by="last_seen_at",
        after=after,
        limit=limit or settings.PAGE_SIZE,
        newest_first=True,
    )
    return UnlinkedPage(items=rows, next_cursor=cursor)


def unlinked_contact_get(*, contact_id: int) -> UnlinkedContact:
    contact = UnlinkedContact.objects.select_related("customer").filter(pk=contact_id).first()
    if contact is None:
        raise UnlinkedContactNotFound(f"There is no unlinked contact with id {contact_id}.")
    return contact


def unlinked_contact_messages(*, contact_id: int, limit: int = 50) -> list[InboundEvent]:
    """What they wrote, oldest first (the latest ``limit``); 1 query."""
    rows = InboundEvent.objects.filter(unlinked_contact_id=contact_id).order_by(
        "-received_at", "-pk"
    )
    return list(reversed(rows[:limit]))


def conversation_thread(event: InboundEvent) -> Journey | None:
    """The journey a message continues when its channel says so (an email's thread, the
    chat it was written in), else None; at most 3 queries."""
    if event.provider == Provider.EMAIL:
        return email_thread(event)
    if event.provider == Provider.WEB_CHAT:
        chat = (
            ChatConversation.objects.select_related("journey__customer")
            .filter(pk=event.payload.get("conversation"))
            .first()
        )
        return chat.journey if chat is not None else None
    return None


def chat_conversation_by_token(*, token: str) -> ChatConversation:
    conversation = ChatConversation.objects.filter(token=token).first() if token else None
    if conversation is None:
        raise ChatNotFound("This conversation has ended; start a new one.")
    return conversation


def chat_conversation_get(*, conversation_id: int) -> ChatConversation:
    """One chat by its id, as staff answer it; 1 query."""
    conversation = ChatConversation.objects.filter(pk=conversation_id).first()
    if conversation is None:
        raise ChatNotFound(f"There is no chat conversation with id {conversation_id}.")
    return conversation


def chat_messages_after(*, conversation: ChatConversation, after: int = 0) -> list[ChatMessage]:
    """What the visitor's widget has not shown yet, oldest first; 1 query."""
    return list(
        conversation.messages.filter(pk__gt=after).select_related("staff").order_by("pk")[:200]
    )


def customer_chats(*, customer_id: int, limit: int = 3) -> list[ChatConversation]:
    """The customer's latest web chats with their messages; 2 queries."""
    return list(
        ChatConversation.objects.filter(customer_id=customer_id)
        .prefetch_related("messages__staff")
        .order_by("-last_message_at", "-pk")[:limit]
    )


def email_thread(event: InboundEvent) -> Journey | None:
    """The journey an email continues: named by our signed reply address, or by the
    message it answers (one we sent, or an earlier one of theirs); at most 3 queries."""
    for address in event.payload.get("recipients") or []:
        journey_id = reply_journey_id(str(address))
        if journey_id is not None:
            journey = Journey.objects.select_related("customer").filter(pk=journey_id).first()
            if journey is not None:
                return journey
    answered = [*(event.payload.get("in_reply_to") or []), *(event.payload.get("references") or [])]
    # Stored with or without the angle brackets, depending on who recorded it.
    ids = [form for key in answered for form in (key, f"<{key}>")]
    if not ids:
        return None
    ours = journey_of_outbound_message(provider_message_ids=ids)
    if ours is not None:
        return ours
    theirs = (
        InboundEvent.objects.filter(
            provider=Provider.EMAIL,
            provider_message_id__in=ids,
            interaction__journey__isnull=False,
        )
        .select_related("interaction__journey__customer")
        .order_by("-pk")
        .first()
    )
    return theirs.interaction.journey if theirs is not None and theirs.interaction else None
