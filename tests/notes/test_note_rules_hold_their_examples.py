"""Every rule in note_rules.toml catches the sentences it gives as examples and leaves alone the
ones it says it passes, so a rule cannot be added or loosened without a test; a rules file that
cannot be trusted is refused with a message naming the rule."""

from __future__ import annotations

from importlib import resources

import pytest

from everthread.notes.assessment import NoteText, note_assess
from everthread.notes.rules import (
    NoteRulesInvalid,
    PhraseRule,
    note_rules_default,
    note_rules_parse,
)

RULES = note_rules_default()
SHIPPED = resources.files("everthread.notes").joinpath("note_rules.toml").read_text("utf-8")


def rule_ids(rule: PhraseRule, text: str) -> set[str]:
    note = NoteText(**{rule.fields[0]: text})
    return {finding.rule for finding in note_assess(note).findings}


FLAGS = [(rule, text) for rule in RULES.phrases for text in rule.flags]
PASSES = [(rule, text) for rule in RULES.phrases for text in rule.passes]


@pytest.mark.parametrize(("rule", "text"), FLAGS, ids=[f"{r.id}: {t}" for r, t in FLAGS])
def test_each_rule_flags_its_examples(rule: PhraseRule, text: str) -> None:
    assert rule.id in rule_ids(rule, text)


@pytest.mark.parametrize(("rule", "text"), PASSES, ids=[f"{r.id}: {t}" for r, t in PASSES])
def test_each_rule_passes_its_counter_examples(rule: PhraseRule, text: str) -> None:
    assert rule.id not in rule_ids(rule, text)


SHORTHAND = sorted(RULES.shorthand.meanings.items())


@pytest.mark.parametrize(("short", "meaning"), SHORTHAND, ids=[s for s, _ in SHORTHAND])
def test_each_shorthand_is_flagged_with_its_meaning_unless_explained(
    short: str, meaning: str
) -> None:
    unexplained = note_assess(NoteText(body=f"Spoke to her today, {short} after that."))
    explained = note_assess(NoteText(body=f"Spoke to her today, {short} ({meaning}) after that."))

    messages = [f.message for f in unexplained.findings if f.rule == "shorthand"]
    assert messages == [f"'{short}' is shorthand: write '{meaning}' so anyone can follow it."]
    assert not [f for f in explained.findings if f.rule == "shorthand"]


@pytest.mark.parametrize("promise", RULES.completeness.date_flags)
def test_each_dated_promise_example_has_a_date(promise: str) -> None:
    assert RULES.completeness.dates.search(promise)


@pytest.mark.parametrize("promise", RULES.completeness.date_passes)
def test_each_undated_promise_example_has_none(promise: str) -> None:
    assert not RULES.completeness.dates.search(promise)


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (('quality = "factual"', 'quality = "polite"'), "rule opinion-guessed-feeling: quality"),
        (("<<guessed>>(?:<<feeling>>", "<<guesed>>(?:<<feeling>>"), "<<guesed>> is not in"),
        (("<<guessed>>(?:<<feeling>>", "<<guessed>>(?:<<feeling>>("), "does not compile"),
        (('id = "judgement-label"', 'id = "opinion-guessed-feeling"'), "an id of its own"),
        (('flags = [\n  "She seemed', 'examples = [\n  "She seemed'), "give examples"),
        (("is an opinion: describe", "is an {opinion}: describe"), "may only use"),
        (("[complete]\n", "[completed]\n"), "no [complete] table"),
        (("card_min_digits = 13", "card_min_digitz = 13"), "[redaction]"),
        (("[vocab]\n", "[vocab\n"), "not valid TOML"),
    ],
)
def test_a_rules_file_that_cannot_be_trusted_is_refused(
    change: tuple[str, str], complaint: str
) -> None:
    old, new = change
    assert old in SHIPPED

    with pytest.raises(NoteRulesInvalid, match=complaint.replace("[", r"\[").replace("(", r"\(")):
        note_rules_parse(SHIPPED.replace(old, new, 1))
