"""Appointments: booked with a host in a store or over video, inside opening hours and never
on top of the host's other appointments; confirmed and reminded through the outreach gate;
closed with an outcome that goes on the timeline and can open a follow-up.

Opening hours: an in-store appointment keeps its store's hours (OpeningHours, or the
defaults) in the store's time zone. A virtual appointment keeps the host's home store's
hours when they have one, otherwise the default hours in the organisation's time zone: the
host is working, and the customer is called when someone could answer them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from everthread.commerce.errors import (
    AppointmentClash,
    AppointmentClosed,
    AppointmentNotFound,
    InvalidAppointment,
    OutsideOpeningHours,
)
from everthread.commerce.invitations import CANCEL, REQUEST, appointment_ics
from everthread.commerce.models import Appointment, Hold, Variant
from everthread.commerce.selectors import appointment_place, appointment_zone, hours_of
from everthread.consent.models import ConsentChannel, Purpose
from everthread.conversations.services import TimelineLine, timeline_write
from everthread.core.models import Capability, Channel, Staff, Store
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.models import Customer
from everthread.followups.models import FollowUp
from everthread.followups.services import FollowUpDraft, followup_open
from everthread.outreach.adapters import Attachment
from everthread.outreach.services import Sent, outreach_send

# The customer hears again the day before; booked later than that, the confirmation will do.
REMINDER_LEAD = datetime.timedelta(hours=24)
# A start this close to now is "now": forms round to the minute and clocks drift.
_GRACE = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class AppointmentDraft:
    kind: str
    purpose: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    store: Store | None = None
    video_link: str = ""
    preparation: str = ""
    to_pull: tuple[str, ...] = ()  # SKUs to have ready
    hold_ids: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class Booked:
    """The appointment, and what the gate did with the message about it (None: not sent)."""

    appointment: Appointment
    sent: Sent | None


@transaction.atomic
def appointment_book(
    *, actor: Staff, customer: Customer, host: Staff, draft: AppointmentDraft
) -> Booked:
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    _validate(draft)
    if not host.can(Capability.SEND_OUTREACH):
        # The reminder goes in the host's name, and the host serves the customer.
        raise InvalidAppointment(
            f"{host} does not serve customers in their role; choose a colleague who does.",
            field="host",
        )
    _host_free(host=host, starts_at=draft.starts_at, ends_at=draft.ends_at)
    _within_hours(
        kind=draft.kind,
        store=draft.store,
        host=host,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
    )
    variants = _variants(draft.to_pull)
    holds = _holds(draft.hold_ids, customer=customer)
    appointment = Appointment.objects.create(
        customer=customer,
        host=host,
        kind=draft.kind,
        purpose=draft.purpose,
        store=draft.store,
        video_link=draft.video_link.strip(),
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        preparation=draft.preparation.strip(),
        reminder_at=_reminder_at(draft.starts_at),
        created_by=actor,
    )
    appointment.to_pull.set(variants)
    appointment.holds.set(holds)
    timeline_write(appointment_line(appointment))
    audit_record(
        actor=actor, action="appointment.booked", subject=appointment, customer_id=customer.pk
    )
    sent = _tell_customer(appointment, actor=actor, what="confirm")
    transaction.on_commit(lambda: _schedule_reminder(appointment))
    return Booked(appointment, sent)


def _validate(draft: AppointmentDraft) -> None:
    if draft.kind not in Appointment.Kind.values:
        raise InvalidAppointment("Choose in store or virtual.", field="kind")
    if draft.purpose not in Appointment.Purpose.values:
        raise InvalidAppointment(
            "Choose what the appointment is for: "
            + ", ".join(str(label).lower() for label in Appointment.Purpose.labels)
            + ".",
            field="purpose",
        )
    if draft.kind == Appointment.Kind.IN_STORE and draft.store is None:
        raise InvalidAppointment("Choose the store the customer will come to.", field="store")
    if draft.kind == Appointment.Kind.VIRTUAL and not draft.video_link.strip():
        raise InvalidAppointment(
            "Give the video link the customer will join by.", field="video_link"
        )
    _validate_times(draft.starts_at, draft.ends_at)


def _validate_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if starts_at < timezone.now() - _GRACE:
        raise InvalidAppointment("That time has passed; choose a later one.", field="starts_at")
    if ends_at <= starts_at:
        raise InvalidAppointment("The appointment must end after it starts.", field="ends_at")


def _host_free(
    *,
    host: Staff,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    moving: Appointment | None = None,
) -> None:
    """Refuse a time the host already has booked. The host's row is the lock: a second
    booking for the same host waits here, then sees the first."""
    Staff.objects.select_for_update().filter(pk=host.pk).first()
    overlapping = Appointment.objects.filter(
        host=host, status=Appointment.Status.BOOKED, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if moving is not None:
        overlapping = overlapping.exclude(pk=moving.pk)
    clash = overlapping.select_related("customer").order_by("starts_at").first()
    if clash is not None:
        zone = timezone.get_current_timezone()
        raise AppointmentClash(
            f"{host} already has {clash.get_purpose_display().lower()} with {clash.customer} "
            f"{_span(clash.starts_at, clash.ends_at, zone)}: choose another time or another "
            "host.",
            field="starts_at",
        )


def _within_hours(
    *,
    kind: str,
    store: Store | None,
    host: Staff,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
) -> None:
    where = appointment_place(kind=kind, store=store, host=host)
    zone = appointment_zone(kind=kind, store=store, host=host)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    named = str(where) if where else "We"
    day = f"{start:%A}s"
    hours = hours_of(store=where, weekday=start.weekday())
    if hours is None:
        raise OutsideOpeningHours(
            f"{named} {'is' if where else 'are'} closed on {day}; choose another day.",
            field="starts_at",
        )
    opens, closes = hours
    if start.date() != end.date() or start.time() < opens or end.time() > closes:
        raise OutsideOpeningHours(
            f"{named} {'is' if where else 'are'} open {opens:%H:%M}–{closes:%H:%M} on {day}; "
            "choose a time within those hours.",
            field="starts_at",
        )


def _span(starts_at: datetime.datetime, ends_at: datetime.datetime, zone: datetime.tzinfo) -> str:
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    return f"{start:%H:%M}–{end:%H:%M} on {start:%a %-d %b}"


def _variants(skus: Sequence[str]) -> list[Variant]:
    wanted = [sku.strip() for sku in skus if sku.strip()]
    found = {variant.sku: variant for variant in Variant.objects.filter(sku__in=wanted)}
    missing = [sku for sku in wanted if sku not in found]
    if missing:
        raise InvalidAppointment(
            f"There is no product variant with SKU {', '.join(missing)}.", field="to_pull"
        )
    return [found[sku] for sku in wanted]


def _holds(hold_ids: Sequence[int], *, customer: Customer) -> list[Hold]:
    holds = list(Hold.objects.filter(pk__in=hold_ids, customer=customer))
    if len(holds) != len(set(hold_ids)):
        raise InvalidAppointment("Choose holds placed for this customer.", field="hold_ids")
    return holds


def _reminder_at(starts_at: datetime.datetime) -> datetime.datetime | None:
    remind_at = starts_at - REMINDER_LEAD
    return remind_at if remind_at > timezone.now() else None


@transaction.atomic
def appointment_reschedule(
    *,
    actor: Staff,
    appointment_id: int,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
) -> Booked:
    """A new time: the same rules as booking, a fresh invitation, and the old reminder void."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    appointment = _booked_locked(appointment_id)
    _validate_times(starts_at, ends_at)
    _host_free(host=appointment.host, starts_at=starts_at, ends_at=ends_at, moving=appointment)
    _within_hours(
        kind=appointment.kind,
        store=appointment.store,
        host=appointment.host,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    was = appointment.starts_at
    appointment.starts_at, appointment.ends_at = starts_at, ends_at
    appointment.reminder_at = _reminder_at(starts_at)
    appointment.reminder_status = appointment.reminder_detail = ""
    appointment.revision += 1
    appointment.save()
    timeline_write(appointment_line(appointment))
    audit_record(
        actor=actor,
        action="appointment.rescheduled",
        subject=appointment,
        customer_id=appointment.customer_id,
        detail={"was": was.isoformat(), "now": starts_at.isoformat()},
    )
    sent = _tell_customer(appointment, actor=actor, what="move")
    transaction.on_commit(lambda: _schedule_reminder(appointment))
    return Booked(appointment, sent)


@transaction.atomic
def appointment_cancel(*, actor: Staff, appointment_id: int, reason: str = "") -> Booked:
    """Cancelled: the customer is told (with the calendar's cancellation) and not reminded."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    appointment = _booked_locked(appointment_id)
    appointment.status = Appointment.Status.CANCELLED
    appointment.cancelled_reason = reason.strip()[:300]
    appointment.reminder_at = None
    appointment.revision += 1
    appointment.save()
    timeline_write(appointment_line(appointment))
    audit_record(
        actor=actor,
        action="appointment.cancelled",
        subject=appointment,
        customer_id=appointment.customer_id,
    )
    return Booked(appointment, _tell_customer(appointment, actor=actor, what="cancel"))


@transaction.atomic
def appointment_record_outcome(
    *,
    actor: Staff,
    appointment_id: int,
    outcome: str,
    followup: FollowUpDraft | None = None,
) -> tuple[Appointment, FollowUp | None]:
    """What happened, on the appointment and the timeline; a next step becomes a follow-up."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    if not outcome.strip():
        raise InvalidAppointment("Say what happened and what was agreed.", field="outcome")
    appointment = _booked_locked(appointment_id)
    appointment.status = Appointment.Status.COMPLETED
    appointment.outcome = outcome.strip()
    appointment.completed_at = timezone.now()
    appointment.reminder_at = None
    appointment.save()
    opened = None
    if followup is not None:
        opened = followup_open(customer=appointment.customer, actor=actor, draft=followup)
    timeline_write(appointment_line(appointment))
    audit_record(
        actor=actor,
        action="appointment.completed",
        subject=appointment,
        customer_id=appointment.customer_id,
    )
    return appointment, opened


def _booked_locked(appointment_id: int) -> Appointment:
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("customer", "host__home_store", "store")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None:
        raise AppointmentNotFound(f"There is no appointment {appointment_id}.")
    if appointment.status != Appointment.Status.BOOKED:
        raise AppointmentClosed(
            f"This appointment is {appointment.get_status_display().lower()}; book a new one "
            "if the customer wants another."
        )
    return appointment


def appointment_remind(
    *, appointment_id: int, due_at: datetime.datetime, at: datetime.datetime | None = None
) -> Sent | None:
    """The day before: ask the gate again now (consent may have changed since booking) and
    record what it said. None when this reminder is stale: the appointment was moved,
    cancelled or completed since it was queued, or it was already sent."""
    with transaction.atomic():
        claimed = Appointment.objects.filter(
            pk=appointment_id,
            status=Appointment.Status.BOOKED,
            reminder_at=due_at,
            reminder_status="",
        ).update(reminder_status="sending")
        if claimed != 1:
            return None
        appointment = Appointment.objects.select_related("customer", "host", "store").get(
            pk=appointment_id
        )
        sent = _tell_customer(appointment, actor=appointment.host, what="remind", at=at)
        appointment.reminder_status = sent.outcome if sent else "refused"
        appointment.reminder_detail = (
            " ".join(sent.decision.reasons)[:300] if sent else "No email or mobile on file."
        )
        appointment.save(update_fields=["reminder_status", "reminder_detail", "updated_at"])
        return sent


def _schedule_reminder(appointment: Appointment) -> None:
    from everthread.commerce.tasks import remind_appointment  # tasks.py imports services

    if appointment.reminder_at is None or not remind_appointment.get_backend().supports_defer:
        return  # tasks run inline: nothing can wait for the day before
    remind_appointment.using(run_after=appointment.reminder_at).enqueue(
        appointment_id=appointment.pk, due_at=appointment.reminder_at.isoformat()
    )


# What each message says; the email carries the invitation, or its cancellation.
_SUBJECTS = {
    "confirm": "Your {purpose} appointment is booked",
    "move": "Your {purpose} appointment has moved",
    "cancel": "Your {purpose} appointment is cancelled",
    "remind": "See you tomorrow: your {purpose} appointment",
}
_OPENINGS = {
    "confirm": "This confirms your {what} on {when}.",
    "move": "Your {what} has moved to {when}.",
    "cancel": "Your {what} on {when} is cancelled. We would be glad to find another time.",
    "remind": "A reminder of your {what} tomorrow, {when}.",
}


def _tell_customer(
    appointment: Appointment, *, actor: Staff, what: str, at: datetime.datetime | None = None
) -> Sent | None:
    """Confirm, move, cancel or remind by email (with the .ics) or, without an email
    address, by SMS; always through the gate, which may hold or refuse it."""
    customer = appointment.customer
    kinds = set(customer.contact_points.values_list("kind", flat=True))
    channel = ConsentChannel.EMAIL if "email" in kinds else ConsentChannel.SMS
    if channel == ConsentChannel.SMS and "phone" not in kinds:
        return None
    organisation = organisation_get()
    zone = ZoneInfo(customer.time_zone or organisation.time_zone)
    start = appointment.starts_at.astimezone(zone)
    place = (
        f"by video ({appointment.video_link})"
        if appointment.kind == Appointment.Kind.VIRTUAL
        else f"at {appointment.store}"
    )
    opening = _OPENINGS[what].format(
        what=f"{appointment.get_purpose_display().lower()} appointment with {appointment.host}",
        when=f"{start:%A %-d %B at %H:%M}, {place}",
    )
    greeting = f"Dear {customer.greeting_name}," if customer.greeting_name else "Hello,"
    attachments: list[Attachment] = []
    closing = ""
    if channel == ConsentChannel.EMAIL and what != "remind":
        method = CANCEL if what == "cancel" else REQUEST
        attachments.append(
            Attachment(
                filename="appointment.ics",
                content_type=f"text/calendar; method={method}",
                content=appointment_ics(appointment, method=method),
            )
        )
        closing = "\n\nThe attached invitation keeps your calendar up to date."
    body = f"{greeting}\n\n{opening}{closing}\n\nWith best wishes,\n{organisation.name}"
    return outreach_send(
        customer=customer,
        channel=channel,
        purpose=Purpose.SERVICE,
        subject=_SUBJECTS[what].format(purpose=appointment.get_purpose_display().lower()),
        body=body,
        actor=actor,
        at=at,
        attachments=attachments,
    )


def appointment_line(appointment: Appointment) -> TimelineLine:
    zone = ZoneInfo(
        appointment.store.time_zone if appointment.store else organisation_get().time_zone
    )
    return TimelineLine(
        kind="appointment",
        object_id=appointment.pk,
        customer_id=appointment.customer_id,
        # On the timeline when it was booked, and when it was held once it has an outcome;
        # when it is (or was) to happen is in its line.
        occurred_at=appointment.completed_at or appointment.created_at,
        title=appointment.title,
        text=appointment.outcome,
        channel=Channel.VIDEO if appointment.kind == Appointment.Kind.VIRTUAL else Channel.IN_STORE,
        staff_id=appointment.host_id,
        detail={
            "status": appointment.status,
            "starts_at": appointment.starts_at.isoformat(),
            "when": _span(appointment.starts_at, appointment.ends_at, zone),
            "place": appointment.place,
            "cancelled_reason": appointment.cancelled_reason,
        },
    )
