"""The web chat on the brand's site: a visitor opens a conversation and writes; staff answer.

A visitor's message is kept at once for their widget and as an inbound event, which the
worker recognises and threads like any channel's. Outreach has no web-chat channel, so a
staff answer is recorded on the timeline here, as an outbound chat interaction.
"""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from everthread.channels.arrivals import Arrival
from everthread.channels.errors import (
    ChatNotFound,
    ChatRefused,
    ChatReplyRefused,
    ChatToneHints,
    InvalidChat,
)
from everthread.channels.models import ChatConversation, ChatMessage, InboundEvent, Provider
from everthread.channels.selectors import chat_conversation_by_token
from everthread.channels.services.inbound import inbound_events_store
from everthread.conversations.models import Interaction
from everthread.conversations.services import InteractionDraft, interaction_record
from everthread.core.models import Capability, Channel, Staff
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.contact_points import ContactKind, contact_point_normalise
from everthread.customers.errors import InvalidContactPoint
from everthread.message_templates.selectors import tone_check
from everthread.message_templates.tone import WARNING
from everthread.outreach.services import outreach_reply_decide

MAX_CHAT_MESSAGE = 2000


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidChat("Write a message.", field="text")
    if len(text) > MAX_CHAT_MESSAGE:
        raise InvalidChat(f"Keep a message under {MAX_CHAT_MESSAGE} characters.", field="text")
    return text


@transaction.atomic
def chat_open(*, key: str, origin: str, name: str, email: str, text: str = "") -> ChatConversation:
    """A visitor starts a conversation; the email is how we recognise and answer them."""
    if not settings.CHAT_PUBLIC_KEY or not constant_time_compare(key, settings.CHAT_PUBLIC_KEY):
        raise ChatRefused("This chat is not set up for this site.", field="key")
    try:
        address = contact_point_normalise(
            ContactKind.EMAIL, email, region=organisation_get().phone_region
        )
    except InvalidContactPoint:
        raise InvalidChat("Give an email address we can answer you at.", field="email") from None
    conversation = ChatConversation.objects.create(
        token=secrets.token_urlsafe(32),
        name=name.strip()[:200],
        email=address,
        origin=origin[:200],
        last_message_at=timezone.now(),
    )
    if text.strip():
        chat_message_send(token=conversation.token, text=text)
    return conversation


@transaction.atomic
def chat_message_send(*, token: str, text: str, client_id: str = "") -> ChatMessage:
    """The visitor writes; a resend with the same client id returns the first message."""
    conversation = chat_conversation_by_token(token=token)
    words, client_id = _text(text), client_id.strip()[:64]
    if client_id:
        first = conversation.messages.filter(client_id=client_id).first()
        if first is not None:
            return first
    try:
        with transaction.atomic():
            message = conversation.messages.create(
                direction=ChatMessage.Direction.FROM_VISITOR, text=words, client_id=client_id
            )
    except IntegrityError:
        return conversation.messages.get(client_id=client_id)
    ChatConversation.objects.filter(pk=conversation.pk).update(last_message_at=message.sent_at)
    arrival = Arrival(
        provider=Provider.WEB_CHAT,
        kind=InboundEvent.Kind.MESSAGE,
        provider_message_id=f"chat-message:{message.pk}",
        channel=Channel.CHAT,
        sender=conversation.email,
        sender_name=conversation.name,
        text=words,
        occurred_at=message.sent_at,
        payload={"conversation": conversation.pk, "chat_message": message.pk},
    )
    inbound_events_store(
        arrivals=[arrival],
        raw_body=json.dumps({"text": words, "client_id": client_id}),
        headers={"Origin": conversation.origin},
    )
    return message


def chat_event_attach(event: InboundEvent, interaction: Interaction) -> None:
    """The worker put a chat message on a timeline: the conversation follows it there."""
    conversation_id = event.payload.get("conversation")
    ChatConversation.objects.filter(pk=conversation_id).update(
        customer_id=interaction.customer_id, journey_id=interaction.journey_id
    )
    ChatMessage.objects.filter(pk=event.payload.get("chat_message")).update(interaction=interaction)


def chat_reply(
    *, actor: Staff, conversation_id: int, text: str, send_anyway: bool = False
) -> ChatMessage:
    """Staff answer in the chat: the visitor's widget shows it, the timeline records it.

    The tone check reads it first, as it does everything the brand sends: a warning
    refuses it (ChatToneHints, with the hints) unless staff send it anyway, which the
    audit log keeps with the hints. Then the outreach gate decides, as for every message
    to a customer, and its decision is kept even when it refuses (ChatReplyRefused): a
    reply needs no consent for the channel and knows no quiet hours (the customer is
    waiting), but an erased record or a do-not-contact flag stops it."""
    capability_require(staff=actor, capability=Capability.SEND_OUTREACH)
    conversation = _answerable(conversation_id, lock=False)
    customer = conversation.customer
    assert customer is not None  # _answerable refuses a visitor not yet linked
    words = _text(text)
    hints = tone_check(
        text=words,
        channel=Channel.CHAT,
        organisation=organisation_get(),
        customer_id=customer.pk,
        at=timezone.now(),
    )
    warned = [hint.as_dict() for hint in hints if hint.severity == WARNING]
    if warned and not send_anyway:
        raise ChatToneHints(
            f"The tone check has {len(warned)} suggestion{'s' if len(warned) > 1 else ''} for "
            f"this answer to {customer.greeting_name}: change it, or send anyway.",
            customer_id=customer.pk,
            hints=hints,
        )
    decision = outreach_reply_decide(customer=customer, channel=Channel.CHAT, actor=actor)
    if decision.reasons:
        raise ChatReplyRefused(
            "This answer cannot be sent: " + " ".join(decision.reasons),
            customer_id=customer.pk,
            reasons=decision.reasons,
        )
    with transaction.atomic():
        conversation = _answerable(conversation_id, lock=True)
        interaction, _ = interaction_record(
            customer=customer,
            staff=actor,
            draft=InteractionDraft(
                channel=Channel.CHAT,
                direction=Interaction.Direction.OUTBOUND,
                summary=words.splitlines()[0][:120],
                body=words,
            ),
            journey=conversation.journey,
        )
        message = conversation.messages.create(
            direction=ChatMessage.Direction.FROM_STAFF,
            text=words,
            staff=actor,
            interaction=interaction,
            decision=decision,
        )
        conversation.last_message_at = message.sent_at
        conversation.save(update_fields=["last_message_at"])
        audit_record(
            actor=actor,
            action="chat.replied",
            subject=message,
            customer_id=customer.pk,
            detail={"sent_anyway": True, "tone_hints": warned} if warned else None,
        )
    return message


def _answerable(conversation_id: int, *, lock: bool) -> ChatConversation:
    conversations = ChatConversation.objects.select_related("customer", "journey")
    if lock:
        conversations = conversations.select_for_update(of=("self",))
    conversation = conversations.filter(pk=conversation_id).first()
    if conversation is None:
        raise ChatNotFound(f"There is no chat conversation with id {conversation_id}.")
    if conversation.customer is None:
        raise InvalidChat("Link this visitor to a customer before answering here.")
    return conversation
