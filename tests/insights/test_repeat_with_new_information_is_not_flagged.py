"""Same topic, new information: "the 43 you sent is also too small" after "42 is too small,
can I have a 43?" is news, not a repeat; nor is the same chat going on a few minutes later."""

from __future__ import annotations

import datetime

import pytest

from everthread.insights.repeats import Passage, repeats_detect

MARCH_3 = datetime.datetime(2026, 3, 3, 14, 2, tzinfo=datetime.UTC)
FIRST = Passage(
    1,
    "interaction",
    MARCH_3,
    "chat",
    None,
    "The boots from order HF-100482 are a size too small (EU 42). Can I swap them for a 43?",
)


def later(text: str, *, channel: str = "email", after: datetime.timedelta) -> Passage:
    return Passage(2, "interaction", MARCH_3 + after, channel, None, text)


@pytest.mark.parametrize(
    "text",
    [
        "The 43 you sent is also too small, could I try a 44?",
        "I'd rather return the boots from HF-100482 for a refund instead of exchanging them.",
        "The boots from HF-100482 arrived in 43 but the sole is coming away at the heel.",
        "What time do you open on Sunday?",
    ],
)
def test_news_on_the_same_topic_is_not_a_repeat(text: str) -> None:
    assert repeats_detect([FIRST, later(text, after=datetime.timedelta(days=3))]) == []


def test_the_same_conversation_going_on_is_not_a_repeat() -> None:
    restated = later(
        "Sorry, just to be clear: boots HF-100482, EU 42, too small, want a 43.",
        channel="chat",
        after=datetime.timedelta(minutes=4),
    )
    assert repeats_detect([FIRST, restated]) == []


def test_told_again_in_the_same_channel_days_later_is_a_repeat() -> None:
    chased = later(
        "Boots from HF-100482 still too small, I need a 43, please swap them.",
        channel="chat",
        after=datetime.timedelta(days=4),
    )
    [repeat] = repeats_detect([FIRST, chased])
    assert repeat.earlier == FIRST
