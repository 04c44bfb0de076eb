"""The day before, the customer is reminded: the gate is asked again at that moment, so a
withdrawn consent refuses it (recorded on the appointment, nothing sent) and quiet hours
hold it; a reminder queued before a reschedule or cancellation never goes."""

from __future__ import annotations

import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from appointing import THURSDAY, coming, styling
from consenting import WITHDRAWN, record
from everthread.commerce.models import Appointment
from everthread.commerce.services import (
    appointment_cancel,
    appointment_remind,
    appointment_reschedule,
)
from everthread.outreach.models import OutboundMessage

TEN = coming(THURSDAY, 10)
DAY_BEFORE = TEN - datetime.timedelta(hours=24)


@pytest.fixture
def booked(amara, priya, django_capture_on_commit_callbacks) -> Appointment:
    with django_capture_on_commit_callbacks(execute=True):
        return styling(amara, priya, starts_at=TEN).appointment


def _reminders() -> list[OutboundMessage]:
    return list(OutboundMessage.objects.filter(subject__startswith="See you tomorrow"))


def test_booking_queues_the_reminder_for_the_day_before(booked) -> None:
    task = DBTaskResult.objects.get(task_path__endswith="remind_appointment")

    assert task.run_after == DAY_BEFORE
    assert task.args_kwargs["kwargs"] == {
        "appointment_id": booked.pk,
        "due_at": DAY_BEFORE.isoformat(),
    }


def test_the_reminder_goes_once_when_the_gate_allows(booked) -> None:
    sent = appointment_remind(appointment_id=booked.pk, due_at=DAY_BEFORE, at=DAY_BEFORE)

    assert sent is not None and sent.outcome == "allowed"
    [reminder] = _reminders()
    assert (reminder.channel, reminder.purpose, reminder.status) == ("email", "service", "queued")
    assert "A reminder of your styling appointment with Priya Shah tomorrow" in reminder.body
    booked.refresh_from_db()
    assert booked.reminder_status == "allowed"
    # The task run twice (a retried worker) sends nothing more.
    assert appointment_remind(appointment_id=booked.pk, due_at=DAY_BEFORE, at=DAY_BEFORE) is None
    assert len(_reminders()) == 1


def test_consent_withdrawn_since_booking_refuses_it_and_says_why(booked, amara) -> None:
    record(amara, "email", "service", WITHDRAWN)

    sent = appointment_remind(appointment_id=booked.pk, due_at=DAY_BEFORE, at=DAY_BEFORE)

    assert sent is not None and sent.outcome == "refused" and sent.message is None
    assert _reminders() == []
    booked.refresh_from_db()
    assert booked.reminder_status == "refused"
    assert "withdrew Email service" in booked.reminder_detail


def test_quiet_hours_hold_it_until_morning(booked) -> None:
    late = DAY_BEFORE.replace(hour=22, minute=30)

    sent = appointment_remind(appointment_id=booked.pk, due_at=DAY_BEFORE, at=late)

    assert sent is not None and sent.outcome == "held"
    assert [message.status for message in _reminders()] == ["held"]


def test_a_rescheduled_appointment_drops_the_old_reminder(
    booked, priya, django_capture_on_commit_callbacks
) -> None:
    later = TEN + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        appointment_reschedule(
            actor=priya,
            appointment_id=booked.pk,
            starts_at=later,
            ends_at=later + datetime.timedelta(hours=1),
        )

    assert appointment_remind(appointment_id=booked.pk, due_at=DAY_BEFORE, at=DAY_BEFORE) is None
    assert _reminders() == []
    new_due = later - datetime.timedelta(hours=24)
    tasks = DBTaskResult.objects.filter(task_path__endswith="remind_appointment")
    assert sorted(task.run_after for task in tasks) == [DAY_BEFORE, new_due]
    sent = appointment_remind(appointment_id=booked.pk, due_at=new_due, at=new_due)
    assert sent is not None and sent.outcome == "allowed"


def test_a_cancelled_appointment_is_not_reminded(booked, priya) -> None:
    appointment_cancel(actor=priya, appointment_id=booked.pk)

    assert appointment_remind(appointment_id=booked.pk, due_at=DAY_BEFORE, at=DAY_BEFORE) is None
    assert _reminders() == []
