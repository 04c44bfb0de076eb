"""An appointment as a calendar invitation (.ics, RFC 5545), attached to email confirmations
so the customer's calendar shows it, moves it when it is rescheduled and drops it when it is
cancelled (the same UID with a higher SEQUENCE)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from everthread.commerce.models import Appointment
from everthread.core.selectors import organisation_get

REQUEST, CANCEL = "REQUEST", "CANCEL"


def appointment_uid(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@everthread"


def appointment_ics(appointment: Appointment, *, method: str = REQUEST) -> str:
    """The invitation for this appointment as it stands, or its cancellation."""
    organisation = organisation_get()
    calendar = Calendar()
    calendar.add("prodid", f"-//{organisation.name}//Everthread//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", appointment_uid(appointment))
    # Each change is a new revision: calendars keep the one with the highest sequence.
    event.add("sequence", appointment.revision)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", appointment.starts_at.astimezone(datetime.UTC))
    event.add("dtend", appointment.ends_at.astimezone(datetime.UTC))
    event.add("summary", f"{appointment.get_purpose_display()} with {organisation.name}")
    event.add("location", appointment.video_link or _address(appointment))
    joining = f" Join by video: {appointment.video_link}" if appointment.video_link else ""
    event.add("description", f"With {appointment.host}.{joining}")
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()


def _address(appointment: Appointment) -> str:
    store = appointment.store
    return ", ".join(part for part in (store.name, store.address) if part) if store else ""
