"""tone_rules.toml, read and compiled: what the tone check looks for.

Rules are data so that the people who own the brand's voice can change what is flagged
without touching code. A file that cannot be trusted (a pattern that does not compile, a
phrase rule without examples, a message missing) is refused with a message naming the rule.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

FORMALITIES = ("formal", "neutral", "casual")


class ToneRulesInvalid(ValueError):
    """The rules file cannot be used; the message names the rule and what is wrong."""


@dataclass(frozen=True)
class PhraseRule:
    id: str
    formality: frozenset[str]
    pattern: re.Pattern[str]
    message: str
    suggestion: str
    flags: tuple[str, ...]
    passes: tuple[str, ...]


@dataclass(frozen=True)
class ToneRules:
    history_days: int
    curt_words: int
    greeting: re.Pattern[str]
    greeting_not_needed_in: frozenset[str]
    not_names: frozenset[str]
    acknowledges: re.Pattern[str]
    phrases: tuple[PhraseRule, ...]
    # Messages and suggestions of the rules written in code, by table and key.
    texts: Mapping[str, Mapping[str, str]]
    curt_flags: tuple[str, ...]
    curt_passes: tuple[str, ...]

    def text(self, table: str, key: str) -> str:
        return self.texts[table][key]


# Every message the rules written in code need, by table.
_TEXTS = {
    "greeting": ("message", "suggestion"),
    "curt": ("message", "suggestion"),
    "sign_off": ("message", "suggestion"),
    "emoji": ("never", "in_email", "too_many", "suggestion"),
    "avoid": ("message", "suggestion"),
    "history": ("message", "suggestion"),
}


@functools.cache
def tone_rules_default() -> ToneRules:
    """The rules shipped beside this module, read once per process."""
    text = (
        resources.files("everthread.message_templates")
        .joinpath("tone_rules.toml")
        .read_text("utf-8")
    )
    return tone_rules_parse(text)


def tone_rules_parse(text: str) -> ToneRules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ToneRulesInvalid(f"tone rules are not valid TOML: {error}") from error
    settings = _table(data, "settings")
    curt = _table(data, "curt")
    return ToneRules(
        history_days=int(settings.get("history_days", 14)),
        curt_words=int(settings.get("curt_words", 3)),
        greeting=_words(_table(data, "greeting").get("patterns", ()), "[greeting]", start=True),
        greeting_not_needed_in=frozenset(_table(data, "greeting").get("not_needed_in", ())),
        not_names=frozenset(w.lower() for w in _table(data, "greeting").get("not_names", ())),
        acknowledges=_words(_table(data, "history").get("acknowledges", ()), "[history]"),
        phrases=_phrases(data.get("phrase", [])),
        texts={
            table: {key: _message(_table(data, table), key, f"[{table}]") for key in keys}
            for table, keys in _TEXTS.items()
        },
        curt_flags=tuple(curt.get("flags", ())),
        curt_passes=tuple(curt.get("passes", ())),
    )


def _table(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    if name not in data:
        raise ToneRulesInvalid(f"tone rules have no [{name}] table")
    table: Mapping[str, Any] = data[name]
    return table


def _message(table: Mapping[str, Any], key: str, where: str) -> str:
    message = table.get(key)
    if not isinstance(message, str) or not message.strip():
        raise ToneRulesInvalid(f"{where}: {key} needs a message")
    return message


def _words(patterns: Sequence[str], where: str, *, start: bool = False) -> re.Pattern[str]:
    """The patterns as alternatives, each a whole word (or phrase); at the start if asked."""
    if not patterns:
        raise ToneRulesInvalid(f"{where}: patterns are empty")
    either = "|".join(f"(?:{pattern})" for pattern in patterns)
    lead = r"^\W*" if start else r"(?<![\w'])"
    try:
        # A possessive still counts: "your husband's suit".
        return re.compile(rf"{lead}(?:{either})(?!\w)", re.IGNORECASE)
    except re.error as error:
        raise ToneRulesInvalid(f"{where}: the pattern does not compile: {error}") from error


def _phrases(entries: Sequence[Mapping[str, Any]]) -> tuple[PhraseRule, ...]:
    rules: list[PhraseRule] = []
    for index, entry in enumerate(entries):
        rule = _phrase(entry, index)
        if any(known.id == rule.id for known in rules):
            raise ToneRulesInvalid(f"phrase {rule.id}: every phrase rule needs an id of its own")
        rules.append(rule)
    return tuple(rules)


def _phrase(entry: Mapping[str, Any], index: int) -> PhraseRule:
    rule_id = str(entry.get("id", ""))
    where = f"phrase {rule_id or index + 1}"
    if not rule_id:
        raise ToneRulesInvalid(f"{where}: every phrase rule needs an id")
    formality = frozenset(entry.get("formality", FORMALITIES))
    if not formality <= set(FORMALITIES):
        raise ToneRulesInvalid(f"{where}: formality must be among {list(FORMALITIES)}")
    if not entry.get("flags") or not entry.get("passes"):
        raise ToneRulesInvalid(f"{where}: give examples it flags and examples it passes")
    return PhraseRule(
        id=rule_id,
        formality=formality,
        pattern=_words(entry.get("patterns", ()), where),
        message=_message(entry, "message", where),
        suggestion=_message(entry, "suggestion", where),
        flags=tuple(entry["flags"]),
        passes=tuple(entry["passes"]),
    )
