"""The web chat on the brand's site: a visitor starts a chat, is recognised by their email,
and the conversation is on their timeline; staff answer from the customer page and the
widget's next poll shows it."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from everthread.channels.errors import ChatReplyRefused
from everthread.channels.models import ChatConversation, ChatMessage, UnlinkedContact
from everthread.channels.services import chat_reply
from everthread.consent.services import Evidence, consent_do_not_contact
from everthread.conversations.models import Interaction, Journey
from everthread.outreach.models import OutreachDecision
from everthread.privacy.services import customer_erase
from factories import ContactPointFactory, CustomerFactory, StaffFactory

pytestmark = pytest.mark.django_db

BRAND_SITE = "https://www.harlowandfinch.example.com"
KEY = "tests-chat-key"
WARM_ANSWER = "Hello Rosa, yes, we have it in a 12 at Manchester. Shall I hold it for you?"


@pytest.fixture(autouse=True)
def _chat_settings(settings, inline_tasks) -> None:
    settings.CHAT_PUBLIC_KEY = KEY
    settings.CHAT_ALLOWED_ORIGINS = [BRAND_SITE]


@pytest.fixture
def rosa(organisation):
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    ContactPointFactory(customer=rosa, kind="email", value="rosa.alvarez@example.com")
    return rosa


@pytest.fixture
def chloe(store):
    return StaffFactory(username="chloe", first_name="Chloe", last_name="Evans", role="agent")


def _post(client: Client, path: str, data: dict, origin: str = BRAND_SITE):
    return client.post(
        path, json.dumps(data), content_type="application/json", headers={"Origin": origin}
    )


def _start(client: Client, capture, **fields: str):
    data = {"key": KEY, "name": "Rosa", "email": "rosa.alvarez@example.com", **fields}
    with capture(execute=True):
        return _post(client, "/chat/v1/conversations", data)


def test_a_visitor_is_recognised_and_the_chat_is_on_their_timeline(
    client, rosa, django_capture_on_commit_callbacks
) -> None:
    started = _start(
        client,
        django_capture_on_commit_callbacks,
        text="Does the red toggle raincoat cover my legs?",
    )

    assert started.status_code == 201
    assert started["Access-Control-Allow-Origin"] == BRAND_SITE
    body = started.json()
    assert [m["text"] for m in body["messages"]] == ["Does the red toggle raincoat cover my legs?"]
    said = Interaction.objects.get(customer=rosa)
    assert (said.channel, said.direction) == ("chat", "inbound")
    conversation = ChatConversation.objects.get(token=body["conversation"])
    assert (conversation.customer, conversation.journey) == (rosa, said.journey)


def test_staff_answer_from_the_customer_page_and_the_widget_shows_it(
    client, rosa, chloe, django_capture_on_commit_callbacks
) -> None:
    token = _start(
        client, django_capture_on_commit_callbacks, text="Does it cover my legs?"
    ).json()["conversation"]
    seen = client.get(
        f"/chat/v1/conversations/{token}/messages?after=0", headers={"Origin": BRAND_SITE}
    )
    last = seen.json()["messages"][-1]["id"]
    staff = Client()
    staff.force_login(chloe)

    page = staff.get(f"/customers/{rosa.pk}/").content.decode()
    # The page fills its chat panel once shown, as its HTMX placeholder asks.
    assert f'hx-get="/customers/{rosa.pk}/chats/"' in page
    page = staff.get(f"/customers/{rosa.pk}/chats/").content.decode()
    conversation = ChatConversation.objects.get()
    answered = staff.post(
        f"/chats/{conversation.pk}/answer/", {"text": "It falls just below the knee."}
    )
    polled = client.get(
        f"/chat/v1/conversations/{token}/messages?after={last}", headers={"Origin": BRAND_SITE}
    )

    assert "Answer in the chat" in page and "Does it cover my legs?" in page
    assert answered.status_code == 302
    assert polled.json()["messages"] == [
        {
            "id": polled.json()["messages"][0]["id"],
            "from": "staff",
            "author": "Chloe (Harlow & Finch)",
            "text": "It falls just below the knee.",
            "sent_at": polled.json()["messages"][0]["sent_at"],
        }
    ]
    answer = Interaction.objects.get(customer=rosa, direction="outbound")
    assert (answer.channel, answer.staff, answer.journey_id) == (
        "chat",
        chloe,
        conversation.journey_id,
    )
    assert Journey.objects.get(pk=conversation.journey_id).awaiting_reply_since is None


def test_a_resend_with_the_same_client_id_is_one_message(
    client, rosa, django_capture_on_commit_callbacks
) -> None:
    token = _start(client, django_capture_on_commit_callbacks).json()["conversation"]
    path = f"/chat/v1/conversations/{token}/messages"

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            sent = _post(client, path, {"text": "Hello?", "client_id": "abc123"})

    assert sent.status_code == 201
    assert ChatMessage.objects.filter(text="Hello?").count() == 1
    assert Interaction.objects.filter(customer=rosa, body="Hello?").count() == 1


def test_only_the_brands_sites_with_the_key_may_chat(
    client, rosa, django_capture_on_commit_callbacks
) -> None:
    elsewhere = _post(
        client,
        "/chat/v1/conversations",
        {"key": KEY, "email": "a@example.com"},
        origin="https://evil.example.net",
    )
    no_origin = client.post("/chat/v1/conversations", "{}", content_type="application/json")
    wrong_key = _post(client, "/chat/v1/conversations", {"key": "guess", "email": "a@example.com"})
    preflight = client.options("/chat/v1/conversations", headers={"Origin": BRAND_SITE})

    assert [elsewhere.status_code, no_origin.status_code, wrong_key.status_code] == [403, 403, 403]
    assert "Access-Control-Allow-Origin" not in elsewhere
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Headers"] == "Content-Type"
    assert not ChatConversation.objects.exists()


def test_bad_input_is_refused_with_a_reason(
    client, rosa, django_capture_on_commit_callbacks
) -> None:
    no_email = _post(client, "/chat/v1/conversations", {"key": KEY, "email": "not an address"})
    not_json = client.post(
        "/chat/v1/conversations",
        "nope",
        content_type="application/json",
        headers={"Origin": BRAND_SITE},
    )
    token = _start(client, django_capture_on_commit_callbacks).json()["conversation"]
    empty = _post(client, f"/chat/v1/conversations/{token}/messages", {"text": "  "})
    gone = client.get(
        "/chat/v1/conversations/no-such-token/messages", headers={"Origin": BRAND_SITE}
    )

    assert (no_email.status_code, no_email.json()["field"]) == (400, "email")
    assert not_json.status_code == 400
    assert (empty.status_code, empty.json()["detail"]) == (400, "Write a message.")
    assert gone.status_code == 404


def test_too_many_requests_from_one_address_wait(
    client, rosa, settings, django_capture_on_commit_callbacks
) -> None:
    settings.CHAT_REQUESTS_PER_MINUTE = 3
    token = _start(client, django_capture_on_commit_callbacks).json()["conversation"]
    path = f"/chat/v1/conversations/{token}/messages"

    answers = [client.get(path, headers={"Origin": BRAND_SITE}).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_an_unknown_visitor_waits_to_be_linked_then_staff_can_answer(
    client, signed_in, organisation, django_capture_on_commit_callbacks
) -> None:
    _start(
        client,
        django_capture_on_commit_callbacks,
        email="new.visitor@example.com",
        name="Sam Visitor",
        text="Hi",
    )
    contact = UnlinkedContact.objects.get()
    assert (contact.channel, contact.address) == ("chat", "new.visitor@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            f"/unlinked-contacts/{contact.pk}/new-customer/",
            {"given_name": "Sam", "family_name": "Visitor"},
        )
    conversation = ChatConversation.objects.get()
    answered = signed_in.post(f"/chats/{conversation.pk}/answer/", {"text": "Hello Sam!"})

    assert conversation.customer is not None and conversation.customer.given_name == "Sam"
    assert answered.status_code == 302
    assert list(
        Interaction.objects.filter(customer=conversation.customer)
        .order_by("pk")
        .values_list("body", flat=True)
    ) == ["Hi", "Hello Sam!"]


def _chatting(client: Client, capture, customer) -> tuple[str, ChatConversation]:
    token = _start(client, capture, text="Is the raincoat back in my size?").json()["conversation"]
    return token, ChatConversation.objects.get(customer=customer)


def test_each_answer_asks_the_gate_and_keeps_its_decision(
    client, rosa, chloe, django_capture_on_commit_callbacks
) -> None:
    _, conversation = _chatting(client, django_capture_on_commit_callbacks, rosa)

    # Rosa never agreed to any channel, and it is the middle of the night for all the
    # gate knows: a reply to a customer who is waiting in the chat still goes.
    answer = chat_reply(actor=chloe, conversation_id=conversation.pk, text=WARM_ANSWER)

    decision = OutreachDecision.objects.get(customer=rosa)
    assert answer.decision == decision
    assert (decision.channel, decision.outcome, decision.decided_by) == ("chat", "allowed", chloe)


def test_a_do_not_contact_customer_gets_no_answer_and_staff_see_why(
    client, rosa, chloe, django_capture_on_commit_callbacks
) -> None:
    token, conversation = _chatting(client, django_capture_on_commit_callbacks, rosa)
    consent_do_not_contact(
        customer=rosa,
        evidence=Evidence(source="staff_in_person", wording="Asked never to be contacted."),
        actor=chloe,
    )
    staff = Client()
    staff.force_login(chloe)

    with pytest.raises(ChatReplyRefused) as refused:
        chat_reply(actor=chloe, conversation_id=conversation.pk, text=WARM_ANSWER)
    panel = staff.post(
        f"/chats/{conversation.pk}/answer/",
        {"text": WARM_ANSWER},
        headers={"HX-Request": "true"},
    ).content.decode()
    polled = client.get(
        f"/chat/v1/conversations/{token}/messages?after=0", headers={"Origin": BRAND_SITE}
    )

    assert "do not contact" in refused.value.message
    assert "cannot be sent" in panel and "do not contact" in panel
    assert [m["from"] for m in polled.json()["messages"]] == ["you"]
    assert not Interaction.objects.filter(customer=rosa, direction="outbound").exists()
    assert list(OutreachDecision.objects.values_list("outcome", flat=True)) == [
        "refused",
        "refused",
    ]


def test_an_erased_customer_gets_no_answer(
    client, rosa, chloe, django_capture_on_commit_callbacks
) -> None:
    _, conversation = _chatting(client, django_capture_on_commit_callbacks, rosa)
    customer_erase(actor=StaffFactory(role="privacy_officer"), customer_id=rosa.pk)

    with pytest.raises(ChatReplyRefused) as refused:
        chat_reply(actor=chloe, conversation_id=conversation.pk, text=WARM_ANSWER)

    assert "erased" in refused.value.message
    assert not ChatMessage.objects.filter(direction="outbound").exists()


def test_a_staff_line_without_the_gates_decision_is_refused_by_the_database(
    client, rosa, chloe, django_capture_on_commit_callbacks
) -> None:
    _, conversation = _chatting(client, django_capture_on_commit_callbacks, rosa)

    with pytest.raises(IntegrityError), transaction.atomic():
        conversation.messages.create(direction="outbound", text="Around the gate", staff=chloe)
