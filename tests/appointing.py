"""Story 1's appointment for the tests: Amara Osei, stylist Priya Shah (contact centre, no
home store), and times on a coming weekday in London, inside the default opening hours."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from everthread.commerce.models import Appointment
from everthread.commerce.services import AppointmentDraft, Booked, appointment_book
from everthread.core.models import Staff, Store
from everthread.customers.models import Customer
from factories import ContactPointFactory, CustomerFactory, StaffFactory

LONDON = ZoneInfo("Europe/London")
VIDEO = "https://meet.example.com/harlow-finch/amara"


def amara() -> Customer:
    customer = CustomerFactory(given_name="Amara", family_name="Osei", time_zone="Europe/London")
    ContactPointFactory(customer=customer, kind="email", value="amara.osei@example.com")
    ContactPointFactory(customer=customer, kind="phone", value="+447700900101")
    return customer


def priya() -> Staff:
    return StaffFactory(username="priya", first_name="Priya", last_name="Shah", role="agent")


def coming(weekday: int, hour: int, minute: int = 0, *, weeks: int = 1) -> datetime.datetime:
    """``hour:minute`` in London on ``weekday`` (Monday 0) ``weeks`` weeks on: always more
    than a day ahead, so the reminder is still to come."""
    today = timezone.now().astimezone(LONDON).date()
    day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


THURSDAY, SATURDAY, SUNDAY = 3, 5, 6


def styling(
    customer: Customer,
    host: Staff,
    *,
    starts_at: datetime.datetime | None = None,
    minutes: int = 60,
    store: Store | None = None,
    **fields: object,
) -> Booked:
    """A virtual styling appointment (in store when given a store), booked by its host."""
    starts_at = starts_at or coming(THURSDAY, 10)
    draft = AppointmentDraft(
        kind=Appointment.Kind.IN_STORE if store else Appointment.Kind.VIRTUAL,
        purpose=Appointment.Purpose.STYLING,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        store=store,
        video_link="" if store else VIDEO,
        **fields,  # type: ignore[arg-type]
    )
    return appointment_book(actor=host, customer=customer, host=host, draft=draft)
