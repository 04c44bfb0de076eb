"""Reasons a person can check, for each suggested pair.

Staff decide every merge, so a score alone is not enough: they need to see
"same surname and date of birth, postcode differs by one character" and judge
it against the two profiles. Reasons come from the same levels the model
scored: what agrees, then what nearly agrees (strongest first), then what differs.
"""

from __future__ import annotations

from everthread.customers.matching.comparisons import (
    COMPARISONS,
    DATE_OF_BIRTH,
    GIVEN_NAME,
    MISSING,
    FloatArray,
    day_month_swapped,
)
from everthread.customers.matching.nicknames import FORMAL_NAMES, NICKNAMES
from everthread.customers.matching.records import IntArray, PreparedRecords

_PHRASES: dict[tuple[str, str], str] = {
    ("given name", "same initial"): "given name is an initial that fits",
    ("given name", "loosely similar"): "given names loosely similar",
    ("given name", "similar"): "given names similar",
    ("given name", "nearly the same"): "given name differs by a letter or two",
    ("surname", "loosely similar"): "surnames loosely similar",
    ("surname", "similar"): "surnames similar",
    ("surname", "nearly the same"): "surname differs by a letter or two",
    ("date of birth", "same year"): "born in the same year",
    ("date of birth", "two digits differ"): "date of birth differs by two digits",
    ("date of birth", "one digit differs"): "date of birth differs by one digit",
    ("date of birth", "digits transposed"): "date of birth has two digits transposed",
    ("postcode", "same district"): "postcode in the same district",
    ("postcode", "one character differs"): "postcode differs by one character",
    ("address", "loosely similar"): "addresses loosely similar",
    ("address", "similar"): "addresses similar",
    ("address", "nearly the same"): "address nearly the same",
    ("suburb", "similar"): "suburbs similar",
    ("suburb", "nearly the same"): "suburb differs by a letter or two",
    ("phone", "same number written differently"): "same phone number written differently",
    ("email", "same mailbox written differently"): "same mailbox, email written differently",
    ("external id", "two characters differ"): "external id differs by two characters",
    ("external id", "one character differs"): "external id differs by one character",
}


def explain(
    records: PreparedRecords,
    left: int,
    right: int,
    *,
    levels: IntArray,
    names_swapped: bool,
    evidence: FloatArray,
) -> tuple[str, ...]:
    """Reasons for one pair: what agrees, what nearly agrees, then what differs.

    ``evidence`` is the pair's log2(m/u) per comparison; near-agreements are
    listed strongest first.
    """
    same: list[str] = []
    partial: list[tuple[float, str]] = []
    different: list[str] = []
    for column, spec in enumerate(COMPARISONS):
        level = int(levels[column])
        if level == MISSING:
            continue
        label = spec.levels[level]
        if label == "same":
            same.append(spec.name)
        elif label == "different":
            different.append(spec.name)
        else:
            text = _near_agreement(records, left, right, spec.name, label)
            partial.append((-float(evidence[column]), text))
    reasons = [f"same {_join(same)}"] if same else []
    if names_swapped:
        reasons.append("given and family names swapped")
    reasons += [text for _, text in sorted(partial)]
    if different:
        reasons.append(f"{_join(different)} {'differ' if len(different) > 1 else 'differs'}")
    return tuple(reasons)


def _near_agreement(records: PreparedRecords, left: int, right: int, field: str, label: str) -> str:
    if field == GIVEN_NAME.name and label == "nickname":
        return nickname_reason(records.first_given[left], records.first_given[right])
    if field == DATE_OF_BIRTH.name and label == "digits transposed":
        digits = records.dob_digits[[left]], records.dob_digits[[right]]
        if day_month_swapped(*digits)[0]:
            return "day and month of birth swapped"
    return _PHRASES[(field, label)]


def nickname_reason(first_a: str, first_b: str) -> str:
    """ "Bob is a nickname for Robert", or "Liz and Beth are both short for Elizabeth"."""
    a, b = first_a.title(), first_b.title()
    if first_b in NICKNAMES.get(first_a, ()):
        return f"{b} is a nickname for {a}"
    if first_a in NICKNAMES.get(first_b, ()):
        return f"{a} is a nickname for {b}"
    shared = sorted(FORMAL_NAMES.get(first_a, frozenset()) & FORMAL_NAMES.get(first_b, frozenset()))
    if shared:
        return f"{a} and {b} are both short for {shared[0].title()}"
    return f"{a} and {b} may be forms of one name"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
