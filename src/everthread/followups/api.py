"""Follow-ups over the API: open, list, hand over, take, complete, cancel, and my day."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from everthread.conversations.selectors import interaction_get, journey_of
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Channel, Staff, Team
from everthread.core.permissions import customer_read_record, requires
from everthread.core.schemas import (
    AwareDateTime,
    CustomerRef,
    PageParams,
    StaffRef,
    TeamRef,
    answer_once,
    staff_named,
    team_coded,
)
from everthread.customers.selectors import customer_detail
from everthread.followups.models import FollowUp, Notice
from everthread.followups.selectors import followup_detail, followups_page, my_day
from everthread.followups.services import (
    FollowUpDraft,
    followup_cancel,
    followup_complete,
    followup_hand_over,
    followup_open,
    followup_take,
)

router = Router(tags=["follow-ups"])


class HolderIn(Schema):
    owner: str | None = Field(default=None, description="Username of the colleague.")
    team: str | None = Field(
        default=None, description="Team code: the team's queue, when no colleague is named."
    )

    def holder(self) -> tuple[Staff | None, Team | None]:
        return (
            staff_named(self.owner, field="owner") if self.owner else None,
            team_coded(self.team, field="team") if self.team else None,
        )


class FollowUpIn(HolderIn):
    title: str = Field(description="What needs doing, or the question for a colleague.")
    detail: str = ""
    kind: FollowUp.Kind = Field(
        default=FollowUp.Kind.TASK,
        description="A request's answer goes back to the conversation it came from.",
    )
    due_at: AwareDateTime
    journey_id: int | None = None
    interaction_id: int | None = Field(default=None, description="The contact it came from.")
    reply_channel: Channel | None = Field(
        default=None, description="For a request: where the customer waits for the answer."
    )


class HandOverIn(HolderIn):
    reason: str = Field(default="", description="Required: why it changes hands.")


class CompleteIn(Schema):
    outcome: str = Field(default="", description="Required: what happened.")


class CancelIn(Schema):
    reason: str = Field(default="", description="Required: why it is no longer needed.")


class FollowUpOut(Schema):
    id: int
    kind: FollowUp.Kind
    title: str
    detail: str
    customer: CustomerRef
    journey_id: int | None
    interaction_id: int | None
    owner: StaffRef | None
    team: TeamRef | None = Field(description="Set while it waits in a team's queue.")
    holder: str = Field(description="Who holds it, as staff say it.")
    due_at: datetime.datetime
    overdue: bool
    status: FollowUp.Status
    outcome: str
    reply_channel: str
    created_by: StaffRef
    created_at: datetime.datetime
    closed_at: datetime.datetime | None
    escalated_at: datetime.datetime | None

    @staticmethod
    def resolve_overdue(followup: FollowUp) -> bool:
        return followup.is_open and followup.due_at < timezone.now()


class HandoverOut(Schema):
    from_owner: StaffRef | None
    from_team: TeamRef | None
    to_owner: StaffRef | None
    to_team: TeamRef | None
    reason: str
    by: StaffRef
    at: datetime.datetime


class FollowUpDetailOut(FollowUpOut):
    closed_by: StaffRef | None
    escalated_to: StaffRef | None
    handovers: list[HandoverOut] = Field(description="Who held it before, oldest first.")

    @staticmethod
    def resolve_handovers(followup: FollowUp) -> list[Any]:
        return list(followup.handovers.all())


class FollowUpPageOut(Schema):
    items: list[FollowUpOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: Any) -> list[Any]:
        return page.followups


class ListParams(PageParams):
    mine: bool = Field(default=False, description="What I hold.")
    team: bool = Field(default=False, description="My teams' unassigned queues.")
    customer: int | None = Field(default=None, description="Only this customer's.")
    status: Literal["open", "done", "cancelled", "all"] = "open"


class OwedReplyOut(Schema):
    journey_id: int
    title: str
    customer: CustomerRef
    channels: list[str]
    awaiting_reply_since: datetime.datetime

    @staticmethod
    def resolve_journey_id(journey: Any) -> int:
        return int(journey.pk)


class NoticeOut(Schema):
    id: int
    kind: Notice.Kind
    text: str
    at: datetime.datetime
    followup_id: int
    customer: CustomerRef

    @staticmethod
    def resolve_customer(notice: Notice) -> Any:
        return notice.followup.customer


class DayOut(Schema):
    overdue: list[FollowUpOut]
    due_today: list[FollowUpOut]
    queue: list[FollowUpOut] = Field(description="My teams' follow-ups that nobody has taken.")
    owed_replies: list[OwedReplyOut] = Field(description="Customers waiting for my answer.")
    notices: list[NoticeOut] = Field(description="Unread: reminders, hand-overs, answers.")
    team_overdue: list[FollowUpOut] = Field(description="For managers: overdue in my teams.")
    team_open: list[FollowUpOut] = Field(description="For managers: the rest still open.")


def _changed(request: StaffRequest, change: Callable[[], FollowUp]) -> object:
    """Make one change to a follow-up and answer with the follow-up as it now stands."""

    def write() -> tuple[int, Schema]:
        followup = change()
        return 200, FollowUpDetailOut.from_orm(followup_detail(followup_id=followup.pk))

    return answer_once(request, write)


@router.post(
    "/customers/{customer_id}/followups",
    response={201: FollowUpDetailOut},
    summary="Open a follow-up or a request to a colleague, owned by a person or a team queue",
)
@requires(Capability.EDIT_CUSTOMERS)
def followups_open(request: StaffRequest, customer_id: int, payload: FollowUpIn) -> object:
    customer = customer_detail(customer_id=customer_id)

    def write() -> tuple[int, Schema]:
        owner, team = payload.holder()
        followup = followup_open(
            customer=customer,
            actor=request.auth,
            draft=FollowUpDraft(
                title=payload.title,
                detail=payload.detail,
                kind=payload.kind,
                due_at=payload.due_at,
                owner=owner,
                team=team,
                journey=journey_of(customer=customer, journey_id=payload.journey_id)
                if payload.journey_id
                else None,
                interaction=interaction_get(
                    interaction_id=payload.interaction_id, customer_id=customer.pk
                )
                if payload.interaction_id
                else None,
                reply_channel=payload.reply_channel or "",
            ),
        )
        return 201, FollowUpDetailOut.from_orm(followup_detail(followup_id=followup.pk))

    return answer_once(request, write)


@router.get(
    "/followups",
    response=FollowUpPageOut,
    summary="List follow-ups: mine, my teams' queues, or a customer's; soonest due first",
)
@requires(Capability.VIEW_CUSTOMERS)
def followups_list(request: StaffRequest, params: Query[ListParams]) -> object:
    return followups_page(
        viewer=request.auth,
        mine=params.mine,
        team=params.team,
        customer_id=params.customer,
        status="" if params.status == "all" else params.status,
        after=params.cursor,
        limit=params.limit,
    )


@router.get(
    "/followups/{followup_id}",
    response=FollowUpDetailOut,
    summary="Read a follow-up with the history of who held it",
)
@requires(Capability.VIEW_CUSTOMERS)
def followups_read(request: StaffRequest, followup_id: int) -> object:
    followup = followup_detail(followup_id=followup_id)
    customer_read_record(viewer=request.auth, subject=followup, customer_id=followup.customer_id)
    return followup


@router.post(
    "/followups/{followup_id}/hand-over",
    response=FollowUpDetailOut,
    summary="Hand a follow-up to a colleague or a team queue, saying why",
)
@requires(Capability.EDIT_CUSTOMERS)
def followups_hand_over(request: StaffRequest, followup_id: int, payload: HandOverIn) -> object:
    def change() -> FollowUp:
        owner, team = payload.holder()
        return followup_hand_over(
            followup_id=followup_id,
            actor=request.auth,
            reason=payload.reason,
            owner=owner,
            team=team,
        )

    return _changed(request, change)


@router.post(
    "/followups/{followup_id}/take",
    response=FollowUpDetailOut,
    summary="Take a follow-up from your team's queue",
)
@requires(Capability.EDIT_CUSTOMERS)
def followups_take(request: StaffRequest, followup_id: int) -> object:
    return _changed(request, lambda: followup_take(followup_id=followup_id, actor=request.auth))


@router.post(
    "/followups/{followup_id}/complete",
    response=FollowUpDetailOut,
    summary="Complete a follow-up with its outcome (a request's answer returns to its journey)",
)
@requires(Capability.EDIT_CUSTOMERS)
def followups_complete(request: StaffRequest, followup_id: int, payload: CompleteIn) -> object:
    return _changed(
        request,
        lambda: followup_complete(
            followup_id=followup_id, actor=request.auth, outcome=payload.outcome
        ),
    )


@router.post(
    "/followups/{followup_id}/cancel",
    response=FollowUpDetailOut,
    summary="Cancel a follow-up that is no longer needed, saying why",
)
@requires(Capability.EDIT_CUSTOMERS)
def followups_cancel(request: StaffRequest, followup_id: int, payload: CancelIn) -> object:
    return _changed(
        request,
        lambda: followup_cancel(followup_id=followup_id, actor=request.auth, reason=payload.reason),
    )


@router.get(
    "/me/day",
    response=DayOut,
    summary="My day: overdue, due today, my teams' queue, replies I owe, notices",
)
@requires(Capability.VIEW_CUSTOMERS)
def me_day(request: StaffRequest) -> object:
    return my_day(staff=request.auth)
