"""Generated customers' histories: a working week's contacts, journeys, notes and follow-ups.

Drawn from a generator seeded with the customer's CRM id, so customer 42 has the same
history on every run; times count back from the moment the demo is loaded. Some
journeys are resolved, some open and waiting on us; some open ones carry a follow-up
that is overdue, due today or due later, for a person or a team queue, so every
member of staff's day has something in it.
"""

from __future__ import annotations

import datetime
import random

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import JourneyStart, journey_update
from everthread.core.models import Channel, Role, Staff
from everthread.customers.models import Customer
from everthread.demo.cast import Cast, followup_age
from everthread.demo.generated import SEED
from everthread.demo.organisations import Thread
from everthread.followups.services import FollowUpDraft, followup_open
from everthread.notes.services import NoteDraft, note_save

# Contacts staff take part in as they happen; in the rest a customer's message arrives alone.
LIVE_CHANNELS = frozenset({Channel.IN_STORE, Channel.PHONE, Channel.VIDEO})
# How many journeys a generated customer has had, and how likely each number is.
JOURNEY_COUNTS, JOURNEY_WEIGHTS = (0, 1, 2, 3), (3, 4, 2, 1)


def history_write(
    *, cast: Cast, customer: Customer, crm_id: str, threads: list[Thread], channels: list[str]
) -> int | None:
    """Tell one generated customer's history: how many journeys; None if an earlier run
    told it."""
    rng = random.Random(f"{SEED}:{crm_id}:history")
    count = rng.choices(JOURNEY_COUNTS, JOURNEY_WEIGHTS)[0]
    # Older journeys first, so the newest is the one most likely still open.
    ages = sorted((_age(rng) for _ in range(count)), reverse=True)
    for number, age in enumerate(ages, 1):
        thread, channel = rng.choice(threads), rng.choice(channels)
        owner = _owner(rng, cast, customer, channel=channel)
        length = rng.randint(1, len(thread.lines))
        if age > 1 and length % 2:
            length += 1  # only the last day or two's messages still wait for our answer
        journey = _journey_tell(
            rng,
            cast,
            customer,
            lines=thread.lines[:length],
            start=JourneyStart(thread.kind, thread.title, owner=owner),
            channels=(channel, channels),
            age=age,
            key=f"{crm_id}-{number}",
        )
        if journey is None:
            return None
        if (age > 10 and rng.random() < 0.85) or rng.random() < 0.25:
            journey_update(journey=journey, actor=owner, status=Journey.Status.RESOLVED)
        elif rng.random() < 0.7:
            # What we have done so far: our side of the lines told.
            tried = " ".join(thread.lines[1:length:2])
            _next_step(rng, cast, customer, thread, journey=journey, age=age, tried=tried)
    return len(ages)


def _age(rng: random.Random) -> int:
    """Days since a journey's last contact: most are recent, a few go back months."""
    return min(int(rng.expovariate(1 / 12)), 180)


def _owner(rng: random.Random, cast: Cast, customer: Customer, *, channel: str) -> Staff:
    """Who looks after the need: someone at the customer's store for a visit and for some
    of the rest, otherwise the remote team."""
    frontline = [m for m in cast.staff.values() if m.role in (Role.ASSOCIATE, Role.AGENT)]
    local = [m for m in frontline if m.home_store_id and m.home_store_id == customer.home_store_id]
    if local and (channel == Channel.IN_STORE or rng.random() < 0.4):
        return rng.choice(local)
    remote = [m for m in frontline if m.role == Role.AGENT]
    return rng.choice(remote or frontline)


def _journey_tell(
    rng: random.Random,
    cast: Cast,
    customer: Customer,
    *,
    lines: tuple[str, ...],
    start: JourneyStart,
    channels: tuple[str, list[str]],
    age: int,
    key: str,
) -> Journey | None:
    """The lines as contacts, the customer's first, the last ``age`` days ago, now and then
    moving to another channel; None if an earlier run recorded them."""
    days = [age + rng.randint(0, 4) for _ in lines[1:]]
    moments = sorted(_moment(rng, cast, days_ago=day) for day in [*days, age])
    channel, others = channels
    journey: Journey | None = None
    for line, (text, moment) in enumerate(zip(lines, moments, strict=True)):
        if line and rng.random() < 0.25:
            channel = rng.choice(others)
        outbound = line % 2 == 1
        interaction, new = cast.contact(
            customer,
            key=f"{key}-{line + 1}",
            channel=channel,
            direction=Interaction.Direction.OUTBOUND if outbound else Interaction.Direction.INBOUND,
            at=moment,
            summary=text,
            staff=start.owner if outbound or channel in LIVE_CHANNELS else None,
            store=customer.home_store if channel == Channel.IN_STORE else None,
            journey=journey,
            start=None if journey else start,
        )
        if not new:
            return None
        journey = interaction.journey
    return journey


def _moment(rng: random.Random, cast: Cast, *, days_ago: int) -> datetime.datetime:
    """A time in opening hours that many days ago; today's are in the hours just gone."""
    if days_ago == 0:
        return cast.now - datetime.timedelta(minutes=rng.randint(10, 300))
    return cast.days_ago(days_ago, rng.randint(9, 19), rng.randrange(0, 60, 5))


def _next_step(
    rng: random.Random,
    cast: Cast,
    customer: Customer,
    thread: Thread,
    *,
    journey: Journey,
    age: int,
    tried: str,
) -> None:
    """An open journey's next step: overdue, due today or later, for its owner or their
    team's queue; some are agreed in a handover note."""
    actor = journey.owner
    assert actor is not None  # every generated journey starts with an owner
    team = cast.teams_of[actor.username][0] if rng.random() < 0.25 else None
    owner = None if team else actor
    roll = rng.random()
    if age >= 2 and roll < 0.35:
        followup = followup_open(
            customer=customer,
            actor=actor,
            draft=FollowUpDraft(
                title=thread.next_step,
                due_at=cast.now + datetime.timedelta(hours=1),
                owner=owner,
                team=team,
                journey=journey,
            ),
        )
        followup_age(
            followup,
            created_at=journey.last_activity_at + datetime.timedelta(minutes=10),
            due_at=cast.days_ago(rng.randint(1, age - 1), rng.choice((10, 12, 17))),
        )
        return
    if roll < 0.75:
        due = cast.later_today(rng.random())
    else:
        due = cast.at(cast.today + datetime.timedelta(days=rng.randint(1, 8)), rng.randint(9, 17))
    if rng.random() < 0.3:
        note_save(
            customer=customer,
            author=actor,
            draft=NoteDraft(
                wants=thread.wants,
                tried=tried,
                next_step=thread.next_step,
                next_step_owner=owner,
                next_step_team=team,
                next_step_due=due,
                journey=journey,
            ),
        )
        return
    followup_open(
        customer=customer,
        actor=actor,
        draft=FollowUpDraft(
            title=thread.next_step, due_at=due, owner=owner, team=team, journey=journey
        ),
    )
