"""Webhook deliveries that arrive together are written together (one statement, one commit)
by each web process's intake, and each request still answers only once its own events are
kept: every event once, every event queued once, a retried delivery among new ones
changing nothing, and a failed write answered to every request waiting on it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django_tasks_db.models import DBTaskResult

from everthread.channels.arrivals import twilio_read
from everthread.channels.models import InboundEvent
from everthread.channels.services.inbound import _deliveries_keep_at_once, _event_of
from everthread.channels.services.intake import Intake
from everthread.conversations.models import Interaction
from factories import ContactPointFactory, CustomerFactory, OrganisationFactory
from importing import worker_run_queued
from webhooks import sms, twilio_post

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the intake writes together on PostgreSQL; SQLite keeps each delivery as it comes",
)


def _queued_event_ids() -> list[int]:
    tasks = DBTaskResult.objects.filter(task_path__endswith="process_inbound_events")
    return sorted(i for task in tasks for i in task.args_kwargs["kwargs"]["event_ids"])


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_thirty_messages_at_once_are_each_kept_and_queued_once_then_reach_the_timeline() -> None:
    OrganisationFactory()
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")

    def deliver(n: int) -> int:
        message = sms(f"SM-together-{n}", "+447700900101", f"Is the raincoat in a 10? ({n})")
        return twilio_post(Client(), message).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(deliver, range(30)))

    events = sorted(InboundEvent.objects.values_list("pk", flat=True))
    assert answers == [200] * 30
    assert len(events) == 30
    assert _queued_event_ids() == events  # each event in exactly one task
    worker_run_queued()
    assert Interaction.objects.filter(customer=amara).count() == 30


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_retried_delivery_written_with_new_ones_changes_nothing_and_the_new_are_kept() -> None:
    OrganisationFactory()
    twilio_post(Client(), sms("SM-first", "+447700900101", "Hello"))
    held = InboundEvent.objects.get()

    def delivery(sid: str) -> list[InboundEvent]:
        form = QueryDict(urlencode(sms(sid, "+447700900101", "Hello")))
        return [_event_of(twilio_read(form), raw_body="", headers={})]

    kept = _deliveries_keep_at_once(
        [delivery("SM-new-1"), delivery("SM-first"), delivery("SM-new-2"), delivery("SM-new-1")]
    )

    ids = {event.provider_message_id: event.pk for event in InboundEvent.objects.all()}
    assert [[event.provider_message_id for event in events] for events in kept] == [
        ["SM-new-1"],
        [],  # held already: the retry is answered and nothing changes
        ["SM-new-2"],
        [],  # the same message twice in one batch: kept once
    ]
    assert sorted(ids) == ["SM-first", "SM-new-1", "SM-new-2"]
    assert ids["SM-first"] == held.pk
    assert _queued_event_ids() == sorted(ids.values())


def test_when_a_write_fails_every_waiting_request_hears_it_and_the_next_is_kept() -> None:
    writes: list[list[str]] = []
    first_failed = threading.Event()

    def keep(deliveries: list[str]) -> list[str]:
        if not first_failed.is_set():
            first_failed.set()
            raise RuntimeError("the database went away")
        writes.append(deliveries)
        return [f"kept {delivery}" for delivery in deliveries]

    intake: Intake[str] = Intake(keep)
    try:
        with pytest.raises(RuntimeError, match="went away"):
            intake.keep("a")
        assert intake.keep("b") == "kept b"
    finally:
        intake.stop()
    assert writes == [["b"]]
