"""Messages already sent, as history: what `everthread generate` loads into a base at scale.

They went before the base existed, so no gate decides them now: each is written with the
allowed decision it went under, and none is left queued, so the outbox never sends one.
This is the one way outside outreach_send to write these tables, and it sends nothing.
"""

from __future__ import annotations

from django.db.models import Model

from everthread.outreach.models import OutboundMessage, OutreachDecision, outbound_key

# The tables history is written to, for COPY: the gate's decisions, then the messages.
DECISION_TABLE: type[Model] = OutreachDecision
MESSAGE_TABLE: type[Model] = OutboundMessage
Status = OutboundMessage.Status
ALLOWED = OutreachDecision.Outcome.ALLOWED.value


def history_key(decision_id: int) -> str:
    """The idempotency key the message would have carried (outbound_key)."""
    return outbound_key(decision_id)
