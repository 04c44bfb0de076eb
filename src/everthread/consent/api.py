"""Consent over the API: the grid and the history, and recording a change with evidence."""

from __future__ import annotations

import datetime

from ninja import Field, Router, Schema

from everthread.consent.ledger import ConsentState, Standing, standing_derive
from everthread.consent.models import ConsentChannel, ConsentEvent, Purpose, Source
from everthread.consent.selectors import consent_history
from everthread.consent.services import (
    Evidence,
    consent_do_not_contact,
    consent_object,
    consent_objection_lift,
    consent_record,
)
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.core.schemas import AwareDateTime, StaffRef, answer_once
from everthread.customers.services import customer_open

router = Router(tags=["consent"])
Kind = ConsentEvent.Kind


class ConsentEventOut(Schema):
    id: int
    kind: Kind
    channel: str
    purpose: str
    source: Source
    wording: str
    recorded_by: StaffRef | None
    occurred_at: datetime.datetime
    ip_address: str | None


class ConsentStateOut(Schema):
    channel: ConsentChannel
    purpose: Purpose
    state: str = Field(description="granted, withdrawn or never_asked.")
    basis: str = Field(description="consent, soft_opt_in, objection, or empty.")
    event_id: int | None

    @staticmethod
    def resolve_event_id(state: ConsentState) -> int | None:
        return state.event.pk if state.event else None


class ConsentOut(Schema):
    states: list[ConsentStateOut] = Field(description="Every channel by purpose.")
    objection: ConsentEventOut | None = Field(description="Set while an objection stands.")
    do_not_contact: ConsentEventOut | None
    flags: list[ConsentEventOut] = Field(description="Possible objections for staff to check.")
    history: list[ConsentEventOut] = Field(description="Every event, oldest first.")


class ConsentIn(Schema):
    kind: Kind = Field(
        description="granted, withdrawn, soft_opt_in for one channel and purpose; "
        "objected, objection_lifted, do_not_contact, contact_allowed for all."
    )
    channel: ConsentChannel | None = None
    purpose: Purpose | None = None
    source: Source = Field(description="Where the change came from.")
    wording: str = Field(default="", description="Required: what the customer saw or said.")
    occurred_at: AwareDateTime | None = None
    ip_address: str | None = Field(default=None, description="Required for web sources.")


def _out(history: list[ConsentEvent]) -> ConsentOut:
    standing: Standing = standing_derive(history)
    return ConsentOut.model_validate(
        {
            "states": [state for _, states in standing.rows() for state in states],
            "objection": standing.objection,
            "do_not_contact": standing.do_not_contact,
            "flags": standing.flags,
            "history": history,
        },
        from_attributes=True,
    )


@router.get(
    "/customers/{customer_id}/consents",
    response=ConsentOut,
    summary="The customer's consent now, for every channel and purpose, and its history",
)
@requires(Capability.VIEW_CUSTOMERS)
def consents_get(request: StaffRequest, customer_id: int) -> ConsentOut:
    customer = customer_open(viewer=request.auth, customer_id=customer_id)
    return _out(consent_history(customer_id=customer.pk))


@router.post(
    "/customers/{customer_id}/consents",
    response={201: ConsentOut},
    summary="Record a consent change with its evidence (refused without it)",
)
@requires(Capability.RECORD_CONSENT)
def consents_record(request: StaffRequest, customer_id: int, payload: ConsentIn) -> object:
    customer = customer_open(viewer=request.auth, customer_id=customer_id)
    evidence = Evidence(
        source=payload.source,
        wording=payload.wording,
        occurred_at=payload.occurred_at,
        ip_address=payload.ip_address,
    )

    def write() -> tuple[int, Schema]:
        if payload.kind == Kind.OBJECTED:
            consent_object(customer=customer, evidence=evidence, actor=request.auth)
        elif payload.kind == Kind.OBJECTION_LIFTED:
            consent_objection_lift(customer=customer, evidence=evidence, actor=request.auth)
        elif payload.kind in (Kind.DO_NOT_CONTACT, Kind.CONTACT_ALLOWED):
            on = payload.kind == Kind.DO_NOT_CONTACT
            consent_do_not_contact(customer=customer, evidence=evidence, actor=request.auth, on=on)
        else:
            consent_record(
                customer=customer,
                channel=payload.channel or "",
                purpose=payload.purpose or "",
                kind=payload.kind,
                evidence=evidence,
                actor=request.auth,
            )
        return 201, _out(consent_history(customer_id=customer.pk))

    return answer_once(request, write)
