"""recognise(): who is this, from what a channel knows about them?

An exact match on a normalised contact point is the answer. Without one, people
who look alike by name, date of birth and postcode come back as ranked
candidates with the reasons in words, for a person to choose: never merged or
linked silently.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q, prefetch_related_objects
from django.db.models.expressions import Col
from rapidfuzz.distance import JaroWinkler, Levenshtein

from everthread.customers.contact_points import (
    ContactKind,
    contact_point_guesses,
    contact_point_normalise,
)
from everthread.customers.errors import InvalidContactPoint
from everthread.customers.models import ContactPoint, Customer, name_key

MAX_CANDIDATES = 10
# Candidates are fetched by indexed keys, then scored in Python: never a scan.
CANDIDATE_POOL = 200
# Below this a look-alike is noise, not a candidate worth a colleague's time.
MIN_CANDIDATE_SCORE = 0.5


@dataclass(frozen=True)
class Clues:
    """What a channel knows: any of these may be missing."""

    contact_point: str = ""
    kind: str = ""  # blank: work out which kind of contact point it is
    name: str = ""
    postcode: str = ""
    date_of_birth: datetime.date | None = None
    order_number: str = ""


@dataclass(frozen=True)
class Candidate:
    customer: Customer
    score: float
    reasons: list[str]


@dataclass(frozen=True)
class Recognition:
    customer: Customer | None = None
    matched_on: ContactPoint | None = None
    candidates: list[Candidate] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)


def recognise(*, clues: Clues, region: str) -> Recognition:
    """The customer these clues name, else ranked look-alikes, else nobody."""
    problems: dict[str, str] = {}
    readings = _contact_keys(clues, region, problems)
    points = _owners(readings)
    owners = {point.customer_id: point for point in points}
    if len(owners) == 1:
        point = points[0]
        return Recognition(customer=point.customer, matched_on=point, problems=problems)
    candidates = [
        Candidate(point.customer, 1.0, [f"has the {ContactKind(point.kind).label.lower()} given"])
        for point in owners.values()
    ]
    if not candidates:
        candidates = _look_alikes(clues)
    return Recognition(candidates=candidates, problems=problems)


Key = tuple[str, str]


def _contact_keys(clues: Clues, region: str, problems: dict[str, str]) -> list[list[Key]]:
    """Per contact clue, the (kind, value) keys it could be, most likely first."""
    readings: list[list[Key]] = []
    if clues.contact_point.strip():
        if clues.kind:
            try:
                value = contact_point_normalise(clues.kind, clues.contact_point, region=region)
                readings.append([(str(clues.kind), value)])
            except InvalidContactPoint as error:
                problems["contact_point"] = error.message
        else:
            guesses = contact_point_guesses(clues.contact_point, region=region)
            readings.append([(str(kind), value) for kind, value in guesses])
            if not guesses:
                problems["contact_point"] = (
                    f"{clues.contact_point.strip()!r} does not look like a phone number, email, "
                    "handle or id."
                )
    if clues.order_number.strip():
        try:
            order = contact_point_normalise(ContactKind.ORDER, clues.order_number, region=region)
            readings.append([(str(ContactKind.ORDER), order)])
        except InvalidContactPoint as error:
            problems["order_number"] = error.message
    return [keys for keys in readings if keys]


def _owners(readings: list[list[Key]]) -> list[ContactPoint]:
    """The contact points the clues name, each with its customer, in id order.

    Typed digits that make a valid phone number are far likelier a phone than an
    order or loyalty number, so that reading is probed alone, and the others only
    when it names nobody: one index probe, and a query that plans in half the time
    of one with three keys. An identifier could be any of its kinds alike, so all
    its readings go in the one query.
    """
    probes = [key for keys in readings for key in (keys[:1] if _phone_first(keys) else keys)]
    points = _points_with_keys(probes)
    found = {(point.kind, point.value) for point in points}
    others = [
        key for keys in readings if _phone_first(keys) and keys[0] not in found for key in keys[1:]
    ]
    if others:
        points += _points_with_keys(others)
    points.sort(key=lambda point: (point.customer_id, point.pk))
    if len({point.customer_id for point in points}) > 1:
        prefetch_related_objects([point.customer for point in points], "home_store")
    return points


def _phone_first(keys: list[Key]) -> bool:
    return keys[0][0] == ContactKind.PHONE


def _points_with_keys(keys: list[Key]) -> list[ContactPoint]:
    """One raw indexed query, its rows built straight into models.

    Raw SQL on purpose: this is the hottest read in the product, and compiling the
    equivalent ORM query (or a raw queryset's column mapping) costs more than the
    indexed lookup itself.
    """
    if not keys:
        return []
    db = connections[DEFAULT_DB_ALIAS]
    with db.cursor() as cursor:
        cursor.execute(_owners_sql(len(keys)), [part for key in keys for part in key])
        rows = cursor.fetchall()
    converters = _converters(db)
    split = len(_CUSTOMER_FIELDS)
    points = []
    for row in rows:
        values = list(row)
        for position, functions, column in converters:
            for function in functions:
                values[position] = function(values[position], column, db)
        point = ContactPoint.from_db(db.alias, _POINT_NAMES, values[split:])
        customer = Customer.from_db(db.alias, _CUSTOMER_NAMES, values[:split])
        _CUSTOMER_OF_POINT.set_cached_value(point, customer)
        points.append(point)
    return points


# Every field a caller of recognise() reads (the importer compares the whole profile
# and updated_at), less the derived search keys and creation times, which nobody
# reading a recognition needs: timestamps are the dearest columns to send and parse.
_UNREAD = frozenset({"sort_key", "search_text", "created_at"})
_CUSTOMER_FIELDS = tuple(f for f in Customer._meta.concrete_fields if f.name not in _UNREAD)
_POINT_FIELDS = tuple(f for f in ContactPoint._meta.concrete_fields if f.name not in _UNREAD)
_CUSTOMER_NAMES = frozenset(field.attname for field in _CUSTOMER_FIELDS)
_POINT_NAMES = frozenset(field.attname for field in _POINT_FIELDS)
_CUSTOMER_OF_POINT = ContactPoint._meta.get_field("customer")


@functools.cache
def _owners_sql(count: int) -> str:
    columns = ", ".join(
        [f"c.{field.column}" for field in _CUSTOMER_FIELDS]
        + [f"p.{field.column}" for field in _POINT_FIELDS]
    )
    keys = " OR ".join(["(p.kind = %s AND p.value = %s)"] * count)
    return (
        f"SELECT {columns} FROM {ContactPoint._meta.db_table} p "
        f"JOIN {Customer._meta.db_table} c ON c.id = p.customer_id WHERE {keys}"
    )


Converter = tuple[int, list[Callable[..., Any]], Col]
_CONVERTERS: dict[str, list[Converter]] = {}


def _converters(db: BaseDatabaseWrapper) -> list[Converter]:
    """What Django would do to each selected column's value (JSON, dates on SQLite), once."""
    if db.alias not in _CONVERTERS:
        found = []
        for position, field in enumerate(_CUSTOMER_FIELDS + _POINT_FIELDS):
            column = field.get_col(field.model._meta.db_table)
            functions = db.ops.get_db_converters(column) + column.get_db_converters(db)
            if functions:
                found.append((position, functions, column))
        _CONVERTERS[db.alias] = found
    return _CONVERTERS[db.alias]


def _look_alikes(clues: Clues) -> list[Candidate]:
    words = name_key(clues.name).split()
    postcode = _postcode_key(clues.postcode)
    nearby = Q()
    for word in {words[0], words[-1]} if words else ():
        # Two letters of either word as the surname: a typo later in the name still finds them,
        # and a swapped given/family name too. (Scale: a trigram index replaces this prefix.)
        nearby |= Q(sort_key__startswith=word[:2])
    if clues.date_of_birth:
        nearby |= Q(date_of_birth=clues.date_of_birth)
    if postcode:
        nearby |= Q(postcode__iexact=clues.postcode.strip())
    if not nearby:
        return []
    pool = (
        Customer.objects.filter(nearby, merged_into__isnull=True)
        .select_related("home_store")
        .order_by("id")[:CANDIDATE_POOL]
    )
    scored = [_score(customer, words, postcode, clues.date_of_birth) for customer in pool]
    found = [candidate for candidate in scored if candidate.score >= MIN_CANDIDATE_SCORE]
    found.sort(key=lambda candidate: (-candidate.score, candidate.customer.pk))
    return found[:MAX_CANDIDATES]


def _score(
    customer: Customer, words: list[str], postcode: str, date_of_birth: datetime.date | None
) -> Candidate:
    """Score what was given; each clue counts only if it was given."""
    reasons: list[str] = []
    parts: list[float] = []
    if words:
        given, family = name_key(customer.given_name), name_key(customer.family_name)
        typed_given, typed_family = words[0], words[-1] if len(words) > 1 else ""
        straight = _similar(typed_given, given) + _similar(typed_family, family)
        swapped = _similar(typed_given, family) + _similar(typed_family, given)
        if swapped > straight and swapped >= 1.8:
            reasons.append("given and family names swapped")
        parts.append(max(straight, swapped) / (2 if typed_family else 1))
        reasons.extend(_name_reasons(typed_given, typed_family, given, family))
    if date_of_birth:
        parts.append(_date_similarity(date_of_birth, customer.date_of_birth, reasons))
    if postcode:
        parts.append(_postcode_similarity(postcode, _postcode_key(customer.postcode), reasons))
    score = sum(parts) / len(parts) if parts else 0.0
    return Candidate(customer=customer, score=round(score, 3), reasons=_joined(reasons))


def _name_reasons(typed_given: str, typed_family: str, given: str, family: str) -> list[str]:
    same_given, same_family = typed_given == given, bool(typed_family) and typed_family == family
    if same_given and same_family:
        return ["same name"]
    reasons = ["same given name"] if same_given else []
    if same_family:
        reasons.append("same surname")
    elif typed_family and _similar(typed_family, family) >= 0.85:
        reasons.append("surname spelt slightly differently")
    return reasons


def _similar(a: str, b: str) -> float:
    return 1.0 if a == b else JaroWinkler.normalized_similarity(a, b) if a and b else 0.0


def _date_similarity(
    given: datetime.date, known: datetime.date | None, reasons: list[str]
) -> float:
    if known is None:
        return 0.5
    if known == given:
        reasons.append("same date of birth")
        return 1.0
    if (known.month, known.day) == (given.day, given.month) and known.year == given.year:
        reasons.append("date of birth with day and month swapped")
        return 0.8
    if Levenshtein.distance(known.isoformat(), given.isoformat()) == 1 or sorted(
        known.isoformat()
    ) == sorted(given.isoformat()):
        reasons.append("date of birth differs by one digit or two swapped digits")
        return 0.7
    reasons.append("different date of birth")
    return 0.0


def _postcode_similarity(given: str, known: str, reasons: list[str]) -> float:
    if not known:
        return 0.5
    if known == given:
        reasons.append("same postcode")
        return 1.0
    distance = Levenshtein.distance(known, given)
    if distance == 1:
        reasons.append("postcode differs by one character")
        return 0.7
    if known.split(" ")[0] == given.split(" ")[0]:
        reasons.append("same postcode district")
        return 0.5
    reasons.append("different postcode")
    return 0.0


def _postcode_key(postcode: str) -> str:
    return " ".join(postcode.upper().split())


def _joined(reasons: list[str]) -> list[str]:
    """'same surname' and 'same date of birth' read as one: 'same surname and date of birth'."""
    same = [reason.removeprefix("same ") for reason in reasons if reason.startswith("same ")]
    other = [reason for reason in reasons if not reason.startswith("same ")]
    lead = [f"same {' and '.join(same)}"] if same else []
    return [", ".join(lead + other)] if lead or other else []
