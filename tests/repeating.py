"""Story 4 told for the repeat-yourself detector: Daniel chats with Chloe about boots a size
too small; Chloe's note records it; then, at Leeds Briggate, he tells Marcus again."""

from __future__ import annotations

import datetime

from django.utils import timezone

from everthread.conversations.models import Interaction
from everthread.conversations.services import InteractionDraft, interaction_record
from everthread.core.models import Staff, Store, Team
from everthread.customers.models import Customer
from everthread.notes.services import NoteDraft, note_save
from factories import StaffFactory

CHAT_SAID = (
    "Hi, the Chelsea boots from order HF-100482 are a size too small (EU 42). "
    "Can I swap them for a 43 at the Leeds shop?"
)
NOTE_WANTS = (
    "To exchange the Chelsea boots from order HF-100482 (EU 42, a size too small) for EU 43 "
    "at Leeds Briggate."
)
STORE_SAID = "Daniel explained the boots from order HF-100482 are too small and he needs a 43."


def chloe() -> Staff:
    return StaffFactory(username="chloe", first_name="Chloe", last_name="Evans", role="agent")


def marcus(store: Store) -> Staff:
    return StaffFactory(username="marcus", first_name="Marcus", last_name="Bell", home_store=store)


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def contact(
    customer: Customer,
    said: str,
    *,
    channel: str,
    at: datetime.datetime,
    staff: Staff | None = None,
    direction: str = "inbound",
    store: Store | None = None,
    team: Team | None = None,
) -> Interaction:
    interaction, _ = interaction_record(
        customer=customer,
        staff=staff,
        draft=InteractionDraft(
            channel=channel,
            direction=direction,
            summary=said[:80],
            body=said,
            occurred_at=at,
            store=store,
            team=team,
        ),
    )
    return interaction


def note_of_wants(customer: Customer, author: Staff, wants: str) -> None:
    saved = note_save(
        customer=customer,
        author=author,
        draft=NoteDraft(
            wants=wants,
            next_step="Have the boots ready in EU 43 at Leeds Briggate.",
            next_step_owner=author,
            next_step_due=timezone.now() + datetime.timedelta(days=1),
        ),
    )
    assert not saved.missing
