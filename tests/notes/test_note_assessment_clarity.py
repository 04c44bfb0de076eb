"""A clear note is long enough to act on, written in normal case, and free of shorthand and
references only its author understands."""

from __future__ import annotations

import pytest

from everthread.notes.assessment import NoteText, Quality, note_assess


def clarity(note: NoteText) -> list[tuple[str, str, str]]:
    """Clear findings other than length: these examples are short on purpose."""
    findings = note_assess(note).findings
    return [
        (f.rule, f.field, f.excerpt)
        for f in findings
        if f.quality == Quality.CLEAR and f.rule != "too-short"
    ]


def test_a_note_too_short_to_act_on_is_flagged_as_a_whole() -> None:
    findings = note_assess(NoteText(wants="Dress.", next_step="Call her")).findings
    [finding] = [f for f in findings if f.rule == "too-short"]

    assert finding.field == ""
    assert finding.message == (
        "'Dress. Call her' is too short to act on: write enough for someone who wasn't there."
    )


def test_an_empty_note_is_incomplete_not_unclear() -> None:
    assessment = note_assess(NoteText())

    assert assessment.passed(Quality.CLEAR)
    assert not assessment.passed(Quality.COMPLETE)


def test_capitals_read_as_shouting_but_sizes_and_codes_do_not() -> None:
    note = NoteText(
        wants="CUSTOMER IS FURIOUS ABOUT THE DELAY",
        body="VIP guest, order HF-100482, size EU 43 (UK 9), booked a PT and HIIT session ASAP.",
    )

    assert clarity(note) == [("shouting-capitals", "wants", "CUSTOMER IS FURIOUS ABOUT THE DELAY")]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Cust wants the olive chinos.", "Cust"),
        ("Chinos OOS in 32R.", "OOS"),
        ("LVM at 3pm.", "LVM"),
    ],
)
def test_unexplained_shorthand_is_flagged(text: str, quoted: str) -> None:
    assert clarity(NoteText(body=text)) == [("shorthand", "body", quoted)]


@pytest.mark.parametrize(
    "text",
    [
        "Chinos OOS (out of stock) in 32R.",
        "Out of stock (OOS) in 32R.",
        "Wants a COS jumper and a 34DD bra.",
        "Order to the U-shaped desk.",
    ],
)
def test_explained_shorthand_and_lookalikes_pass(text: str) -> None:
    assert clarity(NoteText(body=text)) == []


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (NoteText(next_step="Follow up"), ("vague-next-step", "next_step", "Follow up")),
        (NoteText(wants="Query"), ("vague-wants", "wants", "Query")),
        (NoteText(body="As discussed."), ("vague-reference", "body", "As discussed")),
        (NoteText(body="See above."), ("vague-reference", "body", "See above")),
        (NoteText(body="Parcel STILL late!!!"), ("exclamation-marks", "body", "late!!!")),
    ],
)
def test_vague_words_and_shouting_are_flagged(
    note: NoteText, expected: tuple[str, str, str]
) -> None:
    assert expected in clarity(note)


def test_a_specific_next_step_is_clear() -> None:
    note = NoteText(
        wants="Exchange the boots for EU 43.",
        next_step="Follow up on the EU 43 exchange once the 42s arrive at the warehouse.",
    )

    assert clarity(note) == []
