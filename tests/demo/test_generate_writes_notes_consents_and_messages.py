"""`everthread generate` also writes what the dashboards and the customer page read besides
contacts: handover notes, each customer's consent ledger with its evidence, and the
messages behind contacts (sent through the outbox with a delivery status, received by
webhook), in proportion to each customer's history."""

from __future__ import annotations

import datetime
import statistics

import pytest
from django.db.models import Count

from everthread.channels.models import InboundEvent
from everthread.consent.models import WEB_SOURCES, ConsentEvent, Purpose, Source
from everthread.consent.selectors import consent_standing
from everthread.conversations.models import Interaction
from everthread.customers.models import ContactPoint
from everthread.insights.metrics import METRICS
from everthread.insights.scope import Scope
from everthread.notes.models import Note
from everthread.outreach.models import OutboundMessage, outbound_key
from generating import generate, per_customer

pytestmark = pytest.mark.django_db


def test_saved_notes_carry_their_next_step_and_drafts_say_what_they_lack(associate) -> None:
    generate("--customers", "150", "--interactions", "3000")

    notes = list(Note.objects.select_related("next_step_followup", "interaction"))
    final = [note for note in notes if note.status == Note.Status.FINAL]
    assert len(final) > 20
    assert any(note.status == Note.Status.DRAFT for note in notes)
    for note in notes:
        assert note.interaction.customer_id == note.customer_id
        assert note.interaction.staff_id == note.author_id
        assert note.wants
        assert 0 <= note.quality_score <= 4
    for note in final:
        assert note.next_step == note.next_step_followup.title
        assert note.next_step_followup.journey_id == note.journey_id
        assert note.assessment["missing"] == []
    assert all(note.assessment["missing"] for note in notes if note.status == Note.Status.DRAFT)


def test_every_customer_ledger_holds_evidence_and_some_changed_their_minds(associate) -> None:
    generate("--customers", "200", "--interactions", "4000")

    events = list(ConsentEvent.objects.all())
    kinds = {event.kind for event in events}
    assert {"granted", "withdrawn", "soft_opt_in"} <= kinds
    for event in events:
        assert event.wording
        if event.source in WEB_SOURCES:
            assert event.ip_address
        if event.source in (Source.STAFF_PHONE, Source.IN_STORE):
            assert event.recorded_by_id is not None
        if event.kind == "soft_opt_in":
            assert (event.channel, event.purpose) == ("email", Purpose.MARKETING)
    # What the customer page shows: a state per channel and purpose, from the history.
    busiest = (
        ConsentEvent.objects.values("customer_id").annotate(n=Count("id")).order_by("-n").first()
    )
    standing = consent_standing(customer_id=busiest["customer_id"])
    states = [state for _, row in standing.rows() for state in row]
    assert any(state.granted or state.withdrawn for state in states)


def test_busy_customers_change_their_minds_more(associate) -> None:
    generate("--customers", "100", "--interactions", "20000")

    contacts = per_customer(Interaction)
    events = per_customer(ConsentEvent)
    ranked = sorted(contacts, key=contacts.__getitem__, reverse=True)
    busiest = statistics.mean(events.get(pk, 0) for pk in ranked[:5])
    quiet = statistics.mean(events.get(pk, 0) for pk in ranked[-50:])
    assert busiest > quiet + 5


def test_our_answers_went_through_the_outbox_and_theirs_came_by_webhook(associate) -> None:
    generate("--customers", "150", "--interactions", "4000")

    messages = list(OutboundMessage.objects.select_related("interaction", "decision"))
    assert len(messages) > 100
    statuses = {message.status for message in messages}
    assert {"delivered", "read", "sent"} <= statuses
    assert statuses & {"failed", "dead"}
    addresses = set(ContactPoint.objects.values_list("customer_id", "value"))
    for message in messages:
        assert message.interaction.direction == Interaction.Direction.OUTBOUND
        assert message.interaction.customer_id == message.customer_id
        assert message.provider_message_id == message.interaction.external_id
        assert message.decision.outcome == "allowed"
        assert message.idempotency_key == outbound_key(message.decision_id)
        assert (message.customer_id, message.address) in addresses
    received = list(InboundEvent.objects.select_related("interaction"))
    assert len(received) > 100
    for event in received:
        assert event.outcome == InboundEvent.Outcome.RECORDED
        assert event.interaction.direction == Interaction.Direction.INBOUND
        assert event.interaction.customer_id == event.customer_id
        assert event.provider_message_id == event.interaction.external_id


def test_every_dashboard_metric_has_data_over_the_whole_base(associate) -> None:
    generate("--customers", "150", "--interactions", "4000")

    now = datetime.datetime.now(tz=datetime.UTC)
    whole = Scope(start=now - datetime.timedelta(days=9 * 365), end=now)
    empty = {
        key
        for key, metric in METRICS.items()
        if not metric.measure(whole).has_data and key != "repeat_survey"
    }
    assert empty == set()
