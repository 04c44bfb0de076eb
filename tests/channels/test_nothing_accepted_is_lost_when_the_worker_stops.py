"""Webhooks answer while no worker runs; what they accepted waits in the database, and the
worker started later processes each event once. A failure is kept on the event and retried."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

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
    queued = io.StringIO()
    call_command("inbound_retry", stdout=queued)
    worker_run_queued()

    done = InboundEvent.objects.get()
    assert queued.getvalue() == "1 inbound event(s) queued for the worker.\n"
    assert (done.outcome, done.error, done.attempts) == ("unlinked", "", 2)


def test_an_event_whose_task_was_lost_is_found_again(client) -> None:
    OrganisationFactory()
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    twilio_post(client, sms("SM20", "+447700900101", "Hello"))
    # The process stopped between keeping the event and queueing its task.
    DBTaskResult.objects.all().delete()
    worker_run_queued()
    assert InboundEvent.objects.get().outcome == "pending"

    assert inbound_events_retry() == 1
    worker_run_queued()

    assert InboundEvent.objects.get().outcome == "recorded"
    assert Interaction.objects.filter(customer=amara).count() == 1


def test_with_tasks_inline_a_failure_still_answers_200_and_keeps_the_error(
    client, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Organisation.objects.all().delete()

    answered = twilio_post(client, sms("SM30", "+447700900101", "Hello?"))

    assert answered.status_code == 200
    event = InboundEvent.objects.get()
    assert event.outcome == "failed" and "No organisation is set up yet" in event.error


def test_each_event_is_queued_once_with_it_and_a_retried_delivery_queues_nothing(client) -> None:
    OrganisationFactory()
    message = sms("SM-retried", "+447700900101", "Is the raincoat back in a 10?")

    answers = [twilio_post(client, message).status_code for _ in range(3)]

    event = InboundEvent.objects.get()
    queued = DBTaskResult.objects.filter(task_path__endswith="process_inbound_events")
    assert answers == [200, 200, 200]
    assert [task.args_kwargs["kwargs"] for task in queued] == [{"event_ids": [event.pk]}]
