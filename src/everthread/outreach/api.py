"""Sending a message over the API: always through the gate, answered with its decision;
the outbox by status (the dead-letter list), and a retry that asks the gate again."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Query, Router, Schema

from everthread.consent.models import ConsentChannel, Purpose
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.core.schemas import PageParams, answer_once
from everthread.customers.services import customer_open
from everthread.outreach.models import OutboundMessage, OutreachDecision
from everthread.outreach.selectors import outbox_page
from everthread.outreach.services import outreach_retry, outreach_send

router = Router(tags=["outreach"])


class MessageIn(Schema):
    channel: ConsentChannel
    purpose: Purpose
    body: str = Field(description="The message.")
    subject: str = Field(default="", description="For email.")
    address: str = Field(
        default="", description="Which of the customer's addresses; default first."
    )
    template_id: int | None = Field(
        default=None,
        description="The template it was written from; outside WhatsApp's 24-hour window, "
        "an approved one, as rendered by its preview.",
    )
    send_anyway: bool | None = Field(
        default=None,
        description="false: refuse (409 tone_hints, with the hints) if the tone check warns; "
        "true: send anyway, recorded; omitted: send, with the hints recorded.",
    )


class MessageOut(Schema):
    id: int
    status: OutboundMessage.Status
    send_after: datetime.datetime
    interaction_id: int | None
    tone_hints: list[dict[str, Any]] = Field(description="What the tone check said.")
    sent_anyway: bool


class DecisionOut(Schema):
    id: int
    outcome: OutreachDecision.Outcome = Field(description="allowed, held or refused.")
    reasons: list[str] = Field(description="Every reason, in words staff understand.")
    send_after: datetime.datetime | None = Field(description="For a held message: when it goes.")
    channel: ConsentChannel
    purpose: Purpose
    address: str
    message: MessageOut | None


_DECISION_FIELDS = ("id", "outcome", "reasons", "send_after", "channel", "purpose", "address")


@router.post(
    "/customers/{customer_id}/messages",
    response={200: DecisionOut},
    summary="Send a message through the outreach gate: queued, held until morning, or refused",
)
@requires(Capability.SEND_OUTREACH)
def messages_send(request: StaffRequest, customer_id: int, payload: MessageIn) -> object:
    customer = customer_open(viewer=request.auth, customer_id=customer_id)

    def write() -> tuple[int, Schema]:
        sent = outreach_send(
            customer=customer,
            channel=payload.channel,
            purpose=payload.purpose,
            body=payload.body,
            subject=payload.subject,
            address=payload.address,
            actor=request.auth,
            template_id=payload.template_id,
            send_anyway=payload.send_anyway,
        )
        decision = sent.decision
        out = DecisionOut.model_validate(
            {
                **{name: getattr(decision, name) for name in _DECISION_FIELDS},
                "message": sent.message,
            }
        )
        return 200, out

    return answer_once(request, write)


class OutboxMessageOut(Schema):
    id: int
    customer_id: int
    customer_name: str
    channel: ConsentChannel
    purpose: Purpose
    address: str
    status: OutboundMessage.Status
    attempts: int = Field(description="How many times the outbox has tried to send it.")
    last_error: str = Field(description="Why the last attempt failed, in words staff understand.")
    provider_message_id: str
    created_at: datetime.datetime
    status_changed_at: datetime.datetime | None

    @staticmethod
    def resolve_customer_name(message: OutboundMessage) -> str:
        return str(message.customer)


class OutboxPageOut(Schema):
    items: list[OutboxMessageOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: Any) -> list[Any]:
        return page.messages


class OutboxParams(PageParams):
    status: OutboundMessage.Status = Field(
        default=OutboundMessage.Status.DEAD, description="Default: failed for good."
    )


class RetryOut(Schema):
    outcome: OutreachDecision.Outcome = Field(description="The gate's answer, asked again.")
    reasons: list[str]
    message: OutboxMessageOut


@router.get(
    "/outbox",
    response=OutboxPageOut,
    summary="Outbound messages in one status, newest first: by default those that failed for "
    "good (the dead-letter list), with why",
)
@requires(Capability.MANAGE_OUTBOX)
def outbox_list(request: StaffRequest, params: Query[OutboxParams]) -> object:
    return outbox_page(status=params.status, after=params.cursor, limit=params.limit)


@router.post(
    "/outbox/{message_id}/retry",
    response={200: RetryOut},
    summary="Send a message that failed for good again: the gate is asked again, so it is "
    "queued, held until morning, or stays failed with the gate's reasons",
)
@requires(Capability.MANAGE_OUTBOX)
def outbox_retry(request: StaffRequest, message_id: int) -> object:
    def write() -> tuple[int, Schema]:
        sent = outreach_retry(message_id=message_id, actor=request.auth)
        decision = sent.decision
        out = RetryOut.model_validate(
            {"outcome": decision.outcome, "reasons": decision.reasons, "message": sent.message}
        )
        return 200, out

    return answer_once(request, write)
