"""The clients of story 5 (see SCENARIOS.md) and one-line ways tests record their consent."""

from __future__ import annotations

import datetime

from django.utils import timezone

from everthread.consent.models import ConsentEvent, Source
from everthread.consent.services import Evidence, consent_record
from everthread.core.models import Staff
from everthread.customers.models import Customer
from everthread.outreach.models import OutreachDecision
from everthread.outreach.services import outreach_decide
from factories import ContactPointFactory, CustomerFactory, StaffFactory

GRANTED, WITHDRAWN = ConsentEvent.Kind.GRANTED, ConsentEvent.Kind.WITHDRAWN
SOFT_OPT_IN = ConsentEvent.Kind.SOFT_OPT_IN


def isabelle() -> Staff:
    return StaffFactory(
        username="isabelle", first_name="Isabelle", last_name="Laurent", role="associate"
    )


def client_of(
    advisor: Staff | None, given_name: str, family_name: str, phone: str, email: str = ""
) -> Customer:
    """A client with an email address and a mobile number, in London."""
    customer = CustomerFactory(
        given_name=given_name, family_name=family_name, advisor=advisor, time_zone="Europe/London"
    )
    email = email or f"{given_name}.{family_name}@example.com".lower()
    ContactPointFactory(customer=customer, kind="email", value=email)
    ContactPointFactory(customer=customer, kind="phone", value=phone)
    return customer


def said(words: str = "Yes, send me new arrivals.", **fields: object) -> Evidence:
    return Evidence(source=fields.pop("source", Source.IN_STORE), wording=words, **fields)  # type: ignore[arg-type]


def record(
    customer: Customer,
    channel: str,
    purpose: str,
    kind: str = GRANTED,
    *,
    by: Staff | None = None,
    days_ago: float = 1,
) -> ConsentEvent:
    return consent_record(
        customer=customer,
        channel=channel,
        purpose=purpose,
        kind=kind,
        evidence=said(occurred_at=timezone.now() - datetime.timedelta(days=days_ago)),
        actor=by,
    )


def at_local(zone: str, hour: int, minute: int = 0, *, days: int = 1) -> datetime.datetime:
    """``hour:minute`` in ``zone``, ``days`` from today: a fixed moment for the gate to judge."""
    from zoneinfo import ZoneInfo

    day = timezone.now().astimezone(ZoneInfo(zone)).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZoneInfo(zone))


def decide(
    customer: Customer,
    channel: str,
    purpose: str,
    *,
    by: Staff,
    at: datetime.datetime | None = None,
    address: str = "",
) -> OutreachDecision:
    """Ask the gate about a message at ``at`` (default: 11:00 tomorrow in London, a quiet-free
    hour), as ``by``."""
    return outreach_decide(
        customer=customer,
        channel=channel,
        purpose=purpose,
        actor=by,
        address=address,
        at=at or at_local("Europe/London", 11),
    )


def wrote_on_whatsapp(customer: Customer, *, at: datetime.datetime) -> None:
    """The customer's WhatsApp message an hour before ``at``: the 24-hour window is open,
    so free text may go back (outside it only an approved template may)."""
    customer.interactions.create(
        channel="whatsapp",
        direction="inbound",
        summary="Is the ivory silk dress in yet?",
        occurred_at=at - datetime.timedelta(hours=1),
    )
