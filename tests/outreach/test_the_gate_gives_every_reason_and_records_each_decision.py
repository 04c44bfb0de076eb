"""Refused for several reasons at once, the gate names them all; every decision is a row
and an audit event."""

from __future__ import annotations

from consenting import at_local
from everthread.core.models import AuditEvent
from everthread.outreach.models import OutreachDecision
from everthread.outreach.services import outreach_decide


def test_every_reason_is_given(sofia, advisor) -> None:
    decision = outreach_decide(
        customer=sofia,
        channel="social_dm",
        purpose="marketing",
        actor=advisor,
        at=at_local("Europe/London", 22, 30),
    )

    assert decision.outcome == "refused"
    assert decision.reasons == [
        "Sofia has not agreed to Social direct message marketing: ask them first.",
        "Sofia has no social direct message on file for Social direct message.",
        "It is 22:30 for Sofia (Europe/London): quiet hours until 08:00 — "
        "it will wait for morning.",
    ]


def test_each_decision_is_recorded_and_audited(charlotte, advisor) -> None:
    decision = outreach_decide(
        customer=charlotte,
        channel="email",
        purpose="marketing",
        actor=advisor,
        at=at_local("Europe/London", 11),
    )

    assert OutreachDecision.objects.get() == decision
    audit = AuditEvent.objects.get(action="outreach.allowed")
    assert (audit.actor, audit.customer_id) == (advisor, charlotte.pk)
    assert audit.detail["channel"] == "email"
