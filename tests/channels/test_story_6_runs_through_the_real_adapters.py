"""Story 6, the raincoat, through the real adapters: Rosa asks on X (a signed X webhook),
then in live chat (the widget's endpoints); the chat agent, opening her page, sees the X
conversation with the chat, and a curt reply gets a tone hint before it is sent, in the
composer and in the chat itself."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from everthread.channels.models import ChatConversation
from everthread.conversations.models import Interaction
from everthread.core.models import AuditEvent
from factories import ContactPointFactory, CustomerFactory, StaffFactory
from webhooks import x_mention, x_post

pytestmark = pytest.mark.django_db

BRAND_SITE = "https://www.harlowandfinch.example.com"
KEY = "tests-chat-key"
ON_X = (
    "@harlowfinch I need a raincoat that actually keeps me dry on the walk to work. "
    "Is the red toggle one any good?"
)
IN_CHAT = "Does the red toggle raincoat cover my legs?"


@pytest.fixture
def rosa(organisation):
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    ContactPointFactory(customer=rosa, kind="email", value="rosa.alvarez@example.com")
    ContactPointFactory(customer=rosa, kind="x", value="rosa_alv")
    return rosa


def test_the_chat_agent_sees_the_x_conversation_and_a_curt_reply_gets_a_hint(
    client, rosa, settings, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    settings.CHAT_PUBLIC_KEY, settings.CHAT_ALLOWED_ORIGINS = KEY, [BRAND_SITE]
    with django_capture_on_commit_callbacks(execute=True):
        assert x_post(client, x_mention("1796586000000000101", "rosa_alv", ON_X)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            "/chat/v1/conversations",
            json.dumps(
                {"key": KEY, "name": "Rosa", "email": "rosa.alvarez@example.com", "text": IN_CHAT}
            ),
            content_type="application/json",
            headers={"Origin": BRAND_SITE},
        )
    chloe = StaffFactory(username="chloe", first_name="Chloe", last_name="Evans", role="agent")
    agent = Client()
    agent.force_login(chloe)

    page = agent.get(f"/customers/{rosa.pk}/").content.decode()
    chats = agent.get(f"/customers/{rosa.pk}/chats/").content.decode()
    hints = agent.post(
        f"/customers/{rosa.pk}/message/check/", {"channel": "email", "body": "Length: 98 cm."}
    ).content.decode()

    assert started.status_code == 201
    said = Interaction.objects.filter(customer=rosa).order_by("occurred_at", "pk")
    assert [(i.channel, i.direction) for i in said] == [("x", "inbound"), ("chat", "inbound")]
    assert "I need a raincoat that actually keeps me dry" in page and IN_CHAT in chats
    assert "is very short and has no greeting or thanks" in hints
    assert "The customer contacted us by Live chat earlier today" in hints


def test_a_curt_answer_in_the_chat_gets_a_tone_hint_before_it_is_sent(
    client, rosa, settings, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    settings.CHAT_PUBLIC_KEY, settings.CHAT_ALLOWED_ORIGINS = KEY, [BRAND_SITE]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/chat/v1/conversations",
            json.dumps(
                {"key": KEY, "name": "Rosa", "email": "rosa.alvarez@example.com", "text": IN_CHAT}
            ),
            content_type="application/json",
            headers={"Origin": BRAND_SITE},
        )
    chat = ChatConversation.objects.get()
    chloe = StaffFactory(username="chloe", first_name="Chloe", last_name="Evans", role="agent")
    agent = Client(headers={"HX-Request": "true"})
    agent.force_login(chloe)
    curt = {"text": "Length: 98 cm."}

    as_typed = agent.post(f"/chats/{chat.pk}/tone/", curt).content.decode()
    refused = agent.post(f"/chats/{chat.pk}/answer/", curt).content.decode()
    nothing_sent = not chat.messages.filter(direction="outbound").exists()
    anyway = agent.post(f"/chats/{chat.pk}/answer/", {**curt, "send_anyway": "on"})
    warm = agent.post(
        f"/chats/{chat.pk}/answer/",
        {"text": "Hi Rosa, the Covent Garden team tried it on: it falls just below the knee."},
    )

    assert "“Length: 98 cm.” is very short and has no greeting or thanks" in as_typed
    assert "Send anyway: I have read the tone hints" in as_typed
    assert "The tone check has 1 suggestion for this answer to Rosa" in refused
    assert ">Length: 98 cm.</textarea>" in refused and "is very short" in refused
    assert nothing_sent
    assert (anyway.status_code, warm.status_code) == (200, 200)
    sent = list(chat.messages.filter(direction="outbound").order_by("pk"))
    assert [m.text for m in sent] == [
        "Length: 98 cm.",
        "Hi Rosa, the Covent Garden team tried it on: it falls just below the knee.",
    ]
    kept = AuditEvent.objects.filter(action="chat.replied").order_by("pk")
    assert kept[0].detail["sent_anyway"] is True
    assert kept[0].detail["tone_hints"][0]["rule"] == "curt"
    assert kept[1].detail == {}
