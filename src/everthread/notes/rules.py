"""note_rules.toml, read and compiled: what the rule-based assessor looks for.

The rules are data so that people who know the shop floor can change what is flagged without
touching code. This module refuses a file it cannot trust (an unknown quality, a pattern that
does not compile, a rule without examples) with a message naming the rule.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any

from everthread.notes.redaction import RedactionRules


class Quality(StrEnum):
    CLEAR = "clear"
    FACTUAL = "factual"
    RESPECTFUL = "respectful"
    COMPLETE = "complete"
    SENSITIVE = "sensitive"


# The note's free-text fields, in the order a form shows them; names are not phrase-checked.
TEXT_FIELDS = ("wants", "promised", "tried", "next_step", "body")
COMPLETENESS_MESSAGES = (
    "wants_missing",
    "next_step_missing",
    "next_step_owner_missing",
    "next_step_due_missing",
    "next_step_due_past",
    "promise_date_missing",
    "promise_owner_missing",
)
_VOCAB_REFERENCE = re.compile(r"<<(\w+)>>")
_MAX_VOCAB_DEPTH = 8


class NoteRulesInvalid(ValueError):
    """The rules file cannot be used; the message names the rule and what is wrong."""


@dataclass(frozen=True)
class PhraseRule:
    id: str
    quality: Quality
    pattern: re.Pattern[str]
    message: str
    fields: tuple[str, ...] = TEXT_FIELDS
    # Not flagged when the sentence says the customer told us, unless the words are a guess.
    unless_stated: bool = False
    # A match made only of these words is not flagged ("VIP", "EU" are not shouting).
    skip_words: frozenset[str] = frozenset()
    # Shorthand and what it stands for, for the message's {meaning}.
    meanings: Mapping[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()

    def message_for(self, quote: str) -> str:
        return self.message.format(quote=quote, meaning=self.meanings.get(quote, ""))


@dataclass(frozen=True)
class Completeness:
    messages: Mapping[str, str]
    dates: re.Pattern[str]
    date_flags: tuple[str, ...]
    date_passes: tuple[str, ...]
    first_person: re.Pattern[str]
    named_promiser: re.Pattern[str]


@dataclass(frozen=True)
class NoteRules:
    phrases: tuple[PhraseRule, ...]
    shorthand: PhraseRule
    completeness: Completeness
    min_words: int
    too_short: str
    stated: re.Pattern[str]
    guess: re.Pattern[str]
    redaction: RedactionRules


@functools.cache
def note_rules_default() -> NoteRules:
    """The rules shipped beside this module, read once per process."""
    text = resources.files("everthread.notes").joinpath("note_rules.toml").read_text("utf-8")
    return note_rules_parse(text)


def note_rules_parse(text: str) -> NoteRules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise NoteRulesInvalid(f"note rules are not valid TOML: {error}") from error
    vocab: Mapping[str, Sequence[str]] = data.get("vocab", {})
    try:
        redaction = RedactionRules.from_table(data["redaction"])
    except (KeyError, re.error) as error:
        raise NoteRulesInvalid(f"[redaction] cannot be used: {error!r}") from error
    return NoteRules(
        phrases=_phrase_rules(data.get("rule", []), vocab),
        shorthand=_shorthand_rule(_table(data, "shorthand")),
        completeness=_completeness(_table(data, "complete")),
        min_words=int(_table(data, "clear").get("min_words", 0)),
        too_short=_message(_table(data, "clear"), "too_short", "[clear]"),
        stated=_compiled(r"\b(?:<<stated>>)\b", vocab, "[vocab] stated"),
        guess=_compiled(r"\b(?:<<guess>>)\b", vocab, "[vocab] guess"),
        redaction=redaction,
    )


def _table(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    if name not in data:
        raise NoteRulesInvalid(f"note rules have no [{name}] table")
    table: Mapping[str, Any] = data[name]
    return table


def _message(table: Mapping[str, Any], key: str, where: str) -> str:
    message = table.get(key)
    if not isinstance(message, str) or not message:
        raise NoteRulesInvalid(f"{where}: {key} needs a message")
    try:
        message.format(quote="x", meaning="y")
    except (KeyError, IndexError, ValueError) as error:
        raise NoteRulesInvalid(f"{where}: {key} may only use {{quote}} and {{meaning}}") from error
    return message


def _expand(pattern: str, vocab: Mapping[str, Sequence[str]], where: str, depth: int = 0) -> str:
    def alternatives(reference: re.Match[str]) -> str:
        name = reference.group(1)
        if name not in vocab:
            raise NoteRulesInvalid(f"{where}: <<{name}>> is not in [vocab]")
        if depth >= _MAX_VOCAB_DEPTH:
            raise NoteRulesInvalid(f"{where}: <<{name}>> refers back to itself")
        items = (_expand(item, vocab, where, depth + 1) for item in vocab[name])
        return f"(?:{_either(list(items))})"

    return _VOCAB_REFERENCE.sub(alternatives, pattern)


def _compiled(
    pattern: str, vocab: Mapping[str, Sequence[str]], where: str, *, case_sensitive: bool = False
) -> re.Pattern[str]:
    try:
        return re.compile(_expand(pattern, vocab, where), 0 if case_sensitive else re.IGNORECASE)
    except re.error as error:
        raise NoteRulesInvalid(f"{where}: the pattern does not compile: {error}") from error


def _phrase_rules(
    entries: Sequence[Mapping[str, Any]], vocab: Mapping[str, Sequence[str]]
) -> tuple[PhraseRule, ...]:
    rules: list[PhraseRule] = []
    for entry in entries:
        rule_id = str(entry.get("id", ""))
        where = f"rule {rule_id or len(rules) + 1}"
        if not rule_id or any(rule.id == rule_id for rule in rules):
            raise NoteRulesInvalid(f"{where}: every rule needs an id of its own")
        try:
            quality = Quality(str(entry.get("quality", "")))
        except ValueError as error:
            raise NoteRulesInvalid(f"{where}: quality must be one of {list(Quality)}") from error
        fields = tuple(entry.get("fields", TEXT_FIELDS))
        if not set(fields) <= set(TEXT_FIELDS):
            raise NoteRulesInvalid(f"{where}: fields must be among {TEXT_FIELDS}")
        if not entry.get("flags") or not entry.get("passes"):
            raise NoteRulesInvalid(f"{where}: give examples it flags and examples it passes")
        rules.append(
            PhraseRule(
                id=rule_id,
                quality=quality,
                pattern=_compiled(
                    str(entry.get("pattern", "")),
                    vocab,
                    where,
                    case_sensitive=bool(entry.get("case_sensitive", False)),
                ),
                message=_message(entry, "message", where),
                fields=fields,
                unless_stated=bool(entry.get("unless_stated", False)),
                skip_words=frozenset(entry.get("skip_words", ())),
                flags=tuple(entry["flags"]),
                passes=tuple(entry["passes"]),
            )
        )
    return tuple(rules)


def _shorthand_rule(table: Mapping[str, Any]) -> PhraseRule:
    meanings: dict[str, str] = {}
    for short, meaning in table.get("meanings", {}).items():
        meanings[short] = meaning
        # Typed at the start of a sentence ("Cust wants…"); never in capitals ("COS" is a shop).
        if short.islower() and len(short) > 1:
            meanings[short.capitalize()] = meaning
    if not meanings:
        raise NoteRulesInvalid("[shorthand]: meanings are empty")
    forms = "|".join(re.escape(short) for short in sorted(meanings, key=len, reverse=True))
    return PhraseRule(
        id="shorthand",
        quality=Quality.CLEAR,
        # A whole word, and not one explained in brackets: "OOS (out of stock)", "(OOS)".
        pattern=re.compile(rf"(?<![\w/&'(.-])(?:{forms})(?![\w/&'-])(?!\s*\()"),
        message=_message(table, "message", "[shorthand]"),
        meanings=meanings,
    )


def _either(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{pattern})" for pattern in patterns)


def _completeness(table: Mapping[str, Any]) -> Completeness:
    where = "[complete]"
    try:
        return Completeness(
            messages={key: _message(table, key, where) for key in COMPLETENESS_MESSAGES},
            dates=_compiled(_either(table["dates"]), {}, where),
            date_flags=tuple(table["date_flags"]),
            date_passes=tuple(table["date_passes"]),
            first_person=_compiled(table["first_person"], {}, where),
            named_promiser=_compiled(_either(table["named_promiser"]), {}, where),
        )
    except KeyError as error:
        raise NoteRulesInvalid(f"{where}: {error} is missing") from error
