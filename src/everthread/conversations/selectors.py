"""Reads of the timeline, journeys and last contacts, each with its query budget."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.db.models.expressions import RawSQL

from everthread.conversations.errors import InteractionNotFound, JourneyNotFound
from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.core.errors import InvalidInput
from everthread.core.models import Channel
from everthread.core.pagination import cursor_decode, cursor_encode, cursor_instant
from everthread.customers.models import Customer

# The journeys a customer page lists: all open ones, then the latest resolved.
JOURNEYS_SHOWN = 12


@dataclass(frozen=True)
class TimelinePage:
    entries: list[TimelineEntry]
    next_cursor: str | None


def timeline_page(
    *,
    customer_id: int,
    channel: str = "",
    journey_id: int | None = None,
    after: str | None = None,
    limit: int | None = None,
) -> TimelinePage:
    """A page of the timeline, newest first, in 1 query however long the history.

    Paginated by the stable key (occurred_at, id): entries recorded while staff
    page never make a page skip or repeat one.
    """
    if channel and channel not in Channel.values:
        raise InvalidInput(f"“{channel}” is not a channel.", field="channel")
    limit = limit or settings.PAGE_SIZE
    entries = TimelineEntry.objects.filter(customer_id=customer_id)
    if channel:
        entries = entries.filter(channel=channel)
    if journey_id is not None:
        entries = entries.filter(journey_id=journey_id)
    if after:
        stamp, last_id = cursor_decode(after, str, int)
        occurred_at = cursor_instant(stamp)
        entries = entries.filter(
            Q(occurred_at__lt=occurred_at) | Q(occurred_at=occurred_at, id__lt=last_id)
        )
    rows = list(entries.order_by("-occurred_at", "-id")[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        next_cursor = cursor_encode(rows[limit - 1].occurred_at.isoformat(), rows[limit - 1].pk)
    return TimelinePage(entries=rows[:limit], next_cursor=next_cursor)


def journeys_of(*, customer_id: int, limit: int = JOURNEYS_SHOWN) -> list[Journey]:
    """Open journeys first (latest activity first), then recently resolved ones; 1 query."""
    return list(
        Journey.objects.filter(customer_id=customer_id)
        .select_related("owner")
        .annotate(resolved=Q(status=Journey.Status.RESOLVED))
        .order_by("resolved", "-last_activity_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class JourneyPage:
    journeys: list[Journey]
    next_cursor: str | None


def journeys_page(
    *, customer_id: int, after: str | None = None, limit: int | None = None
) -> JourneyPage:
    """A customer's journeys, open ones first, latest activity first; 1 query, any page.

    The sort key is (resolved, last_activity_at, id), so the cursor carries all three.
    """
    limit = limit or settings.PAGE_SIZE
    journeys = Journey.objects.filter(customer_id=customer_id).select_related("owner")
    if after:
        resolved, stamp, last_id = cursor_decode(after, bool, str, int)
        at = cursor_instant(stamp)
        later = Q(last_activity_at__lt=at) | Q(last_activity_at=at, id__lt=last_id)
        is_resolved = Q(status=Journey.Status.RESOLVED)
        journeys = journeys.filter(is_resolved & later if resolved else is_resolved | later)
    rows: list[Journey] = list(
        journeys.annotate(resolved=Q(status=Journey.Status.RESOLVED)).order_by(
            "resolved", "-last_activity_at", "-id"
        )[: limit + 1]
    )
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = cursor_encode(not last.is_open, last.last_activity_at.isoformat(), last.pk)
    return JourneyPage(journeys=rows[:limit], next_cursor=next_cursor)


def journey_get(*, journey_id: int) -> Journey:
    """One journey with its customer and owner; 1 query."""
    journey = Journey.objects.select_related("customer", "owner").filter(pk=journey_id).first()
    if journey is None:
        raise JourneyNotFound(f"There is no journey with id {journey_id}.")
    return journey


def interaction_get(*, interaction_id: int, customer_id: int | None = None) -> Interaction:
    """One interaction with who recorded it and where; 1 query."""
    rows = Interaction.objects.select_related("staff", "store", "team", "journey")
    if customer_id is not None:
        rows = rows.filter(customer_id=customer_id)
    interaction = rows.filter(pk=interaction_id).first()
    if interaction is None:
        whose = "" if customer_id is None else f" for customer {customer_id}"
        raise InteractionNotFound(f"There is no interaction with id {interaction_id}{whose}.")
    return interaction


# One indexed probe per channel (interaction_channel: customer, channel, -occurred_at) for
# its latest contact. A window over the whole history read and sorted every interaction:
# 57 ms for a customer with 10,000 (bench/customer_page.py), this is about 1 ms at any length.
_LATEST_IN_CHANNEL = (
    '(SELECT "id" FROM "conversations_interaction" WHERE "customer_id" = %s AND "channel" = %s'
    ' AND "direction" <> %s ORDER BY "occurred_at" DESC, "id" DESC LIMIT 1)'
)
_LATEST_IN_EACH_CHANNEL = ", ".join([_LATEST_IN_CHANNEL] * len(Channel.values))


def last_contacts(*, customer_id: int) -> list[Interaction]:
    """The latest interaction in each channel the customer has used, newest first; 1 query."""
    params = [
        value
        for channel in Channel.values
        for value in (customer_id, channel, Interaction.Direction.INTERNAL.value)
    ]
    latest = Interaction.objects.filter(
        pk__in=RawSQL(_LATEST_IN_EACH_CHANNEL, params)
    ).select_related("staff")
    return sorted(latest, key=lambda interaction: interaction.occurred_at, reverse=True)


def journey_of(*, customer: Customer, journey_id: int) -> Journey:
    journey = Journey.objects.filter(pk=journey_id, customer=customer).first()
    if journey is None:
        raise JourneyNotFound(
            f"{customer} has no journey with id {journey_id}.", field="journey_id"
        )
    return journey
