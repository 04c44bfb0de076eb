"""`everthread generate`: a realistic organisation at scale, written fast.

Customers (with contact points of every kind and ~10% planted duplicates), journeys,
interactions across channels, follow-ups, handover notes, consent ledgers, and the
messages behind contacts (the outbox's, with delivery statuses, and the webhooks'),
each with the timeline line the product would have written for it. How many
interactions each customer has follows a Zipf-Mandelbrot law: most have a handful, a
few have thousands (up to MAX_HISTORY).

On PostgreSQL rows go in with binary COPY, a batch of customers per transaction, with
every index and constraint the migrations made in place (nothing is dropped, so nothing
can be left dropped), and the next batch is drawn in a thread while this one is written;
ids come from each table's own sequence, so the product's later inserts never collide
with them. On SQLite, for tests and small demos, they go in as multi-row INSERTs (see
``bulk_writing``). Either way nothing is recorded one by one: no audit line per contact,
no reminder or escalation tasks for the generated follow-ups; one audit line says a run
happened.

Generated customers carry a CRM id GEN-<number>; a second run into the same database
is refused unless it is told to --append, and then numbers carry on from the last. A
database holding customers no run generated (a demo's, or real ones) is refused unless
it is told to --alongside: a load of made-up people into a real base is not undone
easily.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from everthread.channels.models import InboundEvent
from everthread.consent.models import ConsentEvent
from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.conversations.services import TimelineLine
from everthread.core.errors import InvalidInput
from everthread.core.models import AuditEvent, Industry, Organisation, Role, Staff, Store, Team
from everthread.core.services import (
    audit_record,
    organisation_configure,
    staff_upsert,
    store_upsert,
    team_upsert,
)
from everthread.customers.models import ContactPoint, Customer
from everthread.demo.bulk_history import (
    FOLLOWUP_COLUMNS,
    INTERACTION_COLUMNS,
    JOURNEY_COLUMNS,
    Cast,
    Client,
    Rows,
    history_draw,
)
from everthread.demo.bulk_people import (
    CRM_PREFIX,
    NamePools,
    Person,
    contact_points_normalise,
    crm_id,
    duplicate_draw,
    person_draw,
    search_keys,
)
from everthread.demo.bulk_records import (
    CONSENT_COLUMNS,
    DECISION_COLUMNS,
    INBOUND_COLUMNS,
    NOTE_COLUMNS,
    OUTBOUND_COLUMNS,
)
from everthread.demo.bulk_writing import Row, Writer, drawn_ahead, writer_for_database
from everthread.demo.errors import GeneratedBaseExists, OtherCustomersPresent
from everthread.demo.services import DEMO_PASSWORD
from everthread.followups.models import FollowUp
from everthread.notes.models import Note
from everthread.outreach.history import DECISION_TABLE, MESSAGE_TABLE

SEED = 2026
GENERATED = "demo.generated"  # the audit action each run records
DUPLICATE_SHARE = 0.1
MAX_HISTORY = 10_000
# A batch ends at whichever comes first; one batch is one transaction.
BATCH_CUSTOMERS = 5_000
BATCH_INTERACTIONS = 100_000
CUSTOMER_COLUMNS = (
    "id", "given_name", "family_name", "preferred_name", "language", "time_zone",
    "date_of_birth", "postcode", "home_store_id", "advisor_id", "preferences", "tags",
    "sort_key", "search_text", "created_at", "updated_at",
)  # fmt: skip
CONTACT_POINT_COLUMNS = ("customer_id", "kind", "value", "label", "created_at")
TIMELINE_COLUMNS = (
    "customer_id", "occurred_at", "kind", "object_id", "channel", "journey_id", "staff_id",
    "title", "text", "detail",
)  # fmt: skip


@dataclass
class GeneratedBase:
    """What one run wrote, and how fast."""

    customers: int = 0
    interactions: int = 0
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # (original id, duplicate id) of every planted duplicate.
    duplicates: list[tuple[int, int]] = field(default_factory=list)
    first_number: int = 1
    seconds: float = 0.0

    def tally(self, drawn: _Drawn) -> None:
        self.customers += drawn.customers
        self.interactions += drawn.interactions
        self.duplicates += drawn.duplicates
        for table, count in drawn.rows.items():
            self.rows[table] += count

    @property
    def rows_total(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows_total / self.seconds if self.seconds else 0.0


def customer_base_generate(
    *,
    customers: int,
    interactions: int,
    seed: int = SEED,
    append: bool = False,
    alongside: bool = False,
    progress: bool = False,
) -> GeneratedBase:
    """Write ``customers`` customers, ``interactions`` interactions and all that goes with them."""
    if customers < 1 or interactions < 0:
        raise InvalidInput("Ask for at least one customer and no fewer than 0 interactions.")
    others = _other_customers()
    if others and not alongside:
        raise OtherCustomersPresent(
            f"This database holds {others:,} customers that no earlier run generated (a "
            "demo's, or real ones). Generate into a fresh database, or run with --alongside "
            "to add made-up customers beside them."
        )
    last = _last_number()
    if last and not append:
        raise GeneratedBaseExists(
            f"This database already holds generated customers (up to {crm_id(last)}). "
            "Run with --append to add more, or generate into a fresh database."
        )
    started = time.perf_counter()
    writer = writer_for_database()
    lengths = history_lengths(
        np.random.default_rng(seed + last), customers=customers, interactions=interactions
    )
    organisation = _organisation_ensure()
    draft = _Draft(
        cast=_cast_ensure(organisation),
        names=NamePools.draw(seed),
        now=timezone.now(),
        region=organisation.phone_region,
        writer=writer,
        first_number=last + 1,
    )
    batches: Iterator[_Drawn] = (
        _batch_draw(random.Random(f"{seed}:{last}:{batch.start}"), draft, batch)
        for batch in _batches(lengths)
    )
    if connection.vendor == "postgresql":
        batches = drawn_ahead(batches)
    base = GeneratedBase(first_number=last + 1)
    with tqdm(total=customers, unit=" customers", disable=not progress, smoothing=0.1) as bar:
        for drawn in batches:
            with transaction.atomic():
                if drawn.start == 0:
                    _run_record(organisation, customers, interactions, seed=seed, last=last)
                for model, columns, prepared in drawn.tables:
                    writer.write(model, columns, prepared)
            base.tally(drawn)
            base.seconds = time.perf_counter() - started
            bar.update(drawn.customers)
            bar.set_postfix(rows_per_s=f"{base.rows_per_second:,.0f}", refresh=False)
    writer.analyse(list(base.rows))
    base.seconds = time.perf_counter() - started
    return base


def history_lengths(rng: np.random.Generator, *, customers: int, interactions: int) -> np.ndarray:
    """How many interactions each customer has, summing to ``interactions`` exactly.

    Zipf-Mandelbrot weights 1/(rank + q), with q chosen so the busiest customer has
    about MAX_HISTORY (or a twentieth of all, if that is fewer); customers are then
    shuffled, so the busy ones are spread across the base.
    """
    ranks = np.arange(1, customers + 1, dtype=np.float64)
    top = min(MAX_HISTORY, max(1, interactions // 20))
    low, high = 0.0, float(customers)
    for _ in range(60):
        q = (low + high) / 2
        weights = 1 / (ranks + q)
        if weights[0] / weights.sum() * interactions > top:
            low = q
        else:
            high = q
    lengths = rng.multinomial(interactions, weights / weights.sum())
    rng.shuffle(lengths)
    return lengths


@dataclass(frozen=True)
class _Batch:
    start: int
    lengths: np.ndarray


def _batches(lengths: np.ndarray) -> Iterator[_Batch]:
    """Customers in order, cut where a batch reaches its interactions or its customers."""
    start = 0
    while start < len(lengths):
        within = np.cumsum(lengths[start : start + BATCH_CUSTOMERS])
        size = min(int(np.searchsorted(within, BATCH_INTERACTIONS)) + 1, len(within))
        yield _Batch(start, lengths[start : start + size])
        start += size


@dataclass
class _Draft:
    """What every batch draws from; ``originals`` counts the customers numbered so far."""

    cast: Cast
    names: NamePools
    now: datetime.datetime
    region: str
    writer: Writer
    first_number: int
    originals: int = 0


@dataclass
class _Drawn:
    """One batch, drawn and prepared for its writer: one transaction's worth."""

    start: int
    customers: int
    interactions: int
    tables: list[tuple[type[models.Model], tuple[str, ...], Any]]
    rows: dict[str, int]
    duplicates: list[tuple[int, int]]


def _batch_draw(rng: random.Random, draft: _Draft, batch: _Batch) -> _Drawn:
    """Draw one batch of customers with their histories, as rows for every table."""
    customers: list[Row] = []
    points: list[Row] = []
    rows = Rows()
    originals: list[tuple[int, Person]] = []
    duplicates: list[tuple[int, int]] = []
    for count in batch.lengths.tolist():
        customer_id = draft.writer.next_id(Customer)
        if originals and rng.random() < DUPLICATE_SHARE:
            # Each original is entered again at most once: its duplicate's values are its own.
            original_id, original = originals.pop(rng.randrange(len(originals)))
            person = duplicate_draw(rng, original)
            duplicates.append((original_id, customer_id))
        else:
            person = _person(rng, draft, draft.first_number + draft.originals)
            originals.append((customer_id, person))
            draft.originals += 1
        since = _since(rng, draft.now, count)
        customers.append(_customer_row(customer_id, person, since, draft.now))
        stored = contact_points_normalise(person, region=draft.region)
        points += [(customer_id, kind, value, "", since) for kind, value in stored]
        client = Client(
            id=customer_id,
            home_store=person.home_store,
            channels=person.preferred_channels,
            addresses=dict(reversed(stored)),  # the first of each kind
        )
        history_draw(
            rng,
            draft.cast,
            draft.writer.next_id,
            rows,
            client=client,
            count=count,
            since=since,
            now=draft.now,
        )
    tables = (
        (Customer, CUSTOMER_COLUMNS, customers),
        (ContactPoint, CONTACT_POINT_COLUMNS, points),
        (Journey, JOURNEY_COLUMNS, rows.journeys),
        (Interaction, INTERACTION_COLUMNS, rows.interactions),
        (FollowUp, FOLLOWUP_COLUMNS, rows.followups),
        (Note, NOTE_COLUMNS, rows.notes),
        (ConsentEvent, CONSENT_COLUMNS, rows.consents),
        (DECISION_TABLE, DECISION_COLUMNS, rows.decisions),
        (MESSAGE_TABLE, OUTBOUND_COLUMNS, rows.outbound),
        (InboundEvent, INBOUND_COLUMNS, rows.inbound),
        (TimelineEntry, TIMELINE_COLUMNS, [_timeline_row(line) for line in rows.timeline]),
    )
    return _Drawn(
        start=batch.start,
        customers=len(customers),
        interactions=len(rows.interactions),
        tables=[
            (model, columns, draft.writer.prepare(model, columns, table_rows))
            for model, columns, table_rows in tables
        ],
        rows={model._meta.db_table: len(table_rows) for model, _, table_rows in tables},
        duplicates=duplicates,
    )


def _person(rng: random.Random, draft: _Draft, number: int) -> Person:
    cast = draft.cast
    return person_draw(
        rng,
        draft.names,
        number=number,
        stores=cast.stores,
        advisors=cast.associates,
        today=timezone.localdate(draft.now),
    )


def _since(rng: random.Random, now: datetime.datetime, count: int) -> datetime.datetime:
    """When the customer first came: busy customers have been coming for longer."""
    days = max(rng.uniform(30, 5 * 365), count / 4)
    return now - datetime.timedelta(days=min(days, 8 * 365))


def _customer_row(
    customer_id: int, person: Person, since: datetime.datetime, now: datetime.datetime
) -> tuple[Any, ...]:
    sort_key, search_text = search_keys(person)
    return (
        customer_id,
        person.given_name,
        person.family_name,
        person.preferred_name,
        person.language,
        person.time_zone,
        person.date_of_birth,
        person.postcode,
        person.home_store.pk if person.home_store else None,
        person.advisor.pk if person.advisor else None,
        person.preferences,
        person.tags,
        sort_key,
        search_text,
        since,
        now,
    )


def _timeline_row(line: TimelineLine) -> tuple[Any, ...]:
    """The columns timeline_write() stores for a line."""
    return (
        line.customer_id,
        line.occurred_at,
        line.kind,
        line.object_id,
        line.channel,
        line.journey_id,
        line.staff_id,
        line.title[:300],
        line.text,
        line.detail or {},
    )


def _last_number() -> int:
    """The number of the last generated customer in this database, 0 if none."""
    value = (
        ContactPoint.objects.filter(kind="crm", value__startswith=CRM_PREFIX)
        .order_by("-value")
        .values_list("value", flat=True)
        .first()
    )
    return int(value.removeprefix(CRM_PREFIX)) if value else 0


def _other_customers() -> int:
    """How many customers in this database no run of ``generate`` wrote."""
    generated = sum(
        int(detail.get("customers", 0))
        for detail in AuditEvent.objects.filter(action=GENERATED).values_list("detail", flat=True)
    )
    return max(Customer.objects.count() - generated, 0)


def _run_record(
    organisation: Organisation, customers: int, interactions: int, *, seed: int, last: int
) -> None:
    audit_record(
        actor=None,
        action=GENERATED,
        subject=organisation,
        detail={
            "customers": customers,
            "interactions": interactions,
            "seed": seed,
            "after": last,
        },
    )


# --- The organisation the generated customers deal with. ---

_MINIMAL_STORES = (
    ("gen-london", "London Regent Street", "London"),
    ("gen-manchester", "Manchester Deansgate", "Manchester"),
    ("gen-edinburgh", "Edinburgh George Street", "Edinburgh"),
)


def _organisation_ensure() -> Organisation:
    return Organisation.objects.filter(pk=1).first() or organisation_configure(
        name="Everthread Generated Retail", industry=Industry.RETAIL
    )


def _cast_ensure(organisation: Organisation) -> Cast:
    """The organisation's stores, teams and front-line staff; a minimal set where missing."""
    stores = list(Store.objects.order_by("id")) or [
        store_upsert(code=code, name=name, city=city) for code, name, city in _MINIMAL_STORES
    ]
    centre = Team.objects.filter(kind=Team.Kind.CONTACT_CENTRE).order_by("id").first()
    if centre is None:
        centre = team_upsert(
            code="gen-contact-centre", name="Contact centre", kind=Team.Kind.CONTACT_CENTRE
        )
    frontline = Staff.objects.filter(is_active=True, role__in=(Role.ASSOCIATE, Role.AGENT))
    associates: dict[int, list[Staff]] = defaultdict(list)
    for member in frontline.filter(role=Role.ASSOCIATE, home_store__isnull=False):
        associates[member.home_store_id].append(member)  # type: ignore[index]
    for store in stores:
        if not associates[store.pk]:
            associates[store.pk] = [
                _staff(f"gen-{store.pk}-{n}", Role.ASSOCIATE, store=store) for n in (1, 2)
            ]
    agents = list(frontline.filter(role=Role.AGENT)) or [
        _staff(f"gen-agent-{n}", Role.AGENT, team=centre) for n in (1, 2)
    ]
    store_teams = {
        team.store_id: team
        for team in Team.objects.filter(kind=Team.Kind.STORE, store__isnull=False).order_by("-id")
        if team.store_id is not None
    }
    return Cast(
        industry=organisation.industry,
        stores=stores,
        associates=dict(associates),
        agents=agents,
        contact_centre=centre,
        store_teams=store_teams,
    )


def _staff(
    username: str, role: str, *, store: Store | None = None, team: Team | None = None
) -> Staff:
    first, last = random.Random(username).choice(
        (("Alex", "Morgan"), ("Sam", "Patel"), ("Jordan", "Lee"), ("Robin", "Clarke"))
    )
    return staff_upsert(
        username=username,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        role=role,
        home_store=store,
        teams=(team,) if team else (),
    )
