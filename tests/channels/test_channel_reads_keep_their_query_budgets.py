"""The reads behind the unlinked contacts page, the customer page's chats and email
threading stay within their budgets however much there is."""

from __future__ import annotations

import pytest
from django.utils import timezone

from everthread.channels.models import ChatConversation, InboundEvent, UnlinkedContact
from everthread.channels.selectors import (
    conversation_thread,
    customer_chats,
    unlinked_contacts_waiting,
)
from factories import CustomerFactory, JourneyFactory

pytestmark = pytest.mark.django_db


def test_a_page_of_unlinked_contacts_is_one_query(
    organisation, django_assert_max_num_queries
) -> None:
    now = timezone.now()
    for n in range(30):
        UnlinkedContact.objects.create(
            channel="sms", address=f"+4477009004{n:02d}", first_seen_at=now, last_seen_at=now
        )

    with django_assert_max_num_queries(1):
        page = unlinked_contacts_waiting(limit=25)

    assert len(page.items) == 25 and page.next_cursor


def test_the_customer_pages_chats_are_two_queries(
    organisation, django_assert_max_num_queries
) -> None:
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    for n in range(3):
        chat = ChatConversation.objects.create(
            token=f"t{n}",
            email="rosa.alvarez@example.com",
            customer=rosa,
            last_message_at=timezone.now(),
        )
        for words in ("Hello", "Is it lined?", "Thanks"):
            chat.messages.create(direction="inbound", text=words)

    with django_assert_max_num_queries(2):
        chats = customer_chats(customer_id=rosa.pk)
        lines = [m.text for chat in chats for m in chat.messages.all() if m.staff is None]

    assert len(lines) == 9


def test_finding_an_emails_thread_is_at_most_three_queries(
    organisation, django_assert_max_num_queries
) -> None:
    journey = JourneyFactory(customer=CustomerFactory())
    earlier = InboundEvent.objects.create(
        provider="email",
        kind="message",
        provider_message_id="first@mail.example.com",
        channel="email",
    )
    earlier.interaction = journey.customer.interactions.create(
        channel="email",
        direction="inbound",
        summary="Boots",
        occurred_at=timezone.now(),
        journey=journey,
    )
    earlier.save()
    reply = InboundEvent(
        provider="email",
        kind="message",
        provider_message_id="second@mail.example.com",
        payload={
            "recipients": ["hello@harlowandfinch.example.com"],
            "in_reply_to": ["first@mail.example.com"],
        },
    )

    with django_assert_max_num_queries(3):
        found = conversation_thread(reply)
        customer = found.customer if found else None

    assert found == journey and customer == journey.customer
