"""The variables a template may use, checked when it is saved and filled in for one customer.

A fixed list on purpose: a template reaches customers, so it may only read what is meant
to be said to them (a first name, not a date of birth or a note). Pure Python.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from everthread.message_templates.errors import InvalidTemplate, UnknownVariable

# {{ customer.first_name }}: spaces inside the braces are optional.
_VARIABLE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_TAG = re.compile(r"\{%.*?%\}")

# Every variable a template may use, and what it says; the editor lists them.
VARIABLES: dict[str, str] = {
    "customer.first_name": "The name the customer likes to be called (else their first name)",
    "customer.last_name": "The customer's family name",
    "customer.full_name": "The customer's full name",
    "staff.first_name": "Your first name (whoever sends the message)",
    "staff.last_name": "Your family name",
    "staff.full_name": "Your full name",
    "staff.job_title": "Your job title",
    "journey.subject": "What the customer's latest open journey is about",
    "journey.where_it_stands": "Where that journey stands",
    "store.name": "The customer's home store (else yours)",
    "store.city": "That store's city",
    "store.address": "That store's address",
    "organisation.name": "The brand's name",
}


@dataclass(frozen=True)
class Rendered:
    """A template filled in for one customer, and the variables that had nothing to say."""

    text: str
    empty: tuple[str, ...] = ()


def variables_check(text: str, *, field: str) -> None:
    """Refuse a variable that is not on the list, naming it and the nearest one that is."""
    if _TAG.search(text):
        raise InvalidTemplate(
            "Templates take variables like {{ customer.first_name }}, not {% … %} tags.",
            field=field,
        )
    for name in variables_in(text):
        if name in VARIABLES:
            continue
        nearest = difflib.get_close_matches(name, VARIABLES, n=1, cutoff=0.75)
        hint = f" Did you mean {{{{ {nearest[0]} }}}}?" if nearest else ""
        raise UnknownVariable(
            f"{{{{ {name} }}}} is not a variable templates can use.{hint} "
            f"The variables are: {', '.join(VARIABLES)}.",
            field=field,
            variable=name,
            suggestion=nearest[0] if nearest else None,
        )


def variables_in(text: str) -> list[str]:
    return [match.group(1) for match in _VARIABLE.finditer(text)]


def variables_fill(text: str, values: Mapping[str, str]) -> Rendered:
    """The text with each variable replaced by its value ("" when the customer has none)."""
    empty: list[str] = []

    def value_of(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "")
        if not value:
            empty.append(match.group(1))
        return value

    return Rendered(_VARIABLE.sub(value_of, text), tuple(dict.fromkeys(empty)))


def variables_used(texts: Iterable[str]) -> set[str]:
    return {name for text in texts for name in variables_in(text)}
