"""Interactions, the customer's timeline and journeys over the API."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Query, Router, Schema

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.selectors import (
    interaction_get,
    journey_get,
    journey_of,
    journeys_page,
    timeline_page,
)
from everthread.conversations.services import (
    InteractionDraft,
    JourneyStart,
    interaction_record,
    journey_open,
    journey_update,
)
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Channel
from everthread.core.permissions import customer_read_record, requires
from everthread.core.schemas import (
    AwareDateTime,
    PageParams,
    StaffRef,
    StoreRef,
    TeamRef,
    answer_once,
    staff_named,
    store_coded,
    team_coded,
)
from everthread.customers.selectors import customer_detail
from everthread.customers.services import customer_open

router = Router(tags=["timeline"])


class JourneyStartIn(Schema):
    kind: Journey.Kind
    title: str = Field(description="What staff will recognise it by, e.g. “Wedding outfit”.")
    owner: str | None = Field(default=None, description="Username; the recorder when left out.")


class InteractionIn(Schema):
    channel: Channel
    direction: Interaction.Direction
    summary: str = Field(description="One line: what the contact was about.")
    body: str = ""
    occurred_at: AwareDateTime | None = Field(default=None, description="Now when left out.")
    external_id: str = Field(
        default="",
        description="The channel's own id for this contact. A repeated delivery with the "
        "same channel and external id returns the first interaction with 200 and changes "
        "nothing.",
    )
    store: str | None = Field(default=None, description="Store code, for contacts in a store.")
    team: str | None = Field(default=None, description="Team code, e.g. the contact centre.")
    journey_id: int | None = Field(default=None, description="The journey this continues.")
    start_journey: JourneyStartIn | None = Field(
        default=None, description="Start a journey with this contact instead."
    )

    def draft(self) -> InteractionDraft:
        return InteractionDraft(
            channel=self.channel,
            direction=self.direction,
            summary=self.summary,
            body=self.body,
            occurred_at=self.occurred_at,
            external_id=self.external_id.strip(),
            store=store_coded(self.store, field="store") if self.store else None,
            team=team_coded(self.team, field="team") if self.team else None,
        )

    def start(self) -> JourneyStart | None:
        start = self.start_journey
        if start is None:
            return None
        owner = staff_named(start.owner, field="start_journey.owner") if start.owner else None
        return JourneyStart(kind=start.kind, title=start.title, owner=owner)


class InteractionOut(Schema):
    id: int
    customer_id: int
    journey_id: int | None
    channel: Channel
    direction: Interaction.Direction
    occurred_at: datetime.datetime
    staff: StaffRef | None
    store: StoreRef | None
    team: TeamRef | None
    summary: str
    body: str
    external_id: str
    recorded_at: datetime.datetime


class TimelineEntryOut(Schema):
    id: int
    kind: str = Field(description="What the line is: interaction, note, followup, ...")
    object_id: int = Field(description="The id of that interaction, note or follow-up.")
    occurred_at: datetime.datetime
    channel: str
    journey_id: int | None
    staff_id: int | None
    title: str
    text: str
    detail: dict[str, Any] = Field(description="What this kind shows besides title and text.")


class TimelineOut(Schema):
    items: list[TimelineEntryOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for older entries.")

    @staticmethod
    def resolve_items(page: Any) -> list[Any]:
        return page.entries


class TimelineParams(PageParams):
    channel: Channel | None = None
    journey: int | None = Field(default=None, description="Only this journey's entries.")


class JourneyOut(Schema):
    id: int
    customer_id: int
    kind: Journey.Kind
    title: str
    status: Journey.Status
    owner: StaffRef | None
    channels: list[Channel] = Field(description="Every channel it touched, first one first.")
    awaiting_reply_since: datetime.datetime | None = Field(
        description="Set while the customer's last word has had no answer."
    )
    where_it_stands: str
    opened_at: datetime.datetime
    last_activity_at: datetime.datetime
    resolved_at: datetime.datetime | None


class JourneyIn(Schema):
    kind: Journey.Kind
    title: str
    owner: str | None = Field(default=None, description="Username; you when left out.")


class JourneyPatch(Schema):
    status: Journey.Status | None = None
    owner: str | None = Field(default=None, description="Username of the new owner.")
    where_it_stands: str | None = Field(default=None, description="One line for the brief.")


class JourneyPageOut(Schema):
    items: list[JourneyOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: Any) -> list[Any]:
        return page.journeys


@router.post(
    "/customers/{customer_id}/interactions",
    response={201: InteractionOut, 200: InteractionOut},
    summary="Record a contact in any channel; a repeated delivery returns the first (200)",
)
@requires(Capability.EDIT_CUSTOMERS)
def interactions_record(request: StaffRequest, customer_id: int, payload: InteractionIn) -> object:
    customer = customer_detail(customer_id=customer_id)
    journey = (
        journey_of(customer=customer, journey_id=payload.journey_id) if payload.journey_id else None
    )

    def write() -> tuple[int, Schema]:
        interaction, created = interaction_record(
            customer=customer,
            staff=request.auth,
            draft=payload.draft(),
            journey=journey,
            start=payload.start(),
        )
        out = interaction_get(interaction_id=interaction.pk)
        return (201 if created else 200), InteractionOut.from_orm(out)

    return answer_once(request, write)


@router.get(
    "/customers/{customer_id}/interactions/{interaction_id}",
    response=InteractionOut,
    summary="Read one interaction",
)
@requires(Capability.VIEW_CUSTOMERS)
def interactions_read(request: StaffRequest, customer_id: int, interaction_id: int) -> object:
    customer_open(viewer=request.auth, customer_id=customer_id)
    return interaction_get(interaction_id=interaction_id, customer_id=customer_id)


@router.get(
    "/customers/{customer_id}/timeline",
    response=TimelineOut,
    summary="The customer's timeline, newest first, by channel or journey",
)
@requires(Capability.VIEW_CUSTOMERS)
def timeline(request: StaffRequest, customer_id: int, params: Query[TimelineParams]) -> object:
    customer_open(viewer=request.auth, customer_id=customer_id)
    return timeline_page(
        customer_id=customer_id,
        channel=params.channel or "",
        journey_id=params.journey,
        after=params.cursor,
        limit=params.limit,
    )


@router.get(
    "/customers/{customer_id}/journeys",
    response=JourneyPageOut,
    tags=["journeys"],
    summary="The customer's journeys, open ones first",
)
@requires(Capability.VIEW_CUSTOMERS)
def journeys_list(request: StaffRequest, customer_id: int, params: Query[PageParams]) -> object:
    customer_open(viewer=request.auth, customer_id=customer_id)
    return journeys_page(customer_id=customer_id, after=params.cursor, limit=params.limit)


@router.post(
    "/customers/{customer_id}/journeys",
    response={201: JourneyOut},
    tags=["journeys"],
    summary="Open a journey: one need, followed across channels",
)
@requires(Capability.EDIT_CUSTOMERS)
def journeys_open(request: StaffRequest, customer_id: int, payload: JourneyIn) -> object:
    customer = customer_detail(customer_id=customer_id)
    owner = staff_named(payload.owner, field="owner") if payload.owner else None

    def write() -> tuple[int, Schema]:
        journey = journey_open(
            customer=customer,
            actor=request.auth,
            kind=payload.kind,
            title=payload.title,
            owner=owner,
        )
        return 201, JourneyOut.from_orm(journey)

    return answer_once(request, write)


@router.get(
    "/journeys/{journey_id}", response=JourneyOut, tags=["journeys"], summary="Read a journey"
)
@requires(Capability.VIEW_CUSTOMERS)
def journeys_read(request: StaffRequest, journey_id: int) -> object:
    journey = journey_get(journey_id=journey_id)
    customer_read_record(viewer=request.auth, subject=journey, customer_id=journey.customer_id)
    return journey


@router.patch(
    "/journeys/{journey_id}",
    response=JourneyOut,
    tags=["journeys"],
    summary="Change a journey's status, owner or where it stands",
)
@requires(Capability.EDIT_CUSTOMERS)
def journeys_update(request: StaffRequest, journey_id: int, payload: JourneyPatch) -> object:
    journey = journey_get(journey_id=journey_id)
    return journey_update(
        journey=journey,
        actor=request.auth,
        status=payload.status,
        owner=staff_named(payload.owner, field="owner") if payload.owner else None,
        where_it_stands=payload.where_it_stands,
    )
