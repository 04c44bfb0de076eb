"""The quality assessment every handover note gets on save, and the redaction before it.

`note_assess` first takes payment details and passwords out of every field (the redacted
note is the only version that may be stored), then asks each assessor what falls short:
is the note clear, factual, respectful and complete, and does it make sensitive assumptions
about a person. The rule-based assessor reads its rules from note_rules.toml; a semantic
model can be added beside it as another `Assessor`, and it too only ever sees the redacted
note. Pure Python: no database, no Django.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from everthread.notes.redaction import STRAIGHT_QUOTES, text_redact
from everthread.notes.rules import TEXT_FIELDS, NoteRules, PhraseRule, Quality, note_rules_default

__all__ = [
    "FIELD_LABELS",
    "Assessment",
    "Assessor",
    "Finding",
    "NoteText",
    "Quality",
    "Redaction",
    "RuleAssessor",
    "default_assessors",
    "note_assess",
    "note_redact",
]

SCORED = (Quality.CLEAR, Quality.FACTUAL, Quality.RESPECTFUL, Quality.COMPLETE)
# What each field is called on the form, for messages a person reads.
FIELD_LABELS = {
    "wants": "what the customer wants",
    "promised": "what was promised",
    "promised_by": "who made the promise",
    "tried": "what was tried",
    "next_step": "the next step",
    "next_step_owner": "the next step's owner",
    "next_step_due": "the next step's due time",
    "body": "notes",
}
_FIELD_ORDER = {name: index for index, name in enumerate(FIELD_LABELS)}
_REQUIRED_FOR_FINAL = ("wants", "next_step")
_QUOTE_LIMIT = 60


@dataclass(frozen=True)
class NoteText:
    wants: str = ""
    promised: str = ""
    promised_by: str = ""  # who made the promise (a name), "" if not said
    tried: str = ""
    next_step: str = ""
    next_step_owner: str = ""  # a person or a team queue, "" if none
    next_step_due: datetime.datetime | None = None
    body: str = ""  # free text


@dataclass(frozen=True)
class Finding:
    quality: Quality
    field: str  # which NoteText field ("" for the note as a whole)
    message: str  # what a person reads, quoting the words concerned
    excerpt: str = ""
    rule: str = ""  # which rule found it, for counting and for tests


@dataclass(frozen=True)
class Redaction:
    field: str
    kind: str  # "card number", "security code", "bank details", "password", "PIN"


@dataclass(frozen=True)
class Assessment:
    note: NoteText  # the REDACTED note: the only version that may be stored
    redactions: tuple[Redaction, ...] = ()
    findings: tuple[Finding, ...] = ()

    def passed(self, quality: Quality) -> bool:
        return all(finding.quality != quality for finding in self.findings)

    @property
    def score(self) -> int:
        """0..4: how many of clear, factual, respectful and complete pass."""
        return sum(self.passed(quality) for quality in SCORED)

    @property
    def missing_for_final(self) -> tuple[str, ...]:
        """What a note needs before it can be saved as final; without it, only as a draft."""
        return tuple(
            FIELD_LABELS[name]
            for name in _REQUIRED_FOR_FINAL
            if not getattr(self.note, name).strip()
        )

    @property
    def redaction_notice(self) -> str:
        """What the author is told was removed, or "" when nothing was."""
        if not self.redactions:
            return ""
        removed = list(
            dict.fromkeys(f"{r.kind} ({FIELD_LABELS[r.field]})" for r in self.redactions)
        )
        return (
            f"Removed before saving: {', '.join(removed)}. "
            "Payment details and passwords are never kept in notes."
        )

    def findings_in(self, field: str) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.field == field)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for storing with the note and returning from the API."""
        note = dataclasses.asdict(self.note)
        due = self.note.next_step_due
        note["next_step_due"] = due.isoformat() if due else None
        return {
            "note": note,
            "score": self.score,
            "passed": {quality.value: self.passed(quality) for quality in Quality},
            "missing_for_final": list(self.missing_for_final),
            "redactions": [dataclasses.asdict(redaction) for redaction in self.redactions],
            "redaction_notice": self.redaction_notice,
            "findings": [
                {**dataclasses.asdict(finding), "quality": finding.quality.value}
                for finding in self.findings
            ],
        }


class Assessor(Protocol):
    """Finds what falls short in a note. It is only ever given the redacted note."""

    def note_findings(self, note: NoteText, *, now: datetime.datetime) -> Iterable[Finding]: ...


def note_redact(
    note: NoteText, *, rules: NoteRules | None = None
) -> tuple[NoteText, tuple[Redaction, ...]]:
    """The note with payment details and passwords replaced by labels, and what was removed."""
    rules = rules or note_rules_default()
    changes: dict[str, Any] = {}
    redactions: list[Redaction] = []
    for field in dataclasses.fields(note):
        value = getattr(note, field.name)
        if isinstance(value, str):
            changes[field.name], kinds = text_redact(value, rules.redaction)
            redactions += [Redaction(field=field.name, kind=kind) for kind in kinds]
    return dataclasses.replace(note, **changes), tuple(redactions)


def default_assessors() -> tuple[Assessor, ...]:
    return (RuleAssessor(),)


def note_assess(
    note: NoteText,
    *,
    assessors: Sequence[Assessor] | None = None,
    now: datetime.datetime | None = None,
) -> Assessment:
    """Redact the note, then combine every assessor's findings, in the order of the form.

    Pass `assessors=(*default_assessors(), model)` to add a model to the rules."""
    redacted, redactions = note_redact(note)
    now = now or datetime.datetime.now(tz=datetime.UTC)
    seen: set[tuple[Quality, str, str]] = set()
    findings: list[Finding] = []
    for assessor in default_assessors() if assessors is None else assessors:
        for finding in assessor.note_findings(redacted, now=now):
            # The same words flagged twice for the same quality are one finding.
            key = (finding.quality, finding.field, (finding.excerpt or finding.message).casefold())
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    findings.sort(key=lambda finding: _FIELD_ORDER.get(finding.field, len(_FIELD_ORDER)))
    return Assessment(note=redacted, redactions=redactions, findings=tuple(findings))


def _quote(text: str) -> str:
    quote = " ".join(text.split()).strip(",;:. ")
    return quote if len(quote) <= _QUOTE_LIMIT else quote[: _QUOTE_LIMIT - 1].rstrip() + "…"


class RuleAssessor:
    """The default assessor: the phrases, shorthand and completeness checks of note_rules.toml."""

    def __init__(self, rules: NoteRules | None = None) -> None:
        self.rules = rules or note_rules_default()

    def note_findings(self, note: NoteText, *, now: datetime.datetime) -> Iterator[Finding]:
        for field in TEXT_FIELDS:
            yield from self._phrase_findings(field, getattr(note, field))
        yield from self._too_short(note)
        yield from self._completeness(note, now)

    def _phrase_findings(self, field: str, text: str) -> list[Finding]:
        plain = text.translate(STRAIGHT_QUOTES)
        taken: dict[Quality, list[tuple[int, int]]] = {}
        found: list[tuple[int, Finding]] = []
        for rule in (*self.rules.phrases, self.rules.shorthand):
            if field not in rule.fields:
                continue
            for match in rule.pattern.finditer(plain):
                start, end = match.span()
                spans = taken.setdefault(rule.quality, [])
                if start == end or any(start < e and s < end for s, e in spans):
                    continue
                if not self._counts(rule, plain, match):
                    continue
                spans.append((start, end))
                quote = _quote(text[start:end])
                found.append(
                    (start, Finding(rule.quality, field, rule.message_for(quote), quote, rule.id))
                )
        return [finding for _, finding in sorted(found, key=lambda item: item[0])]

    def _counts(self, rule: PhraseRule, text: str, match: re.Match[str]) -> bool:
        words = re.findall(r"[\w']+", match.group())
        if rule.skip_words and all(word in rule.skip_words for word in words):
            return False
        if rule.unless_stated and not self.rules.guess.search(match.group()):
            sentence_start = max(text.rfind(mark, 0, match.start()) for mark in ".!?;\n") + 1
            if self.rules.stated.search(text, sentence_start, match.start()):
                return False
        return True

    def _too_short(self, note: NoteText) -> Iterator[Finding]:
        written = " ".join(
            getattr(note, field) for field in TEXT_FIELDS if getattr(note, field).strip()
        )
        words = len(re.findall(r"\w+", written))
        if 0 < words < self.rules.min_words:
            quote = _quote(written)
            message = self.rules.too_short.format(quote=quote, meaning="")
            yield Finding(Quality.CLEAR, "", message, quote, "too-short")

    def _completeness(self, note: NoteText, now: datetime.datetime) -> Iterator[Finding]:
        check = self.rules.completeness
        messages = check.messages

        def finding(field: str, key: str, quote: str = "") -> Finding:
            message = messages[key].format(quote=quote, meaning="")
            return Finding(Quality.COMPLETE, field, message, quote, key.replace("_", "-"))

        if not note.wants.strip():
            yield finding("wants", "wants_missing")
        if not note.next_step.strip():
            yield finding("next_step", "next_step_missing")
        else:
            if not note.next_step_owner.strip():
                yield finding("next_step_owner", "next_step_owner_missing")
            if note.next_step_due is None:
                yield finding("next_step_due", "next_step_due_missing")
            elif _before(note.next_step_due, now):
                yield finding("next_step_due", "next_step_due_past")
        promised = note.promised.translate(STRAIGHT_QUOTES)
        if promised.strip():
            quote = _quote(note.promised)
            if not check.dates.search(promised):
                yield finding("promised", "promise_date_missing", quote)
            named = check.first_person.search(promised) or check.named_promiser.search(promised)
            if not note.promised_by.strip() and not named:
                yield finding("promised_by", "promise_owner_missing", quote)


def _before(due: datetime.datetime, now: datetime.datetime) -> bool:
    # A time without a zone is read in the other's zone, so the two can always be compared.
    if due.tzinfo is None:
        due = due.replace(tzinfo=now.tzinfo)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=due.tzinfo)
    return due < now
