"""POST /api/v1/tone-check: the raincoat story. Rosa asked on X yesterday; a curt chat reply
that ignores it gets both hints, the warm one that picks it up gets none."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from api_clients import client_of
from everthread.message_templates.models import BrandVoice
from factories import CustomerFactory


@pytest.fixture
def rosa(organisation):
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    rosa.interactions.create(
        channel="x",
        direction="inbound",
        summary="Raincoat recommendation?",
        occurred_at=timezone.now() - datetime.timedelta(days=1),
    )
    return rosa


def _check(staff, **payload):
    return client_of(staff).post("/api/v1/tone-check", payload, content_type="application/json")


def test_a_curt_reply_that_ignores_the_x_conversation_gets_two_hints(associate, rosa) -> None:
    answer = _check(associate, text="Length: 98 cm.", channel="chat", customer_id=rosa.pk)

    assert answer.status_code == 200
    hints = answer.json()
    assert [hint["rule"] for hint in hints] == ["curt", "history-not-acknowledged"]
    assert hints[0]["span"] == [0, 14] and hints[0]["severity"] == "warning"
    assert "by X yesterday (“Raincoat recommendation?”)" in hints[1]["message"]


def test_the_warm_reply_that_picks_up_the_x_conversation_gets_none(associate, rosa) -> None:
    text = (
        "Hi Rosa, thanks for your message on X! The Covent Garden team tried the red toggle "
        "raincoat on: it falls just below the knee."
    )

    assert _check(associate, text=text, channel="chat", customer_id=rosa.pk).json() == []


def test_the_check_holds_to_the_brand_voice_set_by_a_manager(associate, organisation) -> None:
    BrandVoice.objects.create(organisation=organisation, emoji_policy="never")

    hints = _check(associate, text="Hi Charlotte, the coats are in ☂", channel="whatsapp").json()

    assert [hint["rule"] for hint in hints] == ["emoji"]


def test_bad_input_is_refused_with_the_field(associate, rosa) -> None:
    bad_channel = _check(associate, text="Hello", channel="pigeon")
    unknown_customer = _check(associate, text="Hello", channel="chat", customer_id=999999)

    assert bad_channel.status_code == 422 and bad_channel.json()["field"] == "channel"
    assert unknown_customer.status_code == 404


def test_a_coach_may_not_run_it(coach, rosa) -> None:
    assert _check(coach, text="Hello", channel="chat").status_code == 403
