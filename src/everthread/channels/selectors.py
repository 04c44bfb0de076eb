"""Reads for inbound channels, each with its query budget."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from everthread.channels.errors import UnlinkedContactNotFound
from everthread.channels.models import InboundEvent, UnlinkedContact
from everthread.core.pagination import time_keyset_page


@dataclass(frozen=True)
class UnlinkedPage:
    items: list[UnlinkedContact]
    next_cursor: str | None


def unlinked_contacts_waiting(
    *, after: str | None = None, limit: int | None = None
) -> UnlinkedPage:
    """Senders nobody has linked yet, who wrote last first; 1 query."""
    rows, cursor = time_keyset_page(
        UnlinkedContact.objects.filter(customer__isnull=True),
        by="last_seen_at",
        after=after,
        limit=limit or settings.PAGE_SIZE,
        newest_first=True,
    )
    return UnlinkedPage(items=rows, next_cursor=cursor)


def unlinked_contact_get(*, contact_id: int) -> UnlinkedContact:
    contact = UnlinkedContact.objects.select_related("customer").filter(pk=contact_id).first()
    if contact is None:
        raise UnlinkedContactNotFound(f"There is no unlinked contact with id {contact_id}.")
    return contact


def unlinked_contact_messages(*, contact_id: int, limit: int = 50) -> list[InboundEvent]:
    """What they wrote, oldest first (the latest ``limit``); 1 query."""
    rows = InboundEvent.objects.filter(unlinked_contact_id=contact_id).order_by(
        "-received_at", "-pk"
    )
    return list(reversed(rows[:limit]))
