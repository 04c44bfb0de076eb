"""Inbound STOP and its synonyms withdraw that channel at once, STOPALL every channel,
START/UNSTOP restore, HELP explains; each answer is at most one confirmation."""

from __future__ import annotations

import pytest

from consenting import GRANTED, client_of, record
from everthread.consent.models import ConsentChannel, Purpose
from everthread.consent.selectors import consent_standing
from everthread.consent.services import consent_keyword_apply


@pytest.fixture
def henry(organisation):
    henry = client_of(None, "Henry", "Adeyemi", "+447700900112")
    for channel in ("sms", "email"):
        record(henry, channel, "marketing", GRANTED, days_ago=30)
    return henry


@pytest.mark.parametrize(
    "text", ["STOP", "stop", "Stop.", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]
)
def test_a_stop_word_withdraws_that_channel_only(henry, text: str) -> None:
    reply = consent_keyword_apply(customer=henry, channel="sms", text=text)

    standing = consent_standing(customer_id=henry.pk)
    assert all(standing.state("sms", purpose).withdrawn for purpose in Purpose.values)
    assert standing.state("email", "marketing").granted
    assert (
        reply
        == "Harlow & Finch: you will get no more messages from us by SMS. Reply START to undo."
    )
    assert standing.state("sms", "marketing").event.wording == text


def test_stopall_withdraws_every_channel(henry) -> None:
    reply = consent_keyword_apply(customer=henry, channel="sms", text="STOPALL")

    standing = consent_standing(customer_id=henry.pk)
    assert all(
        standing.state(channel, purpose).withdrawn
        for channel in ConsentChannel.values
        for purpose in Purpose.values
    )
    assert "any channel" in reply


@pytest.mark.parametrize("text", ["START", "unstop"])
def test_start_restores_what_stop_took_away(henry, text: str) -> None:
    consent_keyword_apply(customer=henry, channel="sms", text="STOP")

    reply = consent_keyword_apply(customer=henry, channel="sms", text=text)

    standing = consent_standing(customer_id=henry.pk)
    assert standing.state("sms", "marketing").granted
    assert standing.state("sms", "service").granted
    # Never granted before the STOP: START does not invent it.
    assert not standing.state("sms", "recommendations").granted
    assert reply == "Harlow & Finch: you will get SMS messages from us again. Reply STOP to stop."


def test_help_explains_and_changes_nothing(henry) -> None:
    before = consent_standing(customer_id=henry.pk).cells

    reply = consent_keyword_apply(customer=henry, channel="sms", text="HELP")

    assert "reply STOP" in reply and "START" in reply
    assert consent_standing(customer_id=henry.pk).cells == before


def test_a_repeated_stop_confirms_again_and_records_nothing_new(henry) -> None:
    consent_keyword_apply(customer=henry, channel="sms", text="STOP")
    events = henry.consent_events.count()

    assert consent_keyword_apply(customer=henry, channel="sms", text="STOP") is not None
    assert henry.consent_events.count() == events


def test_an_ordinary_reply_gets_no_automatic_answer(henry) -> None:
    assert (
        consent_keyword_apply(customer=henry, channel="sms", text="Thanks, see you Saturday")
        is None
    )
    assert consent_standing(customer_id=henry.pk).flags == []


def test_a_stop_by_instagram_message_stops_social_direct_messages(henry) -> None:
    record(henry, "social_dm", "marketing", GRANTED)

    consent_keyword_apply(customer=henry, channel="instagram", text="STOP")

    standing = consent_standing(customer_id=henry.pk)
    assert standing.state("social_dm", "marketing").withdrawn
    assert standing.state("sms", "marketing").granted
