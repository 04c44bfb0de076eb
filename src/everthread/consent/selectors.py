"""Reads of the consent ledger: each customer's state derived from their history in 1 query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from everthread.consent.ledger import ConsentState, Standing, standing_derive
from everthread.consent.models import ConsentEvent


def consent_history(*, customer_id: int) -> list[ConsentEvent]:
    """Every consent event of the customer, oldest first, with who recorded it, in 1 query."""
    return list(
        ConsentEvent.objects.filter(customer_id=customer_id)
        .select_related("recorded_by")
        .order_by("occurred_at", "id")
    )


def consent_standing(*, customer_id: int) -> Standing:
    """The customer's consent now: every cell, objection, do not contact, flags; 1 query."""
    return standing_derive(consent_history(customer_id=customer_id))


def consent_histories(*, customer_ids: Iterable[int]) -> dict[int, list[ConsentEvent]]:
    """consent_history for many customers at once, by customer, in 1 query."""
    events: dict[int, list[ConsentEvent]] = defaultdict(list)
    rows = ConsentEvent.objects.filter(customer_id__in=list(customer_ids))
    for event in rows.select_related("recorded_by").order_by("occurred_at", "id"):
        events[event.customer_id].append(event)
    return events


def consent_standings(*, customer_ids: Iterable[int]) -> dict[int, Standing]:
    """consent_standing for many customers at once (the composer's client list), in 1 query."""
    ids = list(customer_ids)
    events = consent_histories(customer_ids=ids)
    return {customer_id: standing_derive(events[customer_id]) for customer_id in ids}


def consent_state(*, customer_id: int, channel: str, purpose: str) -> ConsentState:
    """The state of one channel and purpose, the basis, and the event it comes from."""
    return consent_standing(customer_id=customer_id).state(channel, purpose)


def consent_grid(*, customer_id: int) -> list[tuple[str, list[ConsentState]]]:
    """Every channel with its state for every purpose, at a glance, in 1 query."""
    return consent_standing(customer_id=customer_id).rows()
