"""Reads of the consent ledger: each customer's state derived from their history in 1 query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from everthread.consent.ledger import ConsentState, Standing, standing_derive
from everthread.consent.models import ConsentEvent
from everthread.core.pagination import time_keyset_page

Kind = ConsentEvent.Kind


@dataclass(frozen=True)
class ConsentAtAGlance:
    """What the customer page shows: the standing, and how long the history behind it is."""

    standing: Standing
    history_length: int


def consent_history(*, customer_id: int) -> list[ConsentEvent]:
    """Every consent event of the customer, oldest first, with who recorded it, in 1 query."""
    return list(
        ConsentEvent.objects.filter(customer_id=customer_id)
        .select_related("recorded_by")
        .order_by("occurred_at", "id")
    )


def consent_history_page(
    *, customer_id: int, after: str | None = None, limit: int | None = None
) -> tuple[list[ConsentEvent], str | None]:
    """A page of the customer's consent events, newest first, with who recorded each, and
    the cursor to the older ones (None on the last page); 1 query."""
    events = ConsentEvent.objects.filter(customer_id=customer_id).select_related("recorded_by")
    return time_keyset_page(
        events,
        by="occurred_at",
        after=after,
        limit=limit or settings.PAGE_SIZE,
        newest_first=True,
    )


def _glances(customer_ids: list[int]) -> dict[int, ConsentAtAGlance]:
    """Each customer's standing and history length, from the events it depends on only.

    A cell ends on the latest grant or withdrawal of its channel and purpose, or on an
    objection: an earlier grant or withdrawal is always overridden by a later one, or by
    the objection that blocks a later grant. Every other event is kept: soft opt-ins,
    objections, do not contact and flags are few, and whether a grant is blocked depends
    on every objection. The database leaves out the rest, so a customer who has changed
    their mind 200 times costs about what one with a few choices does. (One window and
    one condition: each more costs the query's building about a millisecond.)
    """
    cell = [F("customer_id"), F("channel"), F("purpose"), F("kind")]
    choices = [Kind.GRANTED, Kind.WITHDRAWN]
    rows = (
        ConsentEvent.objects.filter(customer_id__in=customer_ids)
        .annotate(
            newest=Window(
                RowNumber(), partition_by=cell, order_by=[F("occurred_at").desc(), F("id").desc()]
            ),
            history_length=Window(Count("id"), partition_by=[F("customer_id")]),
        )
        .filter(Q(kind__in=choices, newest=1) | ~Q(kind__in=choices))
        .select_related("recorded_by")
        .order_by("occurred_at", "id")
    )
    events: dict[int, list[ConsentEvent]] = defaultdict(list)
    lengths: dict[int, int] = {}
    for event in rows:
        events[event.customer_id].append(event)
        # Annotated by the window above; the type stubs lose annotations through filter().
        lengths[event.customer_id] = event.history_length  # type: ignore[attr-defined]
    return {
        customer_id: ConsentAtAGlance(
            standing_derive(events[customer_id]), lengths.get(customer_id, 0)
        )
        for customer_id in customer_ids
    }


def consent_at_a_glance(*, customer_id: int) -> ConsentAtAGlance:
    """The customer's consent now and how many events the history holds, in 1 query."""
    return _glances([customer_id])[customer_id]


def consent_standing(*, customer_id: int) -> Standing:
    """The customer's consent now: every cell, objection, do not contact, flags; 1 query."""
    return _glances([customer_id])[customer_id].standing


def consent_histories(*, customer_ids: Iterable[int]) -> dict[int, list[ConsentEvent]]:
    """consent_history for many customers at once, by customer, in 1 query."""
    events: dict[int, list[ConsentEvent]] = defaultdict(list)
    rows = ConsentEvent.objects.filter(customer_id__in=list(customer_ids))
    for event in rows.select_related("recorded_by").order_by("occurred_at", "id"):
        events[event.customer_id].append(event)
    return events


def consent_standings(*, customer_ids: Iterable[int]) -> dict[int, Standing]:
    """consent_standing for many customers at once (the composer's client list), in 1 query."""
    glances = _glances(list(customer_ids))
    return {customer_id: glance.standing for customer_id, glance in glances.items()}


def consent_state(*, customer_id: int, channel: str, purpose: str) -> ConsentState:
    """The state of one channel and purpose, the basis, and the event it comes from."""
    return consent_standing(customer_id=customer_id).state(channel, purpose)


def consent_grid(*, customer_id: int) -> list[tuple[str, list[ConsentState]]]:
    """Every channel with its state for every purpose, at a glance, in 1 query."""
    return consent_standing(customer_id=customer_id).rows()
