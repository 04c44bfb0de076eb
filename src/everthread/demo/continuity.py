"""Months of continuity to measure: the dashboards need history older than a working week.

After the generated customers' recent histories, some of them get an older journey (two
to seven months ago) that crossed channels and was resolved, with the follow-up it
carried done on time, late, or after an escalation; journeys resolved during the load
are dated to when they went quiet; a few dozen service messages show how each channel
sounds; and customers answer "did you have to repeat yourself?" for some resolved
journeys. Everything goes through the services staff use; only clocks are moved back,
as ``followup_age`` does.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import F, QuerySet

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import JourneyStart, timeline_write
from everthread.core.models import Channel, Role, Staff
from everthread.customers.models import ContactPoint, Customer
from everthread.demo.cast import Cast
from everthread.demo.generated import SEED
from everthread.demo.organisations import Thread
from everthread.followups.models import FollowUp
from everthread.followups.services import (
    FollowUpDraft,
    followup_complete,
    followup_line,
    followup_open,
)
from everthread.insights.services import survey_answer, survey_send
from everthread.insights.survey_links import survey_token
from everthread.outreach.services import outreach_send

HOUR = datetime.timedelta(hours=1)
OLDER_JOURNEYS = 80
MESSAGES = 36
SURVEYS = 40
# How each channel's messages sound: the social team warm, the email desk curt at times.
BODIES = {
    "email": (
        "Hello {name}, thank you for your patience: your order is ready to collect at the "
        "store. Kind regards, the Harlow & Finch team",
        "Order ready.",
        "Collect from store.",
    ),
    "sms": (
        "Hi {name}, lovely news: your alteration is ready. See you soon, Harlow & Finch",
        "Hi {name}, thanks for waiting: it is ready for you in store. Harlow & Finch",
    ),
}


def continuity_history(*, cast: Cast, threads: list[Thread], channels: list[str]) -> list[bool]:
    """Add the older history and the answers; per older journey, whether this run told it
    (an earlier run's are kept, and then nothing more is sent or answered)."""
    rng = random.Random(f"{SEED}:continuity")
    # The stories' customers keep exactly the histories their stories tell.
    generated = Customer.objects.exclude(pk__in=[c.pk for c in cast.customers.values()])
    customers = list(
        generated.filter(journeys__isnull=False).distinct().order_by("pk")[:OLDER_JOURNEYS]
    )
    told = [
        _older_journey(cast, customer, number, threads, channels)
        for number, customer in enumerate(customers)
    ]
    if any(told):
        Journey.objects.filter(
            customer__in=generated,
            status=Journey.Status.RESOLVED,
            resolved_at__gte=cast.now,
            last_activity_at__lt=cast.now - 24 * HOUR,
        ).update(resolved_at=F("last_activity_at") + 2 * HOUR)
        _messages(rng, cast, generated)
        _surveys(rng, generated)
    return told


def _older_journey(
    cast: Cast, customer: Customer, number: int, threads: list[Thread], channels: list[str]
) -> bool:
    # Drawn from the customer's own generator (by their place in the list, which ids do not
    # change): a second run draws the same and finds it told, a fresh load tells the same.
    rng = random.Random(f"{SEED}:continuity:{number}")
    thread = rng.choice(threads)
    agents = [m for m in cast.staff.values() if m.role in (Role.AGENT, Role.ASSOCIATE)]
    owner = rng.choice(agents)
    start = cast.days_ago(rng.randint(60, 210), rng.randint(9, 16), rng.randrange(0, 60, 5))
    first_channel, second_channel = rng.choice(channels), rng.choice(channels)
    moments = [start, start + rng.randint(5, 240) * datetime.timedelta(minutes=1)]
    moments += [moments[1] + rng.randint(4, 96) * HOUR]
    moments += [moments[2] + rng.randint(0, 180) * datetime.timedelta(minutes=1)]
    journey, promise = None, None
    for line, (text, moment) in enumerate(zip(thread.lines[:4], moments, strict=False)):
        channel = first_channel if line < 2 else second_channel
        interaction, new = cast.contact(
            customer,
            key=f"older-{customer.pk}-{line}",
            channel=channel,
            direction=Interaction.Direction.OUTBOUND if line % 2 else Interaction.Direction.INBOUND,
            at=moment,
            summary=text,
            staff=owner,
            store=customer.home_store if channel == Channel.IN_STORE else None,
            journey=journey,
            start=None if journey else JourneyStart(thread.kind, thread.title, owner=owner),
        )
        if not new:
            return False
        journey = interaction.journey
        promise = promise or (interaction if line == 1 else None)
    if journey is None:
        return False
    last = moments[min(len(thread.lines), 4) - 1]
    Journey.objects.filter(pk=journey.pk).update(
        status=Journey.Status.RESOLVED, resolved_at=last + 2 * HOUR, awaiting_reply_since=None
    )
    if rng.random() < 0.8:
        _kept_promise(rng, cast, customer, journey, promise, thread, owner, promised=moments[1])
    return True


def _kept_promise(
    rng: random.Random,
    cast: Cast,
    customer: Customer,
    journey: Journey,
    promise: Interaction | None,
    thread: Thread,
    owner: Staff,
    *,
    promised: datetime.datetime,
) -> None:
    """A next step done: mostly on time, some late, a few only after an escalation."""
    followup = followup_open(
        customer=customer,
        actor=owner,
        draft=FollowUpDraft(
            title=thread.next_step,
            due_at=cast.now + 24 * HOUR,
            owner=owner,
            journey=journey,
            interaction=promise,
        ),
    )
    followup_complete(followup_id=followup.pk, actor=owner, outcome="Done as promised.")
    due = promised + rng.randint(24, 72) * HOUR
    roll = rng.random()
    closed = due - rng.randint(1, 20) * HOUR if roll < 0.75 else due + rng.randint(2, 48) * HOUR
    escalated = due + HOUR if roll > 0.9 else None
    FollowUp.objects.filter(pk=followup.pk).update(
        created_at=promised,
        due_at=due,
        closed_at=closed,
        escalated_at=escalated,
        escalated_to=owner.manager if escalated else None,
    )
    followup.refresh_from_db()
    timeline_write(followup_line(followup))


def _messages(rng: random.Random, cast: Cast, generated: QuerySet[Customer]) -> None:
    actor = cast.staff.get("chloe") or next(iter(cast.staff.values()))
    for channel, kind in (("email", "email"), ("sms", "phone")):
        points = ContactPoint.objects.filter(kind=kind, customer__in=generated)
        points = points.select_related("customer")
        for point in points.order_by("pk")[: MESSAGES // 2]:
            body = rng.choice(BODIES[channel]).format(name=point.customer.given_name)
            outreach_send(
                customer=point.customer,
                channel=channel,
                purpose="service",
                body=body,
                actor=actor,
                address=point.value,
                at=cast.days_ago(rng.randint(1, 60), 11),
            )


def _surveys(rng: random.Random, generated: QuerySet[Customer]) -> None:
    resolved = Journey.objects.filter(
        status=Journey.Status.RESOLVED,
        customer__in=generated,
        customer__contact_points__kind="email",
        owner__isnull=False,
    ).exclude(resolved_at=None)
    for journey in resolved.distinct().order_by("-resolved_at", "-pk")[:SURVEYS]:
        if journey.resolved_at is None:
            continue
        asked = journey.resolved_at + HOUR
        survey = survey_send(journey_id=journey.pk, at=asked, sender=journey.owner)
        if survey is None or survey.message_id is None or rng.random() < 0.3:
            continue
        answer = "yes" if rng.random() < 0.2 else "no"
        survey_answer(token=survey_token(survey_id=survey.pk), answer=answer, at=asked + 20 * HOUR)
