"""Opinions, mind-reading, judgements and accusations are flagged as not factual, quoting the
words and asking the author to describe what happened; feelings the customer stated and plain
descriptions of what they did are fine."""

from __future__ import annotations

import pytest

from everthread.notes.assessment import Finding, NoteText, Quality, note_assess


def factual_findings(text: str) -> list[Finding]:
    return [f for f in note_assess(NoteText(body=text)).findings if f.quality == Quality.FACTUAL]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("She seemed difficult about the exchange.", "She seemed difficult"),
        ("Clearly annoyed about the wait.", "Clearly annoyed"),
        ("The guest seemed upset when she heard the room wasn't ready.", "The guest seemed upset"),
        ("I get the feeling he's not interested.", "I get the feeling he's not interested"),
        ("She’s obviously stressed.", "She’s obviously stressed"),
    ],
)
def test_an_opinion_is_quoted_with_advice_to_describe_what_happened(text: str, quoted: str) -> None:
    [finding] = factual_findings(text)

    assert finding.excerpt == quoted
    assert finding.field == "body"
    assert finding.message == f"'{quoted}' is an opinion: describe what happened and what was said."


def test_mind_reading_about_honesty_is_an_accusation() -> None:
    [finding] = factual_findings("I think she's lying about the receipt.")

    assert finding.message == (
        "'I think she's lying' is an accusation: write what happened and what was said, "
        "not what you suspect."
    )


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("She was difficult about the exchange.", "judgement-label"),
        ("Difficult customer.", "judgement-label"),
        ("He was very short with me at the desk.", "judgement-label"),
        ("He kicked off when the order wasn't ready.", "outburst"),
        ("He's trying it on with us.", "accusation"),
    ],
)
def test_judgements_and_outbursts_are_not_facts(text: str, rule: str) -> None:
    assert [f.rule for f in factual_findings(text)] == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "She said she was annoyed that the parcel was late.",
        "She was upset that the parcel was late.",
        "He raised his voice and asked for the manager.",
        "She told us the first adviser was rude to her.",
        "The clasp seemed difficult to do up, so we showed her the hook.",
        "Saturday is awkward for her, so she will come on Sunday.",
        "She tried it on and loved it.",
        "She seemed happy with the fit of the 12.",
        "She was difficult to reach, so we emailed.",
    ],
)
def test_stated_feelings_and_plain_descriptions_are_facts(text: str) -> None:
    assert factual_findings(text) == []


def test_opinions_are_found_in_every_free_text_field() -> None:
    note = NoteText(
        wants="Seemed annoyed, wants a refund.",
        promised="We will refund today; he looked shifty about it.",
        tried="She seemed confused by the form.",
        next_step="Call her; she was clearly upset.",
        body="Came across as entitled.",
    )

    findings = [f for f in note_assess(note).findings if f.quality == Quality.FACTUAL]

    assert [f.field for f in findings] == ["wants", "promised", "tried", "next_step", "body"]
    assert not note_assess(note).passed(Quality.FACTUAL)
