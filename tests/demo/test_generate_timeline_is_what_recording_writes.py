"""A generated customer's timeline is exactly what recording each contact, follow-up and
handover note one by one would have written, and their journeys agree with their contacts."""

from __future__ import annotations

import pytest

from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.conversations.selectors import timeline_page
from everthread.conversations.services import TimelineLine, interaction_line
from everthread.followups.models import FollowUp
from everthread.followups.services import followup_line
from everthread.notes.models import Note
from everthread.notes.services import note_line
from generating import generate

pytestmark = pytest.mark.django_db


def as_written(line: TimelineLine) -> tuple:
    """What timeline_write() keeps of a line."""
    return (
        line.customer_id,
        line.occurred_at,
        line.title[:300],
        line.text,
        line.channel,
        line.journey_id,
        line.staff_id,
        line.detail or {},
    )


def stored(entry: TimelineEntry) -> tuple:
    return (
        entry.customer_id,
        entry.occurred_at,
        entry.title,
        entry.text,
        entry.channel,
        entry.journey_id,
        entry.staff_id,
        entry.detail,
    )


def test_every_line_is_the_line_recording_it_writes(associate) -> None:
    generate("--customers", "120", "--interactions", "3000")

    entries = {(entry.kind, entry.object_id): entry for entry in TimelineEntry.objects.all()}
    for interaction in Interaction.objects.select_related("staff", "store", "team"):
        entry = entries.pop(("interaction", interaction.pk))
        assert stored(entry) == as_written(interaction_line(interaction))
    followups = FollowUp.objects.select_related("owner", "team", "created_by", "closed_by")
    for followup in followups:
        entry = entries.pop(("followup", followup.pk))
        assert stored(entry) == as_written(followup_line(followup))
    notes = Note.objects.select_related("author", "promised_by", "next_step_followup__owner")
    for note in notes.filter(status=Note.Status.FINAL):
        entry = entries.pop(("note", note.pk))
        assert stored(entry) == as_written(note_line(note))
    assert entries == {}


def test_the_busiest_customers_timeline_opens_on_their_latest_contacts(associate) -> None:
    generate("--customers", "50", "--interactions", "2000")

    busiest = Interaction.objects.values("customer").order_by("customer")
    customer_id = max(
        {row["customer"] for row in busiest},
        key=lambda pk: Interaction.objects.filter(customer_id=pk).count(),
    )
    page = timeline_page(customer_id=customer_id)
    newest = TimelineEntry.objects.filter(customer_id=customer_id).order_by("-occurred_at", "-id")
    assert page.entries == list(newest[: len(page.entries)])
    assert page.next_cursor is not None


def test_journeys_agree_with_their_contacts(associate) -> None:
    generate("--customers", "80", "--interactions", "1500")

    for journey in Journey.objects.prefetch_related("interactions"):
        contacts = sorted(journey.interactions.all(), key=lambda i: (i.occurred_at, i.pk))
        assert {contact.customer_id for contact in contacts} == {journey.customer_id}
        assert journey.channels == list(dict.fromkeys(contact.channel for contact in contacts))
        assert journey.opened_at == contacts[0].occurred_at
        assert journey.last_activity_at == contacts[-1].occurred_at
        if journey.awaiting_reply_since is not None:
            assert journey.is_open
            assert contacts[-1].direction == Interaction.Direction.INBOUND
    for followup in FollowUp.objects.select_related("journey"):
        assert followup.journey is not None
        assert followup.journey.customer_id == followup.customer_id
        if followup.is_open:
            assert followup.journey.is_open
