"""Generated histories at scale: journeys, interactions across channels, follow-ups, and
the messages and notes around them (``bulk_records``).

A customer's contacts come in episodes (a journey: a question, our answer, their
reply, over hours or days, sometimes moving channel) and a few stand-alone
contacts. Journeys quiet for two weeks are mostly resolved; a live one may still
wait on our reply and carry an open follow-up, overdue or due soon, for a person
or a team's queue. Rows come out as plain tuples in the columns ``bulk`` writes,
each timeline line through the product's own ``interaction_line`` and
``followup_line``, so the timeline is what recording them one by one would write.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

from django.db import models

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import TimelineLine, interaction_line
from everthread.core.models import Channel, Staff, Store, Team
from everthread.demo.bulk_records import (
    NOTE_DRAFT_SHARE,
    NOTE_SHARE,
    consents_draw,
    message_draw,
    note_draw,
)
from everthread.followups.models import FollowUp
from everthread.followups.services import followup_line

# Contacts that happen with a member of staff there, in a store or on a call.
LIVE_CHANNELS = frozenset({Channel.IN_STORE, Channel.PHONE, Channel.VIDEO})
STORE_CHANNELS = frozenset({Channel.IN_STORE, Channel.VIDEO, Channel.CLICK_AND_COLLECT})
# The channel's own message id, so a retried delivery of a generated message is one contact.
EXTERNAL_IDS: dict[str, str] = {
    Channel.EMAIL: "<{id}.gen@mail.example.com>",
    Channel.CHAT: "chat-{id}",
    Channel.SMS: "SM{id:032x}",
    Channel.WHATSAPP: "wamid.GEN{id:016d}",
    Channel.INSTAGRAM: "ig-mid.{id}",
    Channel.X: "x-dm-{id}",
    Channel.MESSENGER: "m-mid.{id}",
    Channel.WEB_FORM: "form-{id}",
    Channel.APP: "app-{id}",
    Channel.CLICK_AND_COLLECT: "cc-{id}",
}
# Plain strings, read once: an enum member's lookup costs more than the rest of a row.
INBOUND, OUTBOUND, INTERNAL = (direction.value for direction in Interaction.Direction)
OPEN, WAITING, RESOLVED = (status.value for status in Journey.Status)
CHANNELS = tuple(Channel.values)
QUIET_BEFORE_RESOLVED = datetime.timedelta(days=14)
STANDALONE_SHARE = 0.15


class Need(NamedTuple):
    """One kind of need, as generated customers bring it."""

    kind: str
    titles: tuple[str, ...]
    asks: tuple[str, ...]  # what the customer says
    answers: tuple[str, ...]  # what we say
    next_steps: tuple[str, ...]


_RETAIL = (
    Need(
        Journey.Kind.STYLING.value,
        ("Outfit for a wedding", "Capsule wardrobe for work", "Styling for a holiday"),
        ("Asked for ideas for {item}", "Sent photos of what they liked", "Asked about sizes"),
        ("Sent a shortlist of looks", "Booked a fitting", "Put pieces aside to try on"),
        ("Call to confirm the fitting", "Send the second shortlist"),
    ),
    Need(
        Journey.Kind.RETURN.value,
        ("Return of {item}", "Exchange for a smaller size", "Refund query"),
        ("Asked how to return {item}", "Said the refund has not arrived", "Sent the order number"),
        ("Explained the returns steps", "Checked the refund with payments", "Sent a label"),
        ("Check the refund has landed", "Confirm the exchange has shipped"),
    ),
    Need(
        Journey.Kind.ORDER.value,
        ("Delivery of order", "Click and collect order", "Gift order"),
        ("Asked where the order is", "Asked to change the delivery address", "Asked for gift wrap"),
        ("Tracked the parcel with the courier", "Updated the address", "Added gift wrap"),
        ("Confirm delivery with the customer",),
    ),
    Need(
        Journey.Kind.PRODUCT_ENQUIRY.value,
        ("{item} back in stock", "Care of {item}", "Fabric of {item}"),
        ("Asked when {item} is back", "Asked how to care for {item}", "Asked what it is made of"),
        ("Offered to reserve one", "Sent the care guide", "Checked with the buying team"),
        ("Call when it arrives", "Reply with the buyer's answer"),
    ),
    Need(
        Journey.Kind.SERVICE_RECOVERY.value,
        ("Late delivery complaint", "Faulty zip", "Rude experience in store"),
        ("Complained about {item}", "Said they were unhappy with the reply", "Asked for a manager"),
        ("Apologised and offered a repair", "Escalated to the store manager", "Offered a voucher"),
        ("Manager to call the customer", "Send the repair booking"),
    ),
    Need(
        Journey.Kind.GENERAL.value,
        ("Opening hours", "Loyalty points", "Gift card balance"),
        ("Asked about {item}", "Asked about loyalty points", "Asked about opening hours"),
        ("Answered the question", "Sent the points balance", "Sent the store details"),
        ("Send the points statement",),
    ),
)
_FITNESS = (
    Need(
        Journey.Kind.MEMBERSHIP.value,
        ("Membership upgrade", "Freezing a membership", "Joining as a family"),
        ("Asked about upgrading", "Asked to freeze for a month", "Asked about family rates"),
        ("Explained the options", "Froze the membership", "Sent the family price list"),
        ("Call back about the upgrade", "Confirm the freeze dates"),
    ),
    Need(
        Journey.Kind.SERVICE_RECOVERY.value,
        ("Broken locker", "Class cancelled without notice", "Billing taken twice"),
        ("Complained about {item}", "Said nobody had answered", "Asked for a refund"),
        ("Apologised and logged the fault", "Refunded the class", "Raised it with billing"),
        ("Check the refund has gone through", "Confirm the locker is fixed"),
    ),
    Need(
        Journey.Kind.GENERAL.value,
        ("Personal training", "Class timetable", "Parking at the club"),
        ("Asked about {item}", "Asked about personal training", "Asked for the timetable"),
        ("Sent the timetable", "Booked a taster session", "Answered the question"),
        ("Introduce the trainer",),
    ),
)
_HOSPITALITY = (
    Need(
        Journey.Kind.STAY.value,
        ("Anniversary stay", "Business trip", "Family weekend"),
        ("Asked for a quiet room", "Asked about early check-in", "Asked about {item}"),
        ("Noted the request on the booking", "Confirmed early check-in", "Booked a table"),
        ("Arrange flowers in the room", "Confirm the late checkout"),
    ),
    Need(
        Journey.Kind.SERVICE_RECOVERY.value,
        ("Noise complaint", "Room not ready", "Billing query"),
        ("Complained about {item}", "Said the room was not ready", "Queried the bill"),
        ("Moved them to another room", "Apologised and offered breakfast", "Corrected the bill"),
        ("Duty manager to follow up",),
    ),
    Need(
        Journey.Kind.MEMBERSHIP.value,
        ("Loyalty tier", "Points from last stay"),
        ("Asked about their tier", "Said points are missing"),
        ("Explained the tiers", "Added the missing points"),
        ("Confirm the points are on the account",),
    ),
)
NEEDS = {"retail": _RETAIL, "fitness": _FITNESS, "hospitality": _HOSPITALITY}
ITEMS = {
    "retail": ("the camel coat", "the navy blazer", "the silk dress", "the leather boots"),
    "fitness": ("the spin class", "the pool", "the sauna", "the 7am HIIT class"),
    "hospitality": ("the spa", "the restaurant", "the room", "parking"),
}
BODIES = (
    "",
    "",
    "",
    "Customer was happy with the answer.",
    "Prefers a reply by the end of the day.",
    "Mentioned they are travelling next week.",
    "Will come into the store on Saturday.",
)
OUTCOMES = ("Done; the customer thanked us.", "Called; all sorted.", "Sent; no reply needed.")


@dataclass
class Cast:
    """Who and where the generated contacts happen: read once, used for every row.

    There is always at least one store and one agent (``bulk`` sets them up if missing).
    """

    industry: str
    stores: list[Store]
    associates: dict[int, list[Staff]]  # by store id
    agents: list[Staff]
    contact_centre: Team
    store_teams: dict[int, Team]


class InteractionRow(NamedTuple):
    """An interaction's columns, as ``interaction_line`` reads them from an Interaction."""

    pk: int
    customer_id: int
    journey_id: int | None
    channel: str
    direction: str
    occurred_at: datetime.datetime
    staff_id: int | None
    store_id: int | None
    team_id: int | None
    summary: str
    body: str
    external_id: str
    recorded_at: datetime.datetime
    # The related rows str() reads for the timeline's detail; not columns.
    staff: Staff | None
    store: Store | None
    team: Team | None


INTERACTION_COLUMNS = (
    "id", "customer_id", "journey_id", "channel", "direction", "occurred_at", "staff_id",
    "store_id", "team_id", "summary", "body", "external_id", "recorded_at",
)  # fmt: skip
JOURNEY_COLUMNS = (
    "id", "customer_id", "kind", "title", "status", "owner_id", "channels",
    "awaiting_reply_since", "where_it_stands", "opened_at", "last_activity_at", "resolved_at",
    "opened_by_id",
)  # fmt: skip
FOLLOWUP_COLUMNS = (
    "id", "customer_id", "journey_id", "interaction_id", "kind", "title", "detail", "owner_id",
    "team_id", "due_at", "status", "outcome", "reply_channel", "created_by_id", "created_at",
    "closed_at", "closed_by_id", "reminded_at", "escalated_at", "escalated_to_id",
)  # fmt: skip


@dataclass
class Rows:
    """A batch's rows for each table, in the columns above, and their timeline lines."""

    journeys: list[tuple[Any, ...]] = field(default_factory=list)
    interactions: list[tuple[Any, ...]] = field(default_factory=list)
    followups: list[tuple[Any, ...]] = field(default_factory=list)
    timeline: list[TimelineLine] = field(default_factory=list)
    decisions: list[tuple[Any, ...]] = field(default_factory=list)
    outbound: list[tuple[Any, ...]] = field(default_factory=list)
    inbound: list[tuple[Any, ...]] = field(default_factory=list)
    notes: list[tuple[Any, ...]] = field(default_factory=list)
    consents: list[tuple[Any, ...]] = field(default_factory=list)


# Hands out an id for a new row of the model that the database will give nobody else.
NextId = Callable[[type[models.Model]], int]


@dataclass(frozen=True)
class Client:
    """What a history needs to know about its customer."""

    id: int
    home_store: Store | None
    channels: tuple[str, ...]
    # Contact kind → the customer's first stored value of it: where messages go and come from.
    addresses: dict[str, str] = field(default_factory=dict)


def history_draw(
    rng: random.Random,
    cast_: Cast,
    next_id: NextId,
    rows: Rows,
    *,
    client: Client,
    count: int,
    since: datetime.datetime,
    now: datetime.datetime,
) -> None:
    """``count`` interactions of ``client`` between ``since`` and ``now``, into ``rows``, and
    the consent ledger that goes with them."""
    consents_draw(rng, cast_, next_id, rows, client=client, count=count, since=since, now=now)
    left = count
    span = (now - since).total_seconds()
    while left > 0:
        start = since + datetime.timedelta(seconds=rng.random() * span)
        size = 1 if rng.random() < STANDALONE_SHARE else rng.choice((2, 2, 3, 3, 4, 5, 6, 8))
        size = min(size, left)
        if size == 1:
            channel = rng.choice(client.channels)
            contact = _contact(
                rng, cast_, next_id, rows, client, None, _need(rng, cast_), 0, channel, start
            )
            message_draw(rng, cast_, next_id, rows, client, contact)
        else:
            _journey(
                rng, cast_, next_id, rows, client, size=size, start=start, since=since, now=now
            )
        left -= size


def _need(rng: random.Random, cast_: Cast) -> Need:
    return rng.choice(NEEDS.get(cast_.industry, _RETAIL))


def _item(rng: random.Random, cast_: Cast) -> str:
    return rng.choice(ITEMS.get(cast_.industry, ITEMS["retail"]))


def _journey(
    rng: random.Random,
    cast_: Cast,
    next_id: NextId,
    rows: Rows,
    client: Client,
    *,
    size: int,
    start: datetime.datetime,
    since: datetime.datetime,
    now: datetime.datetime,
) -> None:
    need = _need(rng, cast_)
    journey_id = next_id(Journey)
    # Minutes to days between contacts. A journey that would run past now starts anywhere it
    # fits instead: ending each of them at now piled tens of thousands of contacts on the
    # hour the base was made.
    gaps = [datetime.timedelta(minutes=rng.randint(5, 3 * 24 * 60)) for _ in range(size)]
    latest = now - sum(gaps, datetime.timedelta())
    at = start if start <= latest else min(latest, since + (latest - since) * rng.random())
    channel = rng.choice(client.channels)
    contacts: list[InteractionRow] = []
    for position, gap in enumerate(gaps):
        if position and rng.random() < 0.1:
            channel = rng.choice(CHANNELS)  # the customer moved to another channel
        at += gap
        contact = _contact(
            rng, cast_, next_id, rows, client, journey_id, need, position, channel, at
        )
        message_draw(rng, cast_, next_id, rows, client, contact)
        contacts.append(contact)
    rows.journeys.append(_journey_row(rng, cast_, need, journey_id, client, contacts, now))
    # A saved handover note opens its next step's follow-up; a draft opens none.
    noted = any(c.staff for c in contacts) and rng.random() < NOTE_SHARE
    drafted = noted and rng.random() < NOTE_DRAFT_SHARE
    followup = _followup(
        rng, cast_, next_id, client, journey_id, need, contacts, now, forced=noted and not drafted
    )
    if followup is not None:
        rows.followups.append(tuple(getattr(followup, name) for name in FOLLOWUP_COLUMNS))
        rows.timeline.append(followup_line(followup))
    if noted:
        note_draw(rng, next_id, rows, need, contacts, None if drafted else followup, now)


def _contact(
    rng: random.Random,
    cast_: Cast,
    next_id: NextId,
    rows: Rows,
    client: Client,
    journey_id: int | None,
    need: Need,
    position: int,
    channel: str,
    at: datetime.datetime,
) -> InteractionRow:
    if position and rng.random() < 0.05:
        direction, lines = INTERNAL, need.next_steps
    elif position % 2 == 0:
        direction, lines = INBOUND, need.asks
    else:
        direction, lines = OUTBOUND, need.answers
    staff, store, team = _who(rng, cast_, client, channel, direction)
    pk = next_id(Interaction)
    template = EXTERNAL_IDS.get(channel, "")
    row = InteractionRow(
        pk=pk,
        customer_id=client.id,
        journey_id=journey_id,
        channel=channel,
        direction=direction,
        occurred_at=at,
        staff_id=staff.pk if staff else None,
        store_id=store.pk if store else None,
        team_id=team.pk if team else None,
        summary=rng.choice(lines).format(item=_item(rng, cast_)),
        body=rng.choice(BODIES),
        external_id=template.format(id=pk) if direction != INTERNAL else "",
        recorded_at=at,
        staff=staff,
        store=store,
        team=team,
    )
    rows.interactions.append(row[: len(INTERACTION_COLUMNS)])
    # The product's own mapping: the stand-in has every attribute interaction_line reads.
    rows.timeline.append(interaction_line(cast(Interaction, row)))
    return row


def _who(
    rng: random.Random, cast_: Cast, client: Client, channel: str, direction: str
) -> tuple[Staff | None, Store | None, Team | None]:
    """Who took part: nobody yet for a message that just arrived; else store or contact centre."""
    if channel in STORE_CHANNELS:
        store = client.home_store or rng.choice(cast_.stores)
        staff = rng.choice(cast_.associates.get(store.pk) or cast_.agents)
        return staff, store, cast_.store_teams.get(store.pk)
    if direction == INBOUND and channel not in LIVE_CHANNELS:
        return None, None, cast_.contact_centre
    return rng.choice(cast_.agents), None, cast_.contact_centre


def _journey_row(
    rng: random.Random,
    cast_: Cast,
    need: Need,
    journey_id: int,
    client: Client,
    contacts: list[InteractionRow],
    now: datetime.datetime,
) -> tuple[Any, ...]:
    first, last = contacts[0], contacts[-1]
    channels = list(dict.fromkeys(contact.channel for contact in contacts))
    owner = next((c.staff for c in contacts if c.staff is not None), None)
    quiet = now - last.occurred_at > QUIET_BEFORE_RESOLVED
    status = RESOLVED if quiet and rng.random() < 0.95 else OPEN
    awaiting = None
    if status != RESOLVED and last.direction == INBOUND:
        awaiting = last.occurred_at
    elif status != RESOLVED and rng.random() < 0.5:
        status = WAITING
    title = rng.choice(need.titles).format(item=_item(rng, cast_))
    return (
        journey_id,
        client.id,
        need.kind,
        title[:200],
        status,
        owner.pk if owner else None,
        channels,
        awaiting,
        "" if status == RESOLVED else rng.choice(need.answers).format(item="it"),
        first.occurred_at,
        last.occurred_at,
        last.occurred_at if status == RESOLVED else None,
        first.staff_id,
    )


def _followup(
    rng: random.Random,
    cast_: Cast,
    next_id: NextId,
    client: Client,
    journey_id: int,
    need: Need,
    contacts: list[InteractionRow],
    now: datetime.datetime,
    *,
    forced: bool = False,
) -> FollowUp | None:
    """Some live journeys carry an open follow-up, a few finished ones a done one (and any
    ``forced`` to: a note's next step)."""
    last = contacts[-1]
    live = now - last.occurred_at <= QUIET_BEFORE_RESOLVED
    if rng.random() >= (0.5 if live else 0.08) and not forced:
        return None
    owner = next((c.staff for c in reversed(contacts) if c.staff is not None), None)
    team = None
    if owner is None or rng.random() < 0.2:
        owner, team = None, last.team or cast_.contact_centre
    created_by = owner or rng.choice(cast_.agents)
    if live:
        due, closed = now + datetime.timedelta(hours=rng.randint(-4 * 24, 7 * 24)), None
    else:
        # Promised for within three days; most were done by then, some late.
        due = last.occurred_at + datetime.timedelta(hours=rng.randint(2, 72))
        closed = last.occurred_at + datetime.timedelta(minutes=rng.randint(20, 80 * 60))
    return FollowUp(
        pk=next_id(FollowUp),
        customer_id=client.id,
        journey_id=journey_id,
        interaction_id=last.pk,
        kind=FollowUp.Kind.TASK.value,
        title=rng.choice(need.next_steps),
        detail="",
        owner=owner,
        team=team,
        due_at=due,
        status=(FollowUp.Status.OPEN if live else FollowUp.Status.DONE).value,
        outcome="" if live else rng.choice(OUTCOMES),
        reply_channel="",
        created_by=created_by,
        created_at=last.occurred_at,
        closed_at=closed,
        closed_by=None if live else created_by,
    )
