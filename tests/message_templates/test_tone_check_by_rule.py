"""The tone check, rule by rule, with real messages: each table says what a sender would be
told, and what they would not be bothered about."""

from __future__ import annotations

import datetime

import pytest

from everthread.message_templates.tone import Contact, Voice, tone_assess

NEUTRAL = Voice(formality="neutral", emoji_policy="sparingly")
AT = datetime.datetime(2026, 3, 10, 15, 0, tzinfo=datetime.UTC)


def rules_of(text: str, *, channel: str = "whatsapp", voice: Voice = NEUTRAL, **kw) -> list[str]:
    return [hint.rule for hint in tone_assess(text, channel=channel, voice=voice, at=AT, **kw)]


@pytest.mark.parametrize(
    ("text", "channel", "expected"),
    [
        ("Length: 98 cm.", "chat", ["curt"]),
        ("No.", "email", ["curt"]),
        ("Yes, in stock.", "whatsapp", ["curt"]),
        ("The boots are ready for you at Leeds Briggate.", "sms", ["no-greeting"]),
        ("The boots are ready for you at Leeds Briggate.", "chat", []),
        ("Hi Daniel, the boots are ready for you at Leeds Briggate.", "sms", []),
        ("Daniel, the boots are ready for you at Leeds Briggate.", "sms", []),
        ("Thanks for waiting! The boots are ready at Leeds.", "sms", []),
        ("Good morning! Your table is booked for eight.", "whatsapp", []),
        ("Hi Rosa, it falls just below the knee.", "chat", []),
    ],
)
def test_too_cold_or_curt(text: str, channel: str, expected: list[str]) -> None:
    assert rules_of(text, channel=channel) == expected


def test_the_brands_own_greeting_counts_as_one() -> None:
    voice = Voice(greetings=["Welcome back"])

    assert rules_of("Welcome back to Pulse, your pass is ready.", voice=voice) == []


@pytest.mark.parametrize(
    ("text", "formality", "flagged"),
    [
        ("Hey babe, your dress is in!", "neutral", True),
        ("Hey babe, your dress is in!", "casual", False),
        ("Hi Jordan, you're gonna love the kids' classes.", "neutral", True),
        ("Hi Jordan, you're gonna love the kids' classes.", "casual", False),
        ("Hi Mei Lin, no worries, we'll sort the pillows.", "formal", True),
        ("Hi Mei Lin, no worries, we'll sort the pillows.", "neutral", False),
        ("Good evening Ms Chen, your feather-free pillows are in the room.", "formal", False),
    ],
)
def test_too_familiar_follows_the_brands_formality(
    text: str, formality: str, flagged: bool
) -> None:
    rules = rules_of(text, voice=Voice(formality=formality))

    assert any(rule.startswith("too-familiar") for rule in rules) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Dear Ms Hale, we regret to inform you that the coat has sold out.", True),
        ("Hi Henry, as per your request we have removed you from texts.", True),
        ("Hello Sofia, kindly be advised that the sale ends on Sunday.", True),
        ("Hello Sofia, the sale ends on Sunday, in case you want to pop in.", False),
    ],
)
def test_robotic_template_speak(text: str, flagged: bool) -> None:
    assert ("robotic" in rules_of(text)) is flagged


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Hi guys, the new collection is in!", "guys"),
        ("Hello, your husband's suit is ready for collection.", "your husband"),
        ("Dear Sir/Madam, thank you for your order.", "Dear Sir/Madam"),
    ],
)
def test_assuming_language_is_quoted_with_an_inclusive_suggestion(text: str, quote: str) -> None:
    hint = next(
        h for h in tone_assess(text, channel="email", voice=NEUTRAL) if h.rule == "assuming"
    )

    assert f"“{quote}”" in hint.message
    assert "your partner" in hint.suggestion
    assert text[hint.span[0] : hint.span[1]] == quote


@pytest.mark.parametrize(
    ("policy", "channel", "text", "flagged"),
    [
        ("never", "whatsapp", "Hi Charlotte, the coats are in ☂", True),
        ("sparingly", "whatsapp", "Hi Charlotte, the coats are in ☂", False),
        ("sparingly", "instagram", "Hi Rosa, cute! 😍 Love the toggles 🧥", True),
        ("sparingly", "email", "Hello Charlotte, the coats are in ☂", True),
        ("allowed", "email", "Hello Charlotte, the coats are in ☂🧥✨", False),
        ("never", "email", "Hello Charlotte, the coats are in :)", False),
    ],
)
def test_emoji_against_the_policy(policy: str, channel: str, text: str, flagged: bool) -> None:
    voice = Voice(emoji_policy=policy)

    assert ("emoji" in rules_of(text, channel=channel, voice=voice)) is flagged


def test_words_to_avoid_are_each_pointed_at() -> None:
    voice = Voice(words_to_avoid=["cheap", "no problem"])
    text = "Hi Amara, no problem! The cheap option is the navy one; not cheaply made."

    hints = [h for h in tone_assess(text, channel="sms", voice=voice) if h.rule == "word-to-avoid"]

    assert [text[h.span[0] : h.span[1]] for h in hints] == ["no problem", "cheap"]


def test_an_email_without_the_brands_sign_off_is_advised() -> None:
    voice = Voice(sign_offs=["Warm regards"])
    body = "Hello Charlotte,\n\nThe new coats are in."

    assert rules_of(body, channel="email", voice=voice) == ["no-sign-off"]
    assert rules_of(body + "\n\nWarm regards, Isabelle", channel="email", voice=voice) == []
    assert rules_of(body, channel="whatsapp", voice=voice) == []


def _asked_on_x(days_ago: float, direction: str = "inbound", channel: str = "x") -> Contact:
    return Contact(
        channel=channel,
        direction=direction,
        occurred_at=AT - datetime.timedelta(days=days_ago),
        summary="Can you recommend a raincoat?",
    )


@pytest.mark.parametrize(
    ("history", "text", "flagged"),
    [
        ([_asked_on_x(1)], "Hi Rosa, it falls just below the knee.", True),
        (
            [_asked_on_x(1)],
            "Hi Rosa, following on from your message on X: it falls below the knee.",
            False,
        ),
        (
            [_asked_on_x(1)],
            "Hi Rosa, you asked about the red raincoat: it falls below the knee.",
            False,
        ),
        ([_asked_on_x(1, channel="chat")], "Hi Rosa, it falls just below the knee.", False),
        ([_asked_on_x(1, direction="outbound")], "Hi Rosa, it falls just below the knee.", False),
        ([_asked_on_x(20)], "Hi Rosa, it falls just below the knee.", False),
        ([], "Hi Rosa, it falls just below the knee.", False),
    ],
)
def test_history_not_acknowledged(history: list[Contact], text: str, flagged: bool) -> None:
    rules = rules_of(text, channel="chat", history=history)

    assert ("history-not-acknowledged" in rules) is flagged


def test_the_history_hint_says_where_and_when_the_customer_asked() -> None:
    hint = tone_assess(
        "Hi Rosa, it falls just below the knee.",
        channel="chat",
        voice=NEUTRAL,
        history=[_asked_on_x(2)],
        at=AT,
    )[0]

    assert hint.message.startswith(
        "The customer contacted us by X 2 days ago (“Can you recommend a raincoat?”)"
    )
    assert (
        hint.suggestion == "Pick up where that left off, e.g. “Thanks for your message on X — …”."
    )


def test_a_warm_message_that_knows_the_history_gets_no_hints() -> None:
    text = (
        "Hi Rosa, thanks for your message on X! The Covent Garden team tried the red toggle "
        "raincoat on: it falls just below the knee, so it covers your legs."
    )

    assert tone_assess(text, channel="chat", voice=NEUTRAL, history=[_asked_on_x(1)], at=AT) == []
