"""Channels retry: a message delivered twice with the same id in the same channel is one
contact on the timeline, even when both deliveries arrive at once."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from continuity import customer
from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.conversations.services import (
    InteractionDraft,
    JourneyStart,
    _interaction_create,
    interaction_record,
)

WHATSAPP_MESSAGE = InteractionDraft(
    channel="whatsapp",
    direction="inbound",
    summary="Is the emerald wrap dress still held for me?",
    external_id="wamid.HBgMNDQ3NzAwOTAwMTAxFQIAEhgg",
)
STYLING = JourneyStart(kind="styling", title="Outfit for her sister's wedding")


def _recorded() -> tuple[int, int, int]:
    return (Interaction.objects.count(), Journey.objects.count(), TimelineEntry.objects.count())


@pytest.mark.django_db
def test_a_second_delivery_returns_the_first_contact() -> None:
    amara = customer("Amara", "Osei")

    first, created = interaction_record(
        customer=amara, staff=None, draft=WHATSAPP_MESSAGE, start=STYLING
    )
    again, created_again = interaction_record(
        customer=amara, staff=None, draft=WHATSAPP_MESSAGE, start=STYLING
    )

    assert (created, created_again) == (True, False)
    assert again == first
    assert again.journey == first.journey
    assert _recorded() == (1, 1, 1)


@pytest.mark.django_db
def test_a_delivery_the_first_check_missed_is_refused_by_the_database() -> None:
    amara = customer("Amara", "Osei")
    interaction_record(customer=amara, staff=None, draft=WHATSAPP_MESSAGE, start=STYLING)

    # What a delivery does once its look-up has missed a twin that was being recorded.
    with pytest.raises(IntegrityError), transaction.atomic():
        _interaction_create(amara, None, WHATSAPP_MESSAGE, None, STYLING)

    assert _recorded() == (1, 1, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once need PostgreSQL")
def test_two_deliveries_at_once_record_one_contact(transactional_db: None) -> None:
    amara = customer("Amara", "Osei")
    first_recorded, let_first_commit = threading.Event(), threading.Event()
    results: dict[str, tuple[Interaction, bool]] = {}

    def first_delivery() -> None:
        try:
            with transaction.atomic():  # still committing when the twin arrives
                results["first"] = interaction_record(
                    customer=amara, staff=None, draft=WHATSAPP_MESSAGE, start=STYLING
                )
                first_recorded.set()
                let_first_commit.wait(timeout=60)
        finally:
            connection.close()

    def second_delivery() -> None:
        try:
            results["second"] = interaction_record(
                customer=amara, staff=None, draft=WHATSAPP_MESSAGE, start=STYLING
            )
        finally:
            connection.close()

    first = threading.Thread(target=first_delivery)
    first.start()
    assert first_recorded.wait(timeout=60)
    second = threading.Thread(target=second_delivery)
    second.start()
    _wait_until_a_writer_waits_for_a_lock(second)
    let_first_commit.set()
    first.join(timeout=60)
    second.join(timeout=60)

    interaction, created = results["first"]
    assert created is True
    assert results["second"] == (interaction, False)
    assert _recorded() == (1, 1, 1)


def _wait_until_a_writer_waits_for_a_lock(writer: threading.Thread) -> None:
    """The second delivery missed its look-up and now waits on the first one's row."""
    deadline = time.monotonic() + 60
    while writer.is_alive() and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    pytest.fail("the second delivery never waited for the first one")
