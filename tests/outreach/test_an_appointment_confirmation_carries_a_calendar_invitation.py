"""Booking by email sends the confirmation through the gate and the outbox with the
appointment as a calendar invitation (.ics) the mail client can add; moving it sends the
same invitation again with a higher sequence, cancelling sends the cancellation."""

from __future__ import annotations

import datetime

from icalendar import Calendar

from appointing import THURSDAY, VIDEO, amara, coming, priya, styling
from everthread.commerce.services import appointment_cancel, appointment_reschedule
from importing import worker_run_queued
from outboxing import quiet_hours_off


def _invitation(taken: dict) -> Calendar:
    [attachment] = taken["attachments"]
    assert attachment["filename"] == "appointment.ics"
    assert attachment["content_type"] == "text/calendar"
    return Calendar.from_ical(attachment["content"])


def test_the_confirmation_email_carries_a_valid_invitation(
    transactional_db, provider, organisation
) -> None:
    quiet_hours_off(organisation)
    customer, host = amara(), priya()
    starts_at = coming(THURSDAY, 10)

    appointment = styling(customer, host, starts_at=starts_at).appointment
    worker_run_queued()

    [taken] = provider.messages()
    assert taken["to"] == "amara.osei@example.com"
    assert taken["subject"] == "Your styling appointment is booked"
    assert (
        f"This confirms your styling appointment with Priya Shah on {starts_at:%A %-d %B} at 10:00"
        in taken["body"]
    )
    calendar = _invitation(taken)
    assert str(calendar["method"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"appointment-{appointment.pk}@everthread"
    assert event.decoded("dtstart") == starts_at
    assert event.decoded("dtend") == starts_at + datetime.timedelta(hours=1)
    assert str(event["location"]) == VIDEO
    assert int(event["sequence"]) == 0


def test_moving_and_cancelling_update_the_customers_calendar(
    transactional_db, provider, organisation
) -> None:
    quiet_hours_off(organisation)
    host = priya()
    appointment = styling(amara(), host).appointment
    later = coming(THURSDAY, 14)

    appointment_reschedule(
        actor=host,
        appointment_id=appointment.pk,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
    )
    appointment_cancel(actor=host, appointment_id=appointment.pk)
    worker_run_queued()

    taken = sorted(provider.messages(), key=lambda message: message["subject"])
    subjects = [message["subject"] for message in taken]
    assert subjects == [
        "Your styling appointment has moved",
        "Your styling appointment is booked",
        "Your styling appointment is cancelled",
    ]
    moved, cancelled = _invitation(taken[0]), _invitation(taken[2])
    [moved_event] = moved.walk("VEVENT")
    assert (moved_event.decoded("dtstart"), int(moved_event["sequence"])) == (later, 1)
    [cancelled_event] = cancelled.walk("VEVENT")
    assert str(cancelled["method"]) == "CANCEL"
    assert (str(cancelled_event["status"]), int(cancelled_event["sequence"])) == ("CANCELLED", 2)
