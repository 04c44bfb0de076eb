"""Payment details and passwords taken out of a note's text before anything is stored.

A card number is a run of 13 to 19 digits laid out like a card, starting as cards do and passing
the Luhn check, so an order number, a phone number or a barcode is never taken for one. An
IBAN must pass its country's format and check digits. The removed value is replaced with a
label such as "[card number removed]" and kept nowhere: the caller learns only which kinds
were removed, in the order they appeared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stdnum import iban, luhn

CARD_NUMBER = "card number"
SECURITY_CODE = "security code"
BANK_DETAILS = "bank details"
PASSWORD = "password"
PIN = "PIN"

# Curly quotes read as straight ones; one character for one, so positions still line up.
STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

_DIGIT_RUN = re.compile(r"(?<![\w+])\d+(?:[ -]\d+)*(?!\w)")
_AFTER_CARD_CODE = re.compile(
    r"(?:[\s,;/-]+(?:exp(?:iry|ires|\.)?\s*:?\s*)?(?:0?[1-9]|1[0-2])\s*/\s*(?:\d{4}|\d{2}))?"
    r"[\s,;/-]+(\d{3,4})(?![\d/.:%])(?!\s*(?:am|pm|items?|x)\b)",
    re.IGNORECASE,
)
_IBAN_CANDIDATE = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}")
_SORT_CODE_BARE = re.compile(r"(?<![\d-])\d{2}-\d{2}-\d{2}(?![\d-])")
_ACCOUNT_BARE = re.compile(r"(?<![\d-])\d{8}(?![\d-])")


def redaction_label(kind: str) -> str:
    return f"[{kind} removed]"


def _alternatives(fragments: Sequence[str]) -> str:
    return "(?:" + "|".join(f"(?:{fragment})" for fragment in fragments) + ")"


@dataclass(frozen=True)
class RedactionRules:
    """The [redaction] table of note_rules.toml, compiled."""

    card_min_digits: int
    card_max_digits: int
    card_first_digits: str
    not_card_label: re.Pattern[str]
    security_code: re.Pattern[str]
    sort_code: re.Pattern[str]
    account: re.Pattern[str]
    bank_context: re.Pattern[str]
    password: re.Pattern[str]
    not_passwords: frozenset[str]
    pin: re.Pattern[str]

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> RedactionRules:
        """Raises KeyError for a missing entry and re.error for a pattern that does not compile."""

        def compiled(pattern: str) -> re.Pattern[str]:
            return re.compile(pattern, re.IGNORECASE)

        connector = _alternatives(table["password_connectors"])
        return cls(
            card_min_digits=int(table["card_min_digits"]),
            card_max_digits=int(table["card_max_digits"]),
            card_first_digits=str(table["card_first_digits"]),
            not_card_label=compiled(
                rf"\b{_alternatives(table['not_card_labels'])}\b"
                r"\s*(?:number|no\.?|num|#|ref(?:erence)?)?\s*[:#]?\s*\Z"
            ),
            security_code=compiled(
                rf"\b{_alternatives(table['security_code_labels'])}\b"
                r"(?:\s*(?:is|was|are|were|=|:|-|of|number|code|on\s+the\s+(?:back|card)))*"
                r"\s*[(\[]?\s*(\d{3,4})(?!\d)"
            ),
            sort_code=compiled(
                rf"\b{_alternatives(table['sort_code_labels'])}"
                r"\s*(?:is|was|=|:|-)?\s*(\d{2}[ -]?\d{2}[ -]?\d{2})(?!\d)"
            ),
            account=compiled(
                rf"\b{_alternatives(table['account_labels'])}"
                r"\s*(?:is|was|=|:|-)?\s*(\d{4}[ -]?\d{4}|\d{7,10})(?!\d)"
            ),
            bank_context=compiled(rf"\b{_alternatives(table['bank_context'])}\b"),
            password=compiled(
                rf"\b{_alternatives(table['password_labels'])}\b"
                rf"(?:(?P<connector>\s*{connector}\s*)|\s+)"
                r"(?P<value>\"[^\"\n]{1,64}\"|'[^'\n]{1,64}'|\S+)"
            ),
            not_passwords=frozenset(word.casefold() for word in table["not_passwords"]),
            pin=compiled(
                rf"\b{_alternatives(table['pin_labels'])}\b"
                r"\s*(?:(?:is|was|=|:|-|number|no\.?)\s*)*(\d{4,8})(?!\d)"
            ),
        )


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str


class _Claims:
    """The parts of one text to remove; the first claim on any character wins."""

    def __init__(self) -> None:
        self.spans: list[_Span] = []

    def claim(self, start: int, end: int, kind: str) -> bool:
        if any(start < span.end and span.start < end for span in self.spans):
            return False
        self.spans.append(_Span(start, end, kind))
        return True


def text_redact(text: str, rules: RedactionRules) -> tuple[str, tuple[str, ...]]:
    """The text with every sensitive value replaced by its label, and the kinds removed."""
    if not text:
        return text, ()
    plain = text.translate(STRAIGHT_QUOTES)
    claims = _Claims()
    _claim_cards(plain, rules, claims)
    for match in rules.security_code.finditer(plain):
        claims.claim(*match.span(1), SECURITY_CODE)
    _claim_bank_details(plain, rules, claims)
    _claim_passwords(plain, rules, claims)
    for match in rules.pin.finditer(plain):
        claims.claim(*match.span(1), PIN)
    spans = sorted(claims.spans, key=lambda span: span.start)
    pieces, done = [], 0
    for span in spans:
        pieces += [text[done : span.start], redaction_label(span.kind)]
        done = span.end
    pieces.append(text[done:])
    return "".join(pieces), tuple(span.kind for span in spans)


def _is_card(digits: str, rules: RedactionRules) -> bool:
    return (
        rules.card_min_digits <= len(digits) <= rules.card_max_digits
        and digits[0] in rules.card_first_digits
        and luhn.is_valid(digits)
    )


def _card_shaped(groups: Sequence[str]) -> bool:
    # How people type a card: one block, fours (the last may be shorter), or 4-6-5 / 4-6-4
    # (Amex, Diners).
    sizes = [len(group) for group in groups]
    return (
        len(sizes) == 1
        or all(size == 4 for size in sizes[:-1])
        or (len(sizes) == 3 and sizes[0] == 4 and sizes[1] == 6 and sizes[2] in (4, 5))
    )


def _group_spans(run: re.Match[str]) -> list[tuple[int, int]]:
    return [
        (run.start() + group.start(), run.start() + group.end())
        for group in re.finditer(r"\d+", run.group())
    ]


def _claim_cards(text: str, rules: RedactionRules, claims: _Claims) -> None:
    for run in _DIGIT_RUN.finditer(text):
        if rules.not_card_label.search(text[max(0, run.start() - 40) : run.start()]):
            continue
        groups = _group_spans(run)
        for first, last in _card_windows(text, groups, rules):
            card_end = groups[last][1]
            claims.claim(groups[first][0], card_end, CARD_NUMBER)
            # A 3- or 4-digit group straight after the card is its security code.
            if last + 1 < len(groups) and 3 <= groups[last + 1][1] - groups[last + 1][0] <= 4:
                claims.claim(*groups[last + 1], SECURITY_CODE)
                continue
            code = _AFTER_CARD_CODE.match(text, card_end) if last + 1 == len(groups) else None
            if code:
                claims.claim(*code.span(1), SECURITY_CODE)


def _card_windows(
    text: str, groups: Sequence[tuple[int, int]], rules: RedactionRules
) -> Iterator[tuple[int, int]]:
    """(first, last) group indexes of each card in a run of digit groups, earliest and longest
    first."""
    first = 0
    while first < len(groups):
        for last in range(len(groups) - 1, first - 1, -1):
            window = [text[start:end] for start, end in groups[first : last + 1]]
            if _card_shaped(window) and _is_card("".join(window), rules):
                yield first, last
                first = last + 1
                break
        else:
            first += 1


def _claim_bank_details(text: str, rules: RedactionRules, claims: _Claims) -> None:
    for candidate in _IBAN_CANDIDATE.finditer(text):
        span = _iban_span(text, candidate)
        if span:
            claims.claim(*span, BANK_DETAILS)
    for match in rules.sort_code.finditer(text):
        claims.claim(*match.span(1), BANK_DETAILS)
    if rules.bank_context.search(text):
        for match in rules.account.finditer(text):
            claims.claim(*match.span(1), BANK_DETAILS)
    # An unlabelled sort code is only told from a date by the account number beside it.
    for sort_code in _SORT_CODE_BARE.finditer(text):
        near = max(0, sort_code.start() - 40)
        account = _ACCOUNT_BARE.search(text[near : sort_code.end() + 40])
        if account:
            claims.claim(*sort_code.span(), BANK_DETAILS)
            claims.claim(near + account.start(), near + account.end(), BANK_DETAILS)


def _iban_span(text: str, candidate: re.Match[str]) -> tuple[int, int] | None:
    """The longest IBAN at the start of the candidate that ends where a word ends."""
    positions = [
        candidate.start() + i for i, char in enumerate(candidate.group()) if char.isalnum()
    ]
    for count in range(len(positions), 14, -1):
        end = positions[count - 1] + 1
        if end < len(text) and text[end].isalnum():
            continue
        if iban.is_valid("".join(text[position] for position in positions[:count])):
            return candidate.start(), end
    return None


def _claim_passwords(text: str, rules: RedactionRules, claims: _Claims) -> None:
    for match in rules.password.finditer(text):
        start, end = match.span("value")
        value = match.group("value")
        if value[0] not in "\"'":
            # A password may end in "!" or "?"; a full stop or comma is the sentence's.
            trimmed = value.rstrip(".,;:)")
            end -= len(value) - len(trimmed)
            value = trimmed
        if not value or value.startswith("[") or value.casefold() in rules.not_passwords:
            continue
        # Without "is" or a colon, only something that looks like a password is one:
        # "password reset link sent" is not, "password hunter2" is.
        if match.group("connector") is None and not re.search(r"[\d\W_]", value):
            continue
        claims.claim(start, end, PASSWORD)
