"""Webhooks answer while no worker runs; what they accepted waits in the database, and the
worker started later processes each event once. A failure is kept on the event and retried."""

from __future__ import annotations

import pytest

from everthread.channels.models import InboundEvent
from everthread.channels.services import inbound_event_process, inbound_events_retry
from everthread.conversations.models import Interaction
from everthread.core.models import Organisation
from factories import ContactPointFactory, CustomerFactory, OrganisationFactory
from importing import worker_run_queued
from webhooks import sms, twilio_post

pytestmark = pytest.mark.django_db(transaction=True)


def test_events_wait_for_the_worker_and_are_processed_once(client) -> None:
    OrganisationFactory()
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    for n in range(3):
        assert (
            twilio_post(client, sms(f"SM{n}", "+447700900101", f"Message {n}")).status_code == 200
        )

    assert InboundEvent.objects.filter(outcome="pending", processed_at=None).count() == 3
    assert not Interaction.objects.exists()

    worker_run_queued()
    worker_run_queued()
    again = inbound_event_process(event_id=InboundEvent.objects.first().pk)

    assert again is None  # already done: a second worker gets nothing to do
    assert Interaction.objects.filter(customer=amara).count() == 3
    assert set(InboundEvent.objects.values_list("outcome", "attempts")) == {("recorded", 1)}


def test_a_failed_event_keeps_its_error_and_is_processed_on_retry(client) -> None:
    # Messages arrive before anyone set the organisation up: nothing can be recognised yet.
    Organisation.objects.all().delete()
    twilio_post(client, sms("SM9", "+447700900101", "Hello?"))
    worker_run_queued()

    failed = InboundEvent.objects.get()
    assert failed.outcome == "failed" and failed.processed_at is None
    assert "No organisation is set up yet" in failed.error

    OrganisationFactory()
    assert inbound_events_retry() == 1
    worker_run_queued()

    done = InboundEvent.objects.get()
    assert (done.outcome, done.error, done.attempts) == ("unlinked", "", 2)
