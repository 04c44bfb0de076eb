"""The outreach gate's reasoning: may this message go to this customer now, and if not, why.

``outreach_assess`` decides without writing (the composer shows its answers before
anything is sent); ``services.outreach_decide`` records the answer it acts on.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from everthread.consent.ledger import Standing
from everthread.consent.models import (
    MARKETING_PURPOSES,
    ConsentChannel,
    ConsentEvent,
    Purpose,
    Source,
)
from everthread.consent.selectors import consent_standing, consent_standings
from everthread.conversations.models import Interaction, Journey
from everthread.core.models import Channel, Organisation
from everthread.core.pagination import time_keyset_page
from everthread.core.selectors import organisation_get
from everthread.customers.contact_points import SOCIAL_KINDS, ContactKind
from everthread.customers.models import ContactPoint, Customer
from everthread.outreach.errors import InvalidOutreach, OutboundMessageNotFound
from everthread.outreach.models import (
    DECISION_CHANNELS,
    REPLY_CHANNELS,
    OutboundMessage,
    OutreachDecision,
)
from everthread.privacy.selectors import suppressions_of

Outcome = OutreachDecision.Outcome
Kind = ConsentEvent.Kind

# The contact points each channel reaches; post goes to the address on the profile.
CHANNEL_KINDS: dict[str, frozenset[str]] = {
    ConsentChannel.EMAIL: frozenset({ContactKind.EMAIL}),
    ConsentChannel.SMS: frozenset({ContactKind.PHONE}),
    ConsentChannel.WHATSAPP: frozenset({ContactKind.PHONE}),
    ConsentChannel.PHONE_CALL: frozenset({ContactKind.PHONE}),
    ConsentChannel.SOCIAL_DM: frozenset(SOCIAL_KINDS),
    ConsentChannel.POST: frozenset(),
}
# A letter lands when the post comes, not in the middle of the night.
_NO_QUIET_HOURS = frozenset({ConsentChannel.POST})
# What counts against a frequency cap: what was sent or is on its way; a message that
# failed for good never reached the customer.
_COUNTED = (
    OutboundMessage.Status.QUEUED,
    OutboundMessage.Status.HELD,
    OutboundMessage.Status.SENDING,
    OutboundMessage.Status.SENT,
    OutboundMessage.Status.DELIVERED,
    OutboundMessage.Status.READ,
)


@dataclass(frozen=True)
class Verdict:
    """The gate's answer: allowed, held (quiet hours only) or refused, with every reason."""

    customer_id: int
    channel: str
    purpose: str
    outcome: str
    reasons: list[str]
    address: str = ""
    send_after: datetime.datetime | None = None

    @property
    def allowed(self) -> bool:
        return self.outcome == Outcome.ALLOWED

    @property
    def channel_label(self) -> str:
        return DECISION_CHANNELS[self.channel]


@dataclass
class Facts:
    """What the gate reads about one customer, loaded once for any number of questions."""

    customer: Customer
    standing: Standing
    # The purpose's messages (queued, held or sent) by when they go, for frequency caps.
    recent: dict[str, list[datetime.datetime]] = field(default_factory=dict)
    # When each of the customer's contact points was suppressed by an erasure; None: ask
    # for the one address a question is about.
    suppressed: dict[tuple[str, str], datetime.datetime] | None = None


def outreach_assess(
    *,
    customer: Customer,
    channel: str,
    purpose: str,
    address: str = "",
    at: datetime.datetime,
    organisation: Organisation | None = None,
    facts: Facts | None = None,
) -> Verdict:
    """Every check, every reason; nothing written."""
    organisation = organisation or organisation_get()
    facts = facts or _facts_of(customer, at=at, organisation=organisation)
    name = customer.greeting_name or "This customer"
    reasons = [
        *_erased(customer, name),
        *_consent(facts.standing, channel, purpose, name),
        *_cap(facts, purpose, at, organisation, name),
    ]
    address, missing = _address(customer, channel, address, name)
    reasons += missing
    if purpose in MARKETING_PURPOSES and address:
        reasons += _suppressed(customer, facts, channel, purpose, address)
    zone = customer.time_zone or organisation.time_zone
    quiet, send_after = _quiet_hours(zone, channel, at, organisation, name)
    if reasons:
        return Verdict(customer.pk, channel, purpose, Outcome.REFUSED, reasons + quiet, address)
    if quiet:
        return Verdict(customer.pk, channel, purpose, Outcome.HELD, quiet, address, send_after)
    return Verdict(customer.pk, channel, purpose, Outcome.ALLOWED, [], address)


def reply_assess(*, customer: Customer, channel: str, at: datetime.datetime) -> Verdict:
    """May staff answer the customer in a conversation the customer is holding now?

    The customer started it and is waiting, so no consent for the channel, no quiet hours
    and no frequency cap apply; an erased record or a do-not-contact flag still refuses."""
    if channel not in REPLY_CHANNELS:
        raise InvalidOutreach(f"“{channel}” is not a conversation staff reply in.", field="channel")
    name = customer.greeting_name or "This customer"
    standing = consent_standing(customer_id=customer.pk)
    reasons = [*_erased(customer, name), *_do_not_contact(standing, name)]
    outcome = Outcome.REFUSED if reasons else Outcome.ALLOWED
    return Verdict(customer.pk, channel, Purpose.SERVICE, outcome, reasons)


def _erased(customer: Customer, name: str) -> list[str]:
    if customer.erased_at is None:
        return []
    erased = _day(customer.erased_at)
    return [f"This customer's record was erased on {erased}: they cannot be contacted."]


def _consent(standing: Standing, channel: str, purpose: str, name: str) -> list[str]:
    reasons = _do_not_contact(standing, name)
    label, wanted = ConsentChannel(channel).label, Purpose(purpose).label.lower()
    state = standing.state(channel, purpose)
    if standing.objection is not None and purpose in MARKETING_PURPOSES:
        event = standing.objection
        reasons.append(
            f"{name} objected to direct marketing ({_how(event)}) on "
            f"{_day(event.occurred_at)}: no marketing on any channel."
        )
    elif state.withdrawn and state.event is not None:
        event = state.event
        if event.kind == Kind.WITHDRAWN and event.source == "reply_keyword":
            said = f"replied {event.wording.upper()} to {label}"
        else:
            said = f"withdrew {label} {wanted} ({_how(event)})"
        reasons.append(f"{name} {said} on {_day(event.occurred_at)}: no {label} {wanted}.")
    elif purpose in MARKETING_PURPOSES and not state.granted:
        reasons.append(f"{name} has not agreed to {label} {wanted}: ask them first.")
    return reasons


def _do_not_contact(standing: Standing, name: str) -> list[str]:
    event = standing.do_not_contact
    if event is None:
        return []
    return [
        f"{name} is marked “do not contact” ({_how(event)}, {_day(event.occurred_at)}): "
        "no messages of any kind."
    ]


def _how(event: ConsentEvent) -> str:
    how = event.get_source_display().lower()
    return f"{how}, recorded by {event.recorded_by}" if event.recorded_by else how


def _cap(
    facts: Facts, purpose: str, at: datetime.datetime, organisation: Organisation, name: str
) -> list[str]:
    if purpose not in MARKETING_PURPOSES:
        return []
    most = getattr(organisation, f"{purpose}_cap_messages")
    days = getattr(organisation, f"{purpose}_cap_days")
    window = datetime.timedelta(days=days)
    counted = sorted(when for when in facts.recent.get(purpose, []) if when > at - window)
    if len(counted) < most:
        return []
    next_day = counted[len(counted) - most] + window
    return [
        f"{name} has had {len(counted)} {Purpose(purpose).label.lower()} messages in the last "
        f"{days} days, the most allowed: the next may go on {_day(next_day)}."
    ]


def _address(customer: Customer, channel: str, wanted: str, name: str) -> tuple[str, list[str]]:
    label = ConsentChannel(channel).label
    if channel == ConsentChannel.POST:
        if customer.postcode:
            return customer.postcode, []
        return "", [f"{name} has no postal address on file."]
    kinds = CHANNEL_KINDS[channel]
    points = [point for point in customer.contact_points.all() if point.kind in kinds]
    if wanted:
        if any(point.value == wanted for point in points):
            return wanted, []
        return wanted, [f"{wanted} is not one of {name}'s {label} contact points."]
    if points:
        return points[0].value, []
    reachable = "phone number" if ContactKind.PHONE in kinds else label.lower()
    return "", [f"{name} has no {reachable} on file for {label}."]


def _suppressed(
    customer: Customer, facts: Facts, channel: str, purpose: str, address: str
) -> list[str]:
    """An address erased at the person's request is not signed up for marketing again
    unless they ask anew: a grant recorded after the erasure, and not by an import."""
    kind = next(
        (p.kind for p in customer.contact_points.all() if p.value == address),
        next(iter(CHANNEL_KINDS[channel]), ""),
    )
    known = facts.suppressed if facts.suppressed is not None else suppressions_of([(kind, address)])
    since = known.get((kind, address))
    if since is None:
        return []
    grant = facts.standing.state(channel, purpose).event
    imported = grant is not None and (grant.source == Source.IMPORT or grant.from_import)
    if grant is not None and grant.occurred_at > since and not imported:
        return []
    return [
        f"{address} belongs to a record erased on {_day(since)} at the person's request: "
        "it is not signed up for marketing again unless they ask anew (an import is not asking)."
    ]


def outreach_rules(
    *,
    name: str,
    standing: Standing,
    channel: str,
    purpose: str,
    has_address: bool,
    time_zone: str,
    at: datetime.datetime,
    organisation: Organisation | None = None,
) -> tuple[str, list[str]]:
    """The gate's rules on stated facts, with no customer row and nothing read or written:
    consent, an address for the channel, quiet hours. A practice persona's messages are
    judged by these, so a learner meets the gate's own reasons; the outcome and every reason."""
    organisation = organisation or organisation_get()
    label = ConsentChannel(channel).label
    reasons = _consent(standing, channel, purpose, name)
    if not has_address:
        reasons.append(f"{name} has no {label.lower()} contact on file for {label}.")
    quiet, _ = _quiet_hours(time_zone or organisation.time_zone, channel, at, organisation, name)
    if reasons:
        return Outcome.REFUSED, reasons + quiet
    return (Outcome.HELD, quiet) if quiet else (Outcome.ALLOWED, [])


def _quiet_hours(
    zone_name: str,
    channel: str,
    at: datetime.datetime,
    organisation: Organisation,
    name: str,
) -> tuple[list[str], datetime.datetime | None]:
    if channel in _NO_QUIET_HOURS:
        return [], None
    local = at.astimezone(ZoneInfo(zone_name))
    start, end, now = organisation.quiet_hours_start, organisation.quiet_hours_end, local.time()
    overnight = start > end
    quiet = (now >= start or now < end) if overnight else (start <= now < end)
    if not quiet:
        return [], None
    day = local.date() + datetime.timedelta(days=1 if overnight and now >= start else 0)
    morning = datetime.datetime.combine(day, end, tzinfo=ZoneInfo(zone_name))
    return [
        f"It is {local:%H:%M} for {name} ({zone_name}): quiet hours until {end:%H:%M} — "
        "it will wait for morning."
    ], morning


def _day(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %B}"


def _facts_of(customer: Customer, *, at: datetime.datetime, organisation: Organisation) -> Facts:
    return Facts(
        customer=customer,
        standing=consent_standing(customer_id=customer.pk),
        recent=_recent([customer.pk], at=at, organisation=organisation)[customer.pk],
    )


def _recent(
    customer_ids: list[int], *, at: datetime.datetime, organisation: Organisation
) -> dict[int, dict[str, list[datetime.datetime]]]:
    longest = max(organisation.marketing_cap_days, organisation.recommendations_cap_days)
    rows = OutboundMessage.objects.filter(
        customer_id__in=customer_ids,
        purpose__in=MARKETING_PURPOSES,
        status__in=_COUNTED,
        send_after__gt=at - datetime.timedelta(days=longest),
    ).values_list("customer_id", "purpose", "send_after")
    recent: dict[int, dict[str, list[datetime.datetime]]] = {pk: {} for pk in customer_ids}
    for customer_id, purpose, when in rows:
        recent[customer_id].setdefault(purpose, []).append(when)
    return recent


@dataclass(frozen=True)
class ClientRow:
    """One customer in the composer: whether each channel may carry the message, and why not."""

    customer: Customer
    verdicts: list[Verdict]


def outreach_preview(
    *, customer_ids: Iterable[int], purpose: str, at: datetime.datetime
) -> list[ClientRow]:
    """The gate's answer for every customer by channel, before sending, in 6 queries."""
    ids = list(customer_ids)
    organisation = organisation_get()
    customers = list(
        Customer.objects.filter(pk__in=ids)
        .prefetch_related(Prefetch("contact_points", ContactPoint.objects.order_by("kind", "id")))
        .order_by("sort_key", "id")
    )
    standings = consent_standings(customer_ids=ids)
    recent = _recent(ids, at=at, organisation=organisation)
    suppressed = suppressions_of(
        (point.kind, point.value)
        for customer in customers
        for point in customer.contact_points.all()
    )
    rows = []
    for customer in customers:
        facts = Facts(customer, standings[customer.pk], recent[customer.pk], suppressed)
        verdicts = [
            outreach_assess(
                customer=customer,
                channel=channel,
                purpose=purpose,
                at=at,
                organisation=organisation,
                facts=facts,
            )
            for channel in ConsentChannel.values
        ]
        rows.append(ClientRow(customer, verdicts))
    return rows


def advisor_client_ids(*, advisor_id: int) -> list[int]:
    """The current customers whose advisor is this member of staff, in name order."""
    return list(
        Customer.objects.filter(advisor_id=advisor_id, merged_into__isnull=True)
        .order_by("sort_key", "id")
        .values_list("pk", flat=True)
    )


def outreach_messages(*, customer_id: int) -> list[OutboundMessage]:
    """The customer's outbound messages, newest first, in 1 query."""
    return list(
        OutboundMessage.objects.filter(customer_id=customer_id)
        .select_related("decision", "created_by")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class StaffMessage:
    """A message a member of staff wrote, as their coach reads it: where it went, what it
    said and what the tone check said before it went. Plain values: only this app holds
    the message rows."""

    id: int
    customer_id: int
    customer_name: str
    channel: str
    channel_label: str
    body: str
    status_label: str
    created_at: datetime.datetime
    tone_hints: list[dict[str, Any]]


def messages_by_staff(
    *,
    staff_id: int,
    customer_id: int | None = None,
    ids: Iterable[int] | None = None,
    limit: int | None = 10,
) -> list[StaffMessage]:
    """The messages ``staff_id`` wrote, newest first: all of them, to one customer, or the
    ones of ``ids`` that are theirs; 1 query."""
    rows = OutboundMessage.objects.filter(created_by_id=staff_id).select_related("customer")
    if customer_id is not None:
        rows = rows.filter(customer_id=customer_id)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    rows = rows.order_by("-created_at", "-id")
    return [
        StaffMessage(
            id=message.pk,
            customer_id=message.customer_id,
            customer_name=str(message.customer),
            channel=message.channel,
            channel_label=message.get_channel_display(),
            body=message.body,
            status_label=message.get_status_display(),
            created_at=message.created_at,
            tone_hints=list(message.tone_hints),
        )
        for message in (rows[:limit] if limit is not None else rows)
    ]


def outbound_message_status(*, message_id: int) -> OutboundMessage:
    """One message as the composer follows it (status, when, why), with its customer, in
    1 query."""
    try:
        return OutboundMessage.objects.select_related("customer").get(pk=message_id)
    except OutboundMessage.DoesNotExist:
        raise OutboundMessageNotFound("There is no such message.") from None


def journey_of_outbound_message(*, provider_message_ids: list[str]) -> Journey | None:
    """The journey of the latest message sent under one of these provider ids (an email's
    Message-ID), which a reply continues; 1 query."""
    message = (
        OutboundMessage.objects.filter(
            provider_message_id__in=provider_message_ids, interaction__journey__isnull=False
        )
        .select_related("interaction__journey__customer")
        .order_by("-pk")
        .first()
    )
    return message.interaction.journey if message and message.interaction else None


@dataclass(frozen=True)
class OutboxPage:
    messages: list[OutboundMessage]
    next_cursor: str | None


def outbox_page(*, status: str, after: str | None = None, limit: int = 25) -> OutboxPage:
    """Messages in one outbox status (the dead-letter list: "dead"), newest first, with
    their customer, in 1 query."""
    if status not in OutboundMessage.Status.values:
        known = ", ".join(OutboundMessage.Status.values)
        raise InvalidOutreach(
            f"“{status}” is not a message status; use one of {known}.", field="status"
        )
    rows = OutboundMessage.objects.filter(status=status).select_related("customer")
    page, next_cursor = time_keyset_page(
        rows, by="created_at", after=after, limit=limit, newest_first=True
    )
    return OutboxPage(page, next_cursor)


# WhatsApp's customer service window: free text only within 24 hours of the customer's
# last message; outside it, only a template Meta approved.
WHATSAPP_WINDOW = datetime.timedelta(hours=24)


def whatsapp_last_inbound(*, customer_id: int, at: datetime.datetime) -> datetime.datetime | None:
    """When the customer last wrote to us on WhatsApp, as their timeline has it; 1 query."""
    return (
        Interaction.objects.filter(
            customer_id=customer_id,
            channel=Channel.WHATSAPP,
            direction=Interaction.Direction.INBOUND,
            occurred_at__lte=at,
        )
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )


def whatsapp_window_open(last_inbound: datetime.datetime | None, *, at: datetime.datetime) -> bool:
    return last_inbound is not None and at - last_inbound < WHATSAPP_WINDOW


# Messages on their way or delivered: what continuity metrics count as sent (not those held
# for morning, cancelled or failed for good).
ON_THEIR_WAY = (
    OutboundMessage.Status.QUEUED,
    OutboundMessage.Status.SENDING,
    OutboundMessage.Status.SENT,
    OutboundMessage.Status.DELIVERED,
    OutboundMessage.Status.READ,
    OutboundMessage.Status.FAILED,  # failed once, to be tried again
)


def outbound_messages() -> QuerySet[OutboundMessage]:
    """Every message, to read (the dashboards' rollups); only outreach_send writes them."""
    return OutboundMessage.objects.all()


def outbound_sent(*, start: datetime.datetime, end: datetime.datetime) -> QuerySet[OutboundMessage]:
    """Messages created from ``start`` (inclusive) to ``end`` (exclusive) and sent or on
    their way, for aggregates over them."""
    return OutboundMessage.objects.filter(
        created_at__gte=start, created_at__lt=end, status__in=ON_THEIR_WAY
    )
