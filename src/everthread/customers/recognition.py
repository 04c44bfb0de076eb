"""recognise(): who is this, from what a channel knows about them?

An exact match on a normalised contact point is the answer. Without one, people
who look alike by name, date of birth and postcode come back as ranked
candidates for a person to choose, never merged or linked silently: each scored
as a match probability and explained in words by the duplicate engine's own
comparisons and learned weights (``matching.pairwise``, ``matching.weights``),
so the recognise bar and the duplicates page speak one language.
"""

from __future__ import annotations

import datetime
import functools
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.psycopg_any import is_psycopg3
from django.db.backends.utils import CursorWrapper
from django.db.models import Field, ForeignKey, Model, prefetch_related_objects
from django.db.models.base import ModelState
from django.db.models.expressions import Col
from django.db.models.signals import post_init, pre_init
from psycopg.types.datetime import TimestamptzLoader

from everthread.customers.contact_points import (
    ContactKind,
    contact_point_normalise,
    contact_point_readings,
)
from everthread.customers.errors import InvalidContactPoint
from everthread.customers.matching.pairwise import Likeness, likenesses
from everthread.customers.matching.records import CustomerRecord
from everthread.customers.matching.weights import recognition_weights
from everthread.customers.models import ContactPoint, Customer, name_key

MAX_CANDIDATES = 10
# Customers fetched either side of a name in the sort-key index, then scored: never a scan.
NEIGHBOURS = 50
# The engine's match probability below which a look-alike is noise, not a candidate
# worth a colleague's time.
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
# One contact clue read: its likeliest (kind, value) key, and the others it could be,
# read only when they are needed.
Reading = tuple[Key, Iterator[Key]]


def _contact_keys(clues: Clues, region: str, problems: dict[str, str]) -> list[Reading]:
    """Per contact clue, the (kind, value) keys it could be, most likely first."""
    readings: list[Reading] = []
    if clues.contact_point.strip():
        if clues.kind:
            try:
                value = contact_point_normalise(clues.kind, clues.contact_point, region=region)
                readings.append(((str(clues.kind), value), iter(())))
            except InvalidContactPoint as error:
                problems["contact_point"] = error.message
        else:
            guesses = contact_point_readings(clues.contact_point, region=region)
            first = next(guesses, None)
            if first is None:
                problems["contact_point"] = (
                    f"{clues.contact_point.strip()!r} does not look like a phone number, email, "
                    "handle or id."
                )
            else:
                readings.append(((str(first[0]), first[1]), guesses))
    if clues.order_number.strip():
        try:
            order = contact_point_normalise(ContactKind.ORDER, clues.order_number, region=region)
            readings.append(((str(ContactKind.ORDER), order), iter(())))
        except InvalidContactPoint as error:
            problems["order_number"] = error.message
    return readings


def _owners(readings: list[Reading]) -> list[ContactPoint]:
    """The contact points the clues name, each with its customer, in id order.

    Typed digits that make a valid phone number are far likelier a phone than an
    order or loyalty number, so that reading is probed alone, and the others are
    read and probed only when it names nobody: one index probe, and a query that
    plans in half the time of one with three keys. An identifier could be any of
    its kinds alike, so all its readings go in the one query.
    """
    probes: list[Key] = []
    for first, others in readings:
        probes.append(first)
        if first[0] != ContactKind.PHONE:
            probes += [(str(kind), value) for kind, value in others]
    points = _points_with_keys(probes)
    found = {(point.kind, point.value) for point in points}
    unanswered = [
        (str(kind), value)
        for first, others in readings
        if first[0] == ContactKind.PHONE and first not in found
        for kind, value in others
    ]
    if unanswered:
        points += _points_with_keys(unanswered)
    points.sort(key=lambda point: (point.customer_id, point.pk))
    if len({point.customer_id for point in points}) > 1:
        prefetch_related_objects([point.customer for point in points], "home_store")
    return points


def _points_with_keys(keys: list[Key]) -> list[ContactPoint]:
    """One raw indexed query, its rows built straight into models.

    Raw SQL on purpose: this is the hottest read in the product, and compiling the
    equivalent ORM query (or a raw queryset's column mapping) costs more than the
    indexed lookup itself.
    """
    if not keys:
        return []
    db = connections[DEFAULT_DB_ALIAS]
    cursor = _cursor(db)
    kinds_by_value: dict[str, list[str]] = {}
    for kind, value in keys:
        kinds_by_value.setdefault(value, []).append(kind)
    shape = tuple(len(kinds) for kinds in kinds_by_value.values())
    cursor.execute(
        owners_sql(shape),
        [part for value, kinds in kinds_by_value.items() for part in (value, *kinds)],
    )
    rows = cursor.fetchall()
    converters = _converters(db)
    split = len(_CUSTOMER_FIELDS)
    points = []
    for row in rows:
        values = list(row)
        for position, functions, column in converters:
            for function in functions:
                values[position] = function(values[position], column, db)
        point = _instance(ContactPoint, db.alias, _POINT_ATTNAMES, values[split:])
        customer = _instance(Customer, db.alias, _CUSTOMER_ATTNAMES, values[:split])
        _CUSTOMER_OF_POINT.set_cached_value(point, customer)
        points.append(point)
    return points


# The database cursor recognise() keeps on each connection. Opening one per lookup
# (Django's wrapper, then psycopg's loaders for every column) costs more than all the
# Python work of a lookup besides.
_KEPT_CURSORS: weakref.WeakKeyDictionary[BaseDatabaseWrapper, Any] = weakref.WeakKeyDictionary()


def _cursor(db: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor on ``db`` as ``db.cursor()`` gives one, wrapped the same way (queries
    logged when they are, execute wrappers, database errors translated, no statement in a
    broken transaction), over a database cursor kept for as long as its connection lives.
    Not closed after use: closing the wrapper would close the kept cursor."""
    db.close_if_health_check_failed()
    db.ensure_connection()
    kept = _KEPT_CURSORS.get(db)
    if kept is None or kept.connection is not db.connection:
        with db.wrap_database_errors:
            kept = _KEPT_CURSORS[db] = db.create_cursor()
        if _reads_timestamps_itself(db):
            kept.adapters.register_loader("timestamptz", TimestamptzLoader)
    db.validate_thread_sharing()
    return db.make_debug_cursor(kept) if db.queries_logged else db.make_cursor(kept)


def _instance(model: type[Model], alias: str, attnames: tuple[str, ...], values: list[Any]) -> Any:
    """What ``model.from_db`` makes of these columns (the others deferred), built directly:
    Model.__init__ sets each field in turn and costs more than the lookup's other work.
    Only while its fields keep what is set on them and nothing listens for a model being
    initialised; otherwise from_db itself."""
    if (
        not _set_plainly(model, attnames)
        or pre_init.has_listeners(model)
        or post_init.has_listeners(model)
    ):
        return model.from_db(alias, frozenset(attnames), values)
    instance = object.__new__(model)
    instance.__dict__.update(zip(attnames, values, strict=True))
    state = instance._state = ModelState()
    state.adding = False
    state.db = alias
    return instance


@functools.cache
def _set_plainly(model: type[Model], attnames: tuple[str, ...]) -> bool:
    """Whether each field keeps the value set on it, with no descriptor of its own (a file's,
    say) doing more, so filling the instance's __dict__ is what __init__ would do."""
    plain = tuple(vars(kind)["descriptor_class"] for kind in (Field, ForeignKey))
    return all(type(getattr(model, name, None)) in plain for name in attnames)


# Every field a caller of recognise() reads (the importer compares the whole profile
# and updated_at), less the derived search keys and creation times, which nobody
# reading a recognition needs: timestamps are the dearest columns to send and parse.
_UNREAD = frozenset({"sort_key", "search_text", "created_at"})
_CUSTOMER_FIELDS = tuple(f for f in Customer._meta.concrete_fields if f.name not in _UNREAD)
_POINT_FIELDS = tuple(f for f in ContactPoint._meta.concrete_fields if f.name not in _UNREAD)
_CUSTOMER_ATTNAMES = tuple(field.attname for field in _CUSTOMER_FIELDS)
_POINT_ATTNAMES = tuple(field.attname for field in _POINT_FIELDS)
_CUSTOMER_OF_POINT = ContactPoint._meta.get_field("customer")


@functools.cache
def owners_sql(shape: tuple[int, ...]) -> str:
    """The one query recognise() sends: the customers and contact points of some values,
    each of one or more kinds (``shape``: how many kinds each value may be).

    A value with its kinds (``value = %s AND kind IN (...)``) is one index scan that
    descends once per kind; the same keys written as (kind, value) pairs joined by OR
    plan as a bitmap of one scan each, and take twice as long to plan and run."""
    columns = ", ".join(
        [f"c.{field.column}" for field in _CUSTOMER_FIELDS]
        + [f"p.{field.column}" for field in _POINT_FIELDS]
    )
    keys = " OR ".join(
        f"(p.value = %s AND p.kind IN ({', '.join(['%s'] * kinds)}))" for kinds in shape
    )
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
            if _reads_timestamps_itself(db) and field.get_internal_type() == "DateTimeField":
                functions.append(_in_connection_time_zone)
            if functions:
                found.append((position, functions, column))
        _CONVERTERS[db.alias] = found
    return _CONVERTERS[db.alias]


def _reads_timestamps_itself(db: BaseDatabaseWrapper) -> bool:
    """Whether the kept cursor reads timestamps with psycopg's own (compiled) loader.

    On psycopg 3 Django reads each timestamp with a loader of its own written in Python
    (psycopg's, then the connection's time zone put on it), which costs more than all of a
    customer's other columns together. psycopg's compiled loader reads it to the same
    moment; putting the same time zone on it after is then all Django's adds.
    """
    return db.vendor == "postgresql" and is_psycopg3


def _in_connection_time_zone(
    value: datetime.datetime | None, expression: Any, db: BaseDatabaseWrapper
) -> datetime.datetime | None:
    return None if value is None else value.replace(tzinfo=db.timezone)


def _look_alikes(clues: Clues) -> list[Candidate]:
    """Customers whose names sort near the name given, scored and explained by the
    duplicate engine's comparisons and learned weights, best first.

    Fetched only through the index on the sort key (surname, then given name),
    either side of each way of reading the name: a typo after the first letters
    still sorts nearby, and a given and family name typed the wrong way round is
    found by reading it the other way. Date of birth and postcode are weighed,
    not searched: they have no index, and a scan of the base is never worth a
    guess. Without a name there is nobody to suggest.
    """
    readings = _name_readings(clues)
    pool = _near_names(readings)
    if not pool:
        return []
    records = [_record(customer) for customer in pool]
    model = recognition_weights()
    best: dict[int, Likeness] = {}
    for reading in readings:
        one_name = not (reading.given_name and reading.family_name)
        for customer, likeness in zip(pool, likenesses(reading, records, model=model), strict=True):
            if one_name and likeness.names_swapped:
                continue  # one name typed is given or family, not both swapped
            kept = best.get(customer.pk)
            if kept is None or likeness.match_weight > kept.match_weight:
                best[customer.pk] = likeness
    by_id = {customer.pk: customer for customer in pool}
    ranked = sorted(best.items(), key=lambda item: (-item[1].match_weight, item[0]))
    return [
        Candidate(by_id[pk], round(likeness.match_probability, 3), list(likeness.reasons))
        for pk, likeness in ranked
        if likeness.match_probability >= MIN_CANDIDATE_SCORE
    ][:MAX_CANDIDATES]


def _name_readings(clues: Clues) -> list[CustomerRecord]:
    """The clues as the record of a person; one name alone is read as given and as family."""
    words = clues.name.split()
    if not words:
        return []
    known = CustomerRecord(id="clues", date_of_birth=clues.date_of_birth, postcode=clues.postcode)
    if len(words) == 1:
        return [replace(known, given_name=words[0]), replace(known, family_name=words[0])]
    return [replace(known, given_name=" ".join(words[:-1]), family_name=words[-1])]


def _near_names(readings: list[CustomerRecord]) -> list[Customer]:
    """Current customers either side of each reading's sort key, each once, by id."""
    keys = {
        name_key(f"{surname} {given}")
        for reading in readings
        for surname, given in (
            (reading.family_name, reading.given_name),
            (reading.given_name, reading.family_name),
        )
        if surname
    }
    current = Customer.objects.filter(merged_into__isnull=True).select_related("home_store")
    found: dict[int, Customer] = {}
    for key in sorted(keys):
        found.update(
            (customer.pk, customer)
            for side in (
                current.filter(sort_key__gte=key).order_by("sort_key", "id"),
                current.filter(sort_key__lt=key).order_by("-sort_key", "-id"),
            )
            for customer in side[:NEIGHBOURS]
        )
    return [found[pk] for pk in sorted(found)]


def _record(customer: Customer) -> CustomerRecord:
    return CustomerRecord(
        id=customer.pk,
        given_name=customer.given_name,
        family_name=customer.family_name,
        date_of_birth=customer.date_of_birth,
        postcode=customer.postcode,
    )
