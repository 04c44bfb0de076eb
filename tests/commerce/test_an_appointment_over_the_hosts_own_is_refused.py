"""A host cannot be in two appointments at once: booking or moving one onto another of
theirs is refused with what is in the way; back to back, or with another host, is fine."""

from __future__ import annotations

import datetime

import pytest

from appointing import THURSDAY, coming, styling
from everthread.commerce.errors import AppointmentClash
from everthread.commerce.models import Appointment
from everthread.commerce.services import appointment_cancel, appointment_reschedule
from factories import CustomerFactory, StaffFactory

TEN = coming(THURSDAY, 10)


def test_an_overlapping_booking_is_refused_with_what_is_in_the_way(amara, priya) -> None:
    styling(amara, priya, starts_at=TEN)
    other = CustomerFactory(given_name="Rosa", family_name="Alvarez")

    with pytest.raises(AppointmentClash) as refused:
        styling(other, priya, starts_at=TEN + datetime.timedelta(minutes=30))

    assert refused.value.field == "starts_at"
    assert refused.value.message == (
        f"Priya Shah already has styling with Amara Osei 10:00–11:00 on {TEN:%a %-d %b}: "
        "choose another time or another host."
    )
    assert Appointment.objects.count() == 1


def test_back_to_back_and_another_hosts_time_are_free(amara, priya) -> None:
    styling(amara, priya, starts_at=TEN)
    other = CustomerFactory()

    styling(other, priya, starts_at=TEN + datetime.timedelta(hours=1))
    styling(other, StaffFactory(username="chloe", role="agent"), starts_at=TEN)

    assert Appointment.objects.count() == 3


def test_a_cancelled_appointment_frees_the_time(amara, priya) -> None:
    first = styling(amara, priya, starts_at=TEN).appointment
    appointment_cancel(actor=priya, appointment_id=first.pk, reason="Amara asked to move it")

    styling(CustomerFactory(), priya, starts_at=TEN)

    assert Appointment.objects.filter(status="booked").count() == 1


def test_moving_onto_another_of_the_hosts_appointments_is_refused(amara, priya) -> None:
    styling(amara, priya, starts_at=TEN)
    later = styling(CustomerFactory(), priya, starts_at=TEN + datetime.timedelta(hours=2))

    with pytest.raises(AppointmentClash):
        appointment_reschedule(
            actor=priya,
            appointment_id=later.appointment.pk,
            starts_at=TEN + datetime.timedelta(minutes=45),
            ends_at=TEN + datetime.timedelta(minutes=105),
        )
    # Moving within its own time is not a clash with itself.
    moved = appointment_reschedule(
        actor=priya,
        appointment_id=later.appointment.pk,
        starts_at=TEN + datetime.timedelta(hours=2, minutes=30),
        ends_at=TEN + datetime.timedelta(hours=3, minutes=30),
    )
    assert moved.appointment.starts_at == TEN + datetime.timedelta(hours=2, minutes=30)
