"""Refused for several reasons at once, the gate names them all; every decision is a row
and an audit event."""

from __future__ import annotations

from consenting import at_local, decide
from everthread.core.models import AuditEvent
from everthread.outreach.models import OutreachDecision


def test_every_reason_is_given(sofia, advisor) -> None:
    decision = decide(
        sofia, "social_dm", "marketing", by=advisor, at=at_local("Europe/London", 22, 30)
    )

    assert decision.outcome == "refused"
    assert decision.reasons == [
        "Sofia has not agreed to Social direct message marketing: ask them first.",
        "Sofia has no social direct message on file for Social direct message.",
        "It is 22:30 for Sofia (Europe/London): quiet hours until 08:00 — "
        "it will wait for morning.",
    ]


def test_each_decision_is_recorded_and_audited(charlotte, advisor) -> None:
    decision = decide(charlotte, "email", "marketing", by=advisor)

    assert OutreachDecision.objects.get() == decision
    audit = AuditEvent.objects.get(action="outreach.allowed")
    assert (audit.actor, audit.customer_id) == (advisor, charlotte.pk)
    assert audit.detail["channel"] == "email"
