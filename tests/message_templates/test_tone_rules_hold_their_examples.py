"""Every phrase rule in tone_rules.toml catches the messages it gives as examples and leaves
alone the ones it says it passes, so a rule cannot be added or loosened without a test; a
rules file that cannot be trusted is refused with a message naming the rule."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from everthread.message_templates.tone import Voice, tone_assess
from everthread.message_templates.tone_rules import (
    PhraseRule,
    ToneRulesInvalid,
    tone_rules_default,
    tone_rules_parse,
)

RULES = tone_rules_default()
SHIPPED = (
    resources.files("everthread.message_templates").joinpath("tone_rules.toml").read_text("utf-8")
)


def rule_ids(rule: PhraseRule, text: str) -> set[str]:
    voice = Voice(formality=min(rule.formality))  # "casual" < "formal" < "neutral"
    return {hint.rule for hint in tone_assess(text, channel="email", voice=voice)}


FLAGS = [(rule, text) for rule in RULES.phrases for text in rule.flags]
PASSES = [(rule, text) for rule in RULES.phrases for text in rule.passes]


@pytest.mark.parametrize(("rule", "text"), FLAGS, ids=[f"{r.id}: {t}" for r, t in FLAGS])
def test_each_rule_flags_its_examples(rule: PhraseRule, text: str) -> None:
    assert rule.id in rule_ids(rule, text)


@pytest.mark.parametrize(("rule", "text"), PASSES, ids=[f"{r.id}: {t}" for r, t in PASSES])
def test_each_rule_passes_its_counter_examples(rule: PhraseRule, text: str) -> None:
    assert rule.id not in rule_ids(rule, text)


@pytest.mark.parametrize("text", RULES.curt_flags)
def test_each_curt_example_is_curt(text: str) -> None:
    assert "curt" in {hint.rule for hint in tone_assess(text, channel="chat", voice=Voice())}


@pytest.mark.parametrize("text", RULES.curt_passes)
def test_each_warm_short_example_is_not(text: str) -> None:
    assert not tone_assess(text, channel="chat", voice=Voice())


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (('id = "robotic"', 'id = "assuming"'), "phrase assuming: every phrase rule needs an id"),
        (('formality = ["formal"]', 'formality = ["stiff"]'), "formality must be among"),
        (('flags = [\n  "We regret', 'examples = [\n  "We regret'), "give examples"),
        ((r"'''we\s+regret", r"'''we\s+(regret"), "does not compile"),
        (("[history]\n", "[histories]\n"), "no [history] table"),
        (('[avoid]\nmessage = "', '[avoid]\nmessages = "'), "[avoid]: message needs a message"),
        (("[settings]\n", "[settings\n"), "not valid TOML"),
    ],
)
def test_a_rules_file_that_cannot_be_trusted_is_refused(
    change: tuple[str, str], complaint: str
) -> None:
    old, new = change
    assert old in SHIPPED

    with pytest.raises(ToneRulesInvalid, match=re.escape(complaint)):
        tone_rules_parse(SHIPPED.replace(old, new, 1))
