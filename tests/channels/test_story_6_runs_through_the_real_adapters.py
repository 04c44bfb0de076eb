"""Story 6, the raincoat, through the real adapters: Rosa asks on X (a signed X webhook),
then in live chat (the widget's endpoints); the chat agent, opening her page, sees the X
conversation with the chat, and a curt reply gets a tone hint before it is sent."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from everthread.conversations.models import Interaction
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
