"""The tone check: before a message goes, does it sound like the brand, and like a person who
knows this customer? Hints, never a block: staff may send anyway, and that is recorded.

``tone_assess`` is pure (no database, no clock unless none is given): the composer, the API
and the template editor pass it the text, the channel, the brand voice and the customer's
recent contacts. Its rules are in tone_rules.toml.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import emoji

from everthread.core.models import Channel
from everthread.message_templates.tone_rules import ToneRules, tone_rules_default

WARNING, ADVICE = "warning", "advice"
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_WORD = re.compile(r"[\w'’-]+")
# "Rosa, it falls…": addressing the customer by name opens the message as a greeting does.
_NAMED = re.compile(r"^\W*([A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?\s*[,!—-]")
_QUOTE_LIMIT = 60


class VoiceSettings(Protocol):
    """What the check reads of a brand voice (BrandVoice, or any object with these)."""

    formality: str
    emoji_policy: str
    greetings: Sequence[str]
    sign_offs: Sequence[str]
    words_to_avoid: Sequence[str]


@dataclass(frozen=True)
class Voice:
    """A brand voice as plain values, for callers without a BrandVoice row."""

    formality: str = "neutral"
    emoji_policy: str = "sparingly"
    greetings: Sequence[str] = ()
    sign_offs: Sequence[str] = ()
    words_to_avoid: Sequence[str] = ()


@dataclass(frozen=True)
class Contact:
    """One earlier contact with the customer, as the timeline holds it."""

    channel: str  # a timeline channel (core.models.Channel)
    direction: str  # "inbound" or "outbound"
    occurred_at: datetime.datetime
    summary: str


@dataclass(frozen=True)
class Hint:
    rule: str
    severity: str  # "warning" or "advice"
    message: str
    suggestion: str
    span: tuple[int, int] | None = None  # where in the text; None for the whole message

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def tone_assess(
    text: str,
    *,
    channel: str,
    voice: VoiceSettings,
    history: Sequence[Contact] = (),
    at: datetime.datetime | None = None,
    rules: ToneRules | None = None,
) -> list[Hint]:
    """Every hint for this message, in the order they appear in it. ``channel`` is the timeline
    channel the message goes by (email, sms, whatsapp, instagram, chat…)."""
    rules = rules or tone_rules_default()
    plain = text.translate(_STRAIGHT)
    if not plain.strip():
        return []
    hints = [
        *_opening(plain, channel, voice, rules),
        *_phrases(plain, voice, rules),
        *_emoji(plain, channel, voice, rules),
        *_avoided(plain, voice, rules),
        *_sign_off(plain, channel, voice, rules),
        *_history(plain, channel, history, at or datetime.datetime.now(datetime.UTC), rules),
    ]
    return sorted(hints, key=lambda hint: hint.span[0] if hint.span else len(text))


def _opening(plain: str, channel: str, voice: VoiceSettings, rules: ToneRules) -> list[Hint]:
    greeted = _greets(plain, voice, rules)
    words = _WORD.findall(plain)
    if not greeted and len(words) <= rules.curt_words:
        quote = _quote(plain.strip())
        return [
            Hint(
                "curt",
                WARNING,
                rules.text("curt", "message").format(quote=quote),
                rules.text("curt", "suggestion"),
                (0, len(plain)),
            )
        ]
    if greeted or channel in rules.greeting_not_needed_in:
        return []
    return [
        Hint(
            "no-greeting",
            ADVICE,
            rules.text("greeting", "message"),
            rules.text("greeting", "suggestion"),
            (0, len(plain.split("\n", 1)[0])),
        )
    ]


def _greets(plain: str, voice: VoiceSettings, rules: ToneRules) -> bool:
    opening = plain.lstrip().lower()
    named = _NAMED.match(plain)
    return bool(
        rules.greeting.search(plain)
        or (named and named.group(1).lower() not in rules.not_names)
        or any(opening.startswith(phrase.lower()) for phrase in voice.greetings if phrase)
    )


def _phrases(plain: str, voice: VoiceSettings, rules: ToneRules) -> list[Hint]:
    return [
        Hint(
            rule.id,
            WARNING,
            rule.message.format(quote=_quote(match.group())),
            rule.suggestion,
            match.span(),
        )
        for rule in rules.phrases
        if voice.formality in rule.formality
        for match in rule.pattern.finditer(plain)
    ]


def _emoji(plain: str, channel: str, voice: VoiceSettings, rules: ToneRules) -> list[Hint]:
    found = emoji.emoji_list(plain)
    if not found or voice.emoji_policy == "allowed":
        return []
    first = found[0]
    span = (first["match_start"], first["match_end"])
    if voice.emoji_policy == "never" or channel == Channel.EMAIL:
        key = "never" if voice.emoji_policy == "never" else "in_email"
        message = rules.text("emoji", key).format(quote=first["emoji"])
    elif len(found) > 1:
        second = found[1]
        span = (second["match_start"], found[-1]["match_end"])
        message = rules.text("emoji", "too_many").format(count=len(found))
    else:
        return []
    return [Hint("emoji", WARNING, message, rules.text("emoji", "suggestion"), span)]


def _avoided(plain: str, voice: VoiceSettings, rules: ToneRules) -> list[Hint]:
    hints = []
    for word in (word.strip() for word in voice.words_to_avoid):
        if not word:
            continue
        pattern = re.compile(rf"(?<![\w']){re.escape(word)}(?![\w'])", re.IGNORECASE)
        hints += [
            Hint(
                "word-to-avoid",
                WARNING,
                rules.text("avoid", "message").format(quote=match.group()),
                rules.text("avoid", "suggestion"),
                match.span(),
            )
            for match in pattern.finditer(plain)
        ]
    return hints


def _sign_off(plain: str, channel: str, voice: VoiceSettings, rules: ToneRules) -> list[Hint]:
    sign_offs = [phrase for phrase in voice.sign_offs if phrase.strip()]
    if channel != Channel.EMAIL or not sign_offs:
        return []
    lowered = plain.lower()
    if any(phrase.lower() in lowered for phrase in sign_offs):
        return []
    suggestion = rules.text("sign_off", "suggestion").replace("{sign_off}", sign_offs[0])
    return [Hint("no-sign-off", ADVICE, rules.text("sign_off", "message"), suggestion)]


def _history(
    plain: str,
    channel: str,
    history: Sequence[Contact],
    at: datetime.datetime,
    rules: ToneRules,
) -> list[Hint]:
    since = at - datetime.timedelta(days=rules.history_days)
    earlier = next(
        (
            contact
            for contact in sorted(history, key=lambda c: c.occurred_at, reverse=True)
            if contact.direction == "inbound"
            and contact.channel != channel
            and since <= contact.occurred_at <= at
        ),
        None,
    )
    if earlier is None or rules.acknowledges.search(plain):
        return []
    label = Channel(earlier.channel).label if earlier.channel in Channel.values else earlier.channel
    message = rules.text("history", "message").format(
        channel=label, when=_ago(earlier.occurred_at, at), summary=_quote(earlier.summary)
    )
    suggestion = rules.text("history", "suggestion").format(channel=label)
    return [Hint("history-not-acknowledged", WARNING, message, suggestion)]


def _ago(moment: datetime.datetime, at: datetime.datetime) -> str:
    days = (at - moment).days
    if days < 1:
        return "earlier today" if moment.date() == at.date() else "yesterday"
    return "yesterday" if days == 1 else f"{days} days ago"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"
