"""Writes for interactions, journeys and the timeline every app writes to."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from everthread.conversations.errors import InvalidInteraction
from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.core.models import Channel, Staff, Store, Team
from everthread.core.services import audit_record
from everthread.customers.models import Customer


@dataclass(frozen=True)
class TimelineLine:
    """What the timeline shows for one row of some app."""

    kind: str
    object_id: int
    customer_id: int
    occurred_at: datetime.datetime
    title: str
    text: str = ""
    channel: str = ""
    journey_id: int | None = None
    staff_id: int | None = None
    detail: dict[str, Any] | None = None


def timeline_write(line: TimelineLine) -> TimelineEntry:
    """Write or rewrite the timeline's line for one row: the owning app calls this on change."""
    entry, _ = TimelineEntry.objects.update_or_create(
        kind=line.kind,
        object_id=line.object_id,
        defaults={
            "customer_id": line.customer_id,
            "occurred_at": line.occurred_at,
            "title": line.title[:300],
            "text": line.text,
            "channel": line.channel,
            "journey_id": line.journey_id,
            "staff_id": line.staff_id,
            "detail": line.detail or {},
        },
    )
    return entry


def timeline_remove(*, kind: str, object_id: int) -> None:
    TimelineEntry.objects.filter(kind=kind, object_id=object_id).delete()


@dataclass(frozen=True)
class JourneyStart:
    """An interaction that starts a new journey says what the journey is."""

    kind: str
    title: str
    owner: Staff | None = None


@transaction.atomic
def journey_open(
    *,
    customer: Customer,
    actor: Staff | None,
    kind: str,
    title: str,
    owner: Staff | None = None,
    at: datetime.datetime | None = None,
) -> Journey:
    if kind not in Journey.Kind.values:
        raise InvalidInteraction(f"“{kind}” is not a kind of journey.", field="kind")
    if not title.strip():
        raise InvalidInteraction("Give the journey a title staff will recognise.", field="title")
    at = at or timezone.now()
    journey = Journey.objects.create(
        customer=customer,
        kind=kind,
        title=title.strip()[:200],
        owner=owner or actor,
        opened_at=at,
        last_activity_at=at,
        opened_by=actor,
    )
    audit_record(actor=actor, action="journey.opened", subject=journey, customer_id=customer.pk)
    return journey


@transaction.atomic
def journey_update(
    *,
    journey: Journey,
    actor: Staff,
    status: str | None = None,
    owner: Staff | None = None,
    where_it_stands: str | None = None,
) -> Journey:
    changed: list[str] = []
    if status is not None and status != journey.status:
        if status not in Journey.Status.values:
            raise InvalidInteraction(f"“{status}” is not a journey status.", field="status")
        journey.status = status
        journey.resolved_at = timezone.now() if status == Journey.Status.RESOLVED else None
        if status == Journey.Status.RESOLVED:
            journey.awaiting_reply_since = None
        changed += ["status", "resolved_at", "awaiting_reply_since"]
    if owner is not None and owner != journey.owner:
        journey.owner = owner
        changed.append("owner")
    if where_it_stands is not None:
        journey.where_it_stands = where_it_stands.strip()[:300]
        changed.append("where_it_stands")
    if changed:
        journey.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="journey.updated",
            subject=journey,
            customer_id=journey.customer_id,
            detail={"changed": sorted(set(changed))},
        )
    return journey


def journey_touch(*, journey: Journey, channel: str, at: datetime.datetime, direction: str) -> None:
    """A contact on this journey: note its channel and whether the customer awaits a reply."""
    # Two contacts on one journey at once (a chat and a call) must not lose each other's
    # channel: change the row as it is now, under a lock.
    given, journey = journey, Journey.objects.select_for_update().get(pk=journey.pk)
    fields = ["last_activity_at"]
    journey.last_activity_at = max(journey.last_activity_at, at)
    if channel and channel not in journey.channels:
        journey.channels = [*journey.channels, channel]
        fields.append("channels")
    answered_live = channel in LIVE_CHANNELS and direction != Interaction.Direction.INTERNAL
    if (
        direction == Interaction.Direction.INBOUND
        and not answered_live
        and journey.awaiting_reply_since is None
    ):
        journey.awaiting_reply_since = at
        fields.append("awaiting_reply_since")
    elif direction == Interaction.Direction.OUTBOUND or answered_live:
        journey.awaiting_reply_since = None
        fields.append("awaiting_reply_since")
    if not journey.is_open and direction == Interaction.Direction.INBOUND:
        # The customer came back about it: the need is live again. (Our own message after
        # the fact, a thank-you or a survey, leaves it resolved.)
        journey.status, journey.resolved_at = Journey.Status.OPEN, None
        fields += ["status", "resolved_at"]
    journey.save(update_fields=fields)
    for name in fields:
        setattr(given, name, getattr(journey, name))


def journey_await_reply(*, journey: Journey, at: datetime.datetime) -> None:
    """The customer is owed an answer on this journey (e.g. a colleague's answer came back)."""
    Journey.objects.filter(pk=journey.pk, awaiting_reply_since__isnull=True).update(
        awaiting_reply_since=at
    )


@dataclass(frozen=True)
class InteractionDraft:
    channel: str
    direction: str
    summary: str
    body: str = ""
    occurred_at: datetime.datetime | None = None
    external_id: str = ""
    store: Store | None = None
    team: Team | None = None


def interaction_record(
    *,
    customer: Customer,
    staff: Staff | None,
    draft: InteractionDraft,
    journey: Journey | None = None,
    start: JourneyStart | None = None,
) -> tuple[Interaction, bool]:
    """Record a contact, continuing ``journey`` or starting one; returns (interaction, created).

    A delivery with an external id already recorded in that channel returns the
    first interaction unchanged: channels retry, the timeline never doubles.
    """
    _validate(draft, customer=customer, journey=journey, start=start)
    if draft.external_id:
        first = _recorded(draft)
        if first is not None:
            return first, False
    try:
        with transaction.atomic():
            return _interaction_create(customer, staff, draft, journey, start), True
    except IntegrityError:
        # Two deliveries of the same message raced; the other one won.
        first = _recorded(draft)
        if first is None:
            raise
        return first, False


def _recorded(draft: InteractionDraft) -> Interaction | None:
    return Interaction.objects.filter(channel=draft.channel, external_id=draft.external_id).first()


def _interaction_create(
    customer: Customer,
    staff: Staff | None,
    draft: InteractionDraft,
    journey: Journey | None,
    start: JourneyStart | None,
) -> Interaction:
    at = draft.occurred_at or timezone.now()
    if start is not None:
        journey = journey_open(
            customer=customer,
            actor=staff,
            kind=start.kind,
            title=start.title,
            owner=start.owner,
            at=at,
        )
    interaction = Interaction.objects.create(
        customer=customer,
        journey=journey,
        channel=draft.channel,
        direction=draft.direction,
        occurred_at=at,
        staff=staff,
        store=draft.store,
        team=draft.team,
        summary=draft.summary.strip()[:300],
        body=draft.body.strip(),
        external_id=draft.external_id,
    )
    if journey is not None:
        journey_touch(journey=journey, channel=draft.channel, at=at, direction=draft.direction)
    timeline_write(interaction_line(interaction))
    audit_record(
        actor=staff, action="interaction.recorded", subject=interaction, customer_id=customer.pk
    )
    return interaction


def interaction_line(interaction: Interaction) -> TimelineLine:
    return TimelineLine(
        kind="interaction",
        object_id=interaction.pk,
        customer_id=interaction.customer_id,
        occurred_at=interaction.occurred_at,
        title=interaction.summary,
        text=interaction.body,
        channel=interaction.channel,
        journey_id=interaction.journey_id,
        staff_id=interaction.staff_id,
        detail={
            "direction": interaction.direction,
            "staff": str(interaction.staff) if interaction.staff else "",
            "store": str(interaction.store) if interaction.store else "",
            "team": str(interaction.team) if interaction.team else "",
        },
    )


def _validate(
    draft: InteractionDraft,
    *,
    customer: Customer,
    journey: Journey | None,
    start: JourneyStart | None,
) -> None:
    if draft.channel not in Channel.values:
        raise InvalidInteraction(f"“{draft.channel}” is not a channel.", field="channel")
    if draft.direction not in Interaction.Direction.values:
        raise InvalidInteraction("Direction is inbound, outbound or internal.", field="direction")
    if not draft.summary.strip():
        raise InvalidInteraction("Say in a line what the contact was about.", field="summary")
    if journey is not None and start is not None:
        raise InvalidInteraction(
            "An interaction either continues a journey or starts one, not both.",
            field="journey_id",
        )
    if journey is not None and journey.customer_id != customer.pk:
        raise InvalidInteraction("That journey is another customer's.", field="journey_id")
    if draft.occurred_at is not None and draft.occurred_at > timezone.now() + _CLOCK_SKEW:
        raise InvalidInteraction("An interaction cannot happen in the future.", field="occurred_at")


# A conversation face to face, on the phone or on video is answered as it happens:
# the customer is not left waiting for a reply afterwards.
LIVE_CHANNELS = frozenset({Channel.IN_STORE, Channel.PHONE, Channel.VIDEO})

# Channels' clocks differ from ours by a little; a contact a minute "ahead" is still real.
_CLOCK_SKEW = datetime.timedelta(minutes=5)
