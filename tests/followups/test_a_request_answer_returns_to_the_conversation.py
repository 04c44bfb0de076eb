"""The raincoat: the chat agent asks the Covent Garden team to try the coat on; the associate
who does it answers in the follow-up, and the answer lands in the chat journey's timeline,
the journey owes Rosa a reply, and the agent is told."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, covent_garden_team, customer, from_now
from everthread.conversations.models import Journey
from everthread.conversations.selectors import timeline_page
from everthread.conversations.services import JourneyStart, journey_update
from everthread.followups.selectors import my_day
from everthread.followups.services import (
    FollowUpDraft,
    followup_complete,
    followup_open,
    followup_take,
)

pytestmark = pytest.mark.django_db

ANSWER = "It falls just below the knee, and the toggles are lovely up close."


def test_the_store_answers_the_chat_agents_request() -> None:
    rosa = customer("Rosa", "Alvarez")
    ellie = colleague("ellie", "Ellie Ward", role="agent")
    chloe = colleague("chloe", "Chloe Evans", role="agent")
    isabelle = colleague("isabelle", "Isabelle Laurent")
    team = covent_garden_team(members=(isabelle,))
    on_x = contact(
        rosa,
        "x",
        "Can you recommend a raincoat?",
        occurred_at=from_now(hours=-3),
        start=JourneyStart(kind="product_enquiry", title="Red toggle raincoat"),
    )
    journey = Journey.objects.get(pk=on_x.journey_id)
    contact(
        rosa,
        "x",
        "Cute — love the toggles!",
        staff=ellie,
        direction="outbound",
        journey=journey,
        occurred_at=from_now(hours=-2, minutes=-50),
    )
    question = contact(
        rosa,
        "chat",
        "Does the red toggle raincoat cover my legs?",
        journey=journey,
        occurred_at=from_now(minutes=-10),
    )
    journey_update(journey=journey, actor=chloe, owner=chloe)
    request = followup_open(
        customer=rosa,
        actor=chloe,
        draft=FollowUpDraft(
            title="Try on the red toggle raincoat: where does it fall?",
            due_at=from_now(hours=1),
            team=team,
            kind="request",
            journey=journey,
            interaction=question,
            reply_channel="chat",
        ),
    )
    contact(
        rosa,
        "chat",
        "Let me ask the store to try it on for you",
        staff=chloe,
        direction="outbound",
        journey=journey,
    )
    journey.refresh_from_db()
    assert journey.awaiting_reply_since is None

    followup_take(followup_id=request.pk, actor=isabelle)
    followup_complete(followup_id=request.pk, actor=isabelle, outcome=ANSWER)

    answer = timeline_page(customer_id=rosa.pk, journey_id=journey.pk).entries[0]
    assert (answer.kind, answer.channel, answer.staff, answer.text) == (
        "interaction",
        "chat",
        isabelle,
        ANSWER,
    )
    assert (
        answer.title
        == "Isabelle Laurent answered “Try on the red toggle raincoat: where does it fall?”"
    )
    assert answer.detail["direction"] == "internal"
    journey.refresh_from_db()
    assert journey.awaiting_reply_since == answer.occurred_at
    assert journey.channels == ["x", "chat"]
    day = my_day(staff=chloe)
    assert day.owed_replies == [journey]
    [notice] = day.notices
    assert (notice.kind, notice.followup, notice.text) == (
        "answered",
        request,
        f"Isabelle Laurent answered: {ANSWER}",
    )

    contact(
        rosa,
        "chat",
        "It falls just below the knee — perfect for rainy walks!",
        staff=chloe,
        direction="outbound",
        journey=journey,
    )
    assert my_day(staff=chloe).owed_replies == []


def test_a_request_answered_by_the_one_who_asked_tells_nobody() -> None:
    rosa = customer("Rosa", "Alvarez")
    chloe = colleague("chloe", "Chloe Evans", role="agent")
    request = followup_open(
        customer=rosa,
        actor=chloe,
        draft=FollowUpDraft(
            title="Check the raincoat's length on the product page",
            due_at=from_now(hours=1),
            owner=chloe,
            kind="request",
        ),
    )

    followup_complete(followup_id=request.pk, actor=chloe, outcome="98 cm, below the knee")

    assert not chloe.notices.exists()
    [answer] = rosa.interactions.all()
    assert (answer.direction, answer.body, answer.journey) == (
        "internal",
        "98 cm, below the knee",
        None,
    )
