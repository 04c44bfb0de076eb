"""Insults, slurs, swearing, mockery, body comments and belittled complaints fail the
respectful check, quoting the words; names and everyday words that sound alike do not."""

from __future__ import annotations

import pytest

from everthread.notes.assessment import NoteText, Quality, note_assess


def respectful_rules(text: str) -> list[tuple[str, str]]:
    findings = note_assess(NoteText(body=text)).findings
    return [(f.rule, f.excerpt) for f in findings if f.quality == Quality.RESPECTFUL]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Total Karen about the returns policy.", ("insult-label", "Total Karen")),
        ("Total time waster.", ("insult", "time waster")),
        ("Silly cow wouldn't listen.", ("insult", "Silly cow")),
        ("Nightmare customer.", ("insult-label", "Nightmare customer")),
        ("Wants a refund on worn shoes lol", ("mocking", "lol")),
        ("Bless her, she tried the 8 again.", ("mocking", "Bless her")),
        ("Says it shrank 🙄", ("mocking", "🙄")),
        ("He was pissed off about the refund.", ("swearing", "pissed")),
        ("He's fat, so the XL.", ("body-comment", "He's fat")),
        ("Moaning about the delivery again.", ("belittling-complaint", "Moaning")),
        ("Some retard left the trolley in the aisle.", ("slur", "retard")),
    ],
)
def test_disrespect_is_quoted(text: str, expected: tuple[str, str]) -> None:
    assert respectful_rules(text) == [expected]


def test_the_message_says_what_to_write_instead() -> None:
    findings = note_assess(NoteText(body="Moaning about the delivery again.")).findings
    [finding] = [f for f in findings if f.quality == Quality.RESPECTFUL]

    assert (
        finding.message == "'Moaning' belittles their complaint: write what they complained about."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Karen from the Leeds store will check stock.",
        "The delivery was a nightmare: two failed attempts, now rebooked.",
        "Complained that the delivery was two days late.",
        "Ordered a bottle of white wine for the room.",
        "Goal: fat loss before the wedding in June.",
        "Back pain, wants low-impact classes.",
        "Wants a Bloody Mary at the bar on arrival.",
        "Bought the Bless Collective candle as a gift.",
        "Asked for thick socks for hiking.",
    ],
)
def test_names_and_everyday_words_are_not_insults(text: str) -> None:
    assert respectful_rules(text) == []
