"""The one way to send anything to a customer: ask the gate, record its answer, then send.

``outreach_send`` is the only writer of outbound messages (the model refuses any
other): a message the gate allows is queued and goes on the customer's timeline; one
refused only for quiet hours is held until morning in the customer's time zone.
The outbox (``delivery``) delivers queued messages through the providers.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from everthread.consent.models import ConsentChannel, ConsentEvent, Purpose, Source
from everthread.consent.services import Evidence, consent_record
from everthread.conversations.models import Interaction
from everthread.conversations.services import InteractionDraft, interaction_record
from everthread.core.models import Capability, Channel, Staff
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.contact_points import ContactKind
from everthread.customers.models import ContactPoint, Customer
from everthread.message_templates.models import MessageTemplate
from everthread.message_templates.selectors import message_template_get, template_render, tone_check
from everthread.message_templates.tone import WARNING, Hint
from everthread.outreach.adapters import Attachment
from everthread.outreach.delivery import outbox_enqueue
from everthread.outreach.errors import (
    InvalidOutreach,
    NotRetryable,
    OutboundMessageNotFound,
    ToneHintsPresent,
    UnsubscribeLinkInvalid,
    WhatsAppWindowClosed,
)
from everthread.outreach.models import OutboundMessage, OutreachDecision, _through_the_gate
from everthread.outreach.selectors import (
    Verdict,
    outreach_assess,
    reply_assess,
    whatsapp_last_inbound,
    whatsapp_window_open,
)
from everthread.outreach.unsubscribe import unsubscribe_read

Outcome = OutreachDecision.Outcome

# What Everthread itself sends, and the timeline channel each is recorded in; staff
# place phone calls and letters themselves (the gate still answers whether they may).
SENDABLE: dict[str, str] = {
    ConsentChannel.EMAIL: Channel.EMAIL,
    ConsentChannel.SMS: Channel.SMS,
    ConsentChannel.WHATSAPP: Channel.WHATSAPP,
    ConsentChannel.SOCIAL_DM: Channel.INSTAGRAM,
}
_SOCIAL_CHANNELS: dict[str, str] = {
    ContactKind.INSTAGRAM: Channel.INSTAGRAM,
    ContactKind.X: Channel.X,
    ContactKind.FACEBOOK: Channel.MESSENGER,
}


@dataclass(frozen=True)
class Sent:
    """What outreach_send did: the gate's decision, and the message if one was made."""

    decision: OutreachDecision
    message: OutboundMessage | None

    @property
    def outcome(self) -> str:
        return self.decision.outcome


def _validate(channel: str, purpose: str) -> None:
    if channel not in ConsentChannel.values:
        raise InvalidOutreach(f"“{channel}” is not a channel.", field="channel")
    if purpose not in Purpose.values:
        raise InvalidOutreach(f"“{purpose}” is not a purpose.", field="purpose")


@transaction.atomic
def outreach_decide(
    *,
    customer: Customer,
    channel: str,
    purpose: str,
    actor: Staff | None,
    address: str = "",
    at: datetime.datetime | None = None,
) -> OutreachDecision:
    """Ask the gate and record its answer (a decision row and an audit event)."""
    _validate(channel, purpose)
    verdict = outreach_assess(
        customer=customer,
        channel=channel,
        purpose=purpose,
        address=address,
        at=at or timezone.now(),
    )
    return _decision_record(verdict, at=at or timezone.now(), actor=actor)


@transaction.atomic
def outreach_reply_decide(
    *, customer: Customer, channel: str, actor: Staff, at: datetime.datetime | None = None
) -> OutreachDecision:
    """Ask the gate whether staff may answer the customer in a conversation the customer is
    holding now (a live chat), and record its answer as for any message."""
    at = at or timezone.now()
    return _decision_record(
        reply_assess(customer=customer, channel=channel, at=at), at=at, actor=actor
    )


def _decision_record(
    verdict: Verdict, *, at: datetime.datetime, actor: Staff | None
) -> OutreachDecision:
    decision = OutreachDecision.objects.create(
        customer_id=verdict.customer_id,
        channel=verdict.channel,
        purpose=verdict.purpose,
        address=verdict.address,
        at=at,
        outcome=verdict.outcome,
        reasons=verdict.reasons,
        send_after=verdict.send_after,
        decided_by=actor,
    )
    audit_record(
        actor=actor,
        action=f"outreach.{verdict.outcome}",
        subject=decision,
        customer_id=verdict.customer_id,
        detail={"channel": verdict.channel, "purpose": verdict.purpose, "reasons": verdict.reasons},
    )
    return decision


@transaction.atomic
def outreach_send(
    *,
    customer: Customer,
    channel: str,
    purpose: str,
    body: str,
    actor: Staff,
    subject: str = "",
    address: str = "",
    at: datetime.datetime | None = None,
    template_id: int | None = None,
    send_anyway: bool | None = None,
    attachments: Sequence[Attachment] = (),
) -> Sent:
    """Send through the gate: queued if allowed, held for morning, or refused with reasons.

    The tone check's hints are recorded with the message. With ``send_anyway=False`` a
    warning stops the send (ToneHintsPresent) so the sender can change it or confirm; None
    is for senders that do not take part in the check (automations). ``attachments`` go
    with an email only (a calendar invitation)."""
    capability_require(staff=actor, capability=Capability.SEND_OUTREACH)
    _validate(channel, purpose)
    if channel not in SENDABLE:
        raise InvalidOutreach(
            f"Everthread does not send by {ConsentChannel(channel).label.lower()}; the gate "
            "can still tell you whether to.",
            field="channel",
        )
    if not body.strip():
        raise InvalidOutreach("Write the message.", field="body")
    if attachments and channel != ConsentChannel.EMAIL:
        raise InvalidOutreach("Only an email carries attachments.", field="channel")
    at = at or timezone.now()
    if channel == ConsentChannel.WHATSAPP:
        _whatsapp_window_check(
            customer=customer, actor=actor, body=body, template_id=template_id, at=at
        )
    hints = outreach_tone_hints(
        customer=customer, channel=channel, body=body, at=at, send_anyway=send_anyway
    )
    # Lock the customer: two sends at once must not both fit under a frequency cap.
    Customer.objects.select_for_update().filter(pk=customer.pk).first()
    decision = outreach_decide(
        customer=customer, channel=channel, purpose=purpose, actor=actor, address=address, at=at
    )
    if decision.outcome == Outcome.REFUSED:
        return Sent(decision, None)
    held = decision.outcome == Outcome.HELD
    with _through_the_gate():
        message = OutboundMessage.objects.create(
            customer=customer,
            decision=decision,
            channel=channel,
            purpose=purpose,
            address=decision.address,
            subject=subject.strip()[:200],
            body=body.strip(),
            status=OutboundMessage.Status.HELD if held else OutboundMessage.Status.QUEUED,
            send_after=decision.send_after if held and decision.send_after else decision.at,
            next_attempt_at=None if held else decision.at,
            created_by=actor,
            tone_hints=[hint.as_dict() for hint in hints],
            sent_anyway=bool(send_anyway and hints),
            attachments=[attachment.as_dict() for attachment in attachments],
        )
    if held:
        transaction.on_commit(lambda: _schedule_release(message))
    else:
        message.interaction = _on_the_timeline(message, customer=customer, actor=actor)
        message.save(update_fields=["interaction"])
        transaction.on_commit(lambda: outbox_enqueue(message_id=message.pk))
    return Sent(decision, message)


def _whatsapp_window_check(
    *, customer: Customer, actor: Staff, body: str, template_id: int | None, at: datetime.datetime
) -> None:
    """Outside the 24-hour window WhatsApp carries only an approved template, word for word."""
    last = whatsapp_last_inbound(customer_id=customer.pk, at=at)
    if whatsapp_window_open(last, at=at):
        return
    organisation = organisation_get()
    template: MessageTemplate | None = None
    if template_id is not None:
        template = message_template_get(template_id=template_id, organisation=organisation)
    name = customer.greeting_name or "This customer"
    wrote = f"last wrote on WhatsApp on {_day(last)}" if last else "has not written on WhatsApp"
    if template is None or template.channel != ConsentChannel.WHATSAPP:
        raise WhatsAppWindowClosed(
            f"{name} {wrote}: outside the 24-hour window only a WhatsApp template approved by "
            "Meta may be sent. Choose one, or use another channel.",
            field="template",
        )
    if not template.whatsapp_approved:
        raise WhatsAppWindowClosed(
            f"“{template.name}” is not approved by Meta, and {name} {wrote}: outside the "
            "24-hour window only an approved template may be sent.",
            field="template",
        )
    rendered = template_render(
        template=template, customer=customer, staff=actor, organisation=organisation
    )
    if " ".join(rendered.body.split()) != " ".join(body.split()):
        raise WhatsAppWindowClosed(
            f"Outside the 24-hour window WhatsApp sends “{template.name}” as Meta approved it: "
            "undo the changes to the message, or wait until the customer writes.",
            field="body",
        )


def outreach_tone_hints(
    *, customer: Customer, channel: str, body: str, at: datetime.datetime, send_anyway: bool | None
) -> list[Hint]:
    """The tone check's hints for this message to this customer; with send_anyway=False a
    warning refuses it (ToneHintsPresent, carrying the hints)."""
    hints = tone_check(
        text=body,
        channel=SENDABLE[channel],
        organisation=organisation_get(),
        customer_id=customer.pk,
        at=at,
    )
    warnings = [hint for hint in hints if hint.severity == WARNING]
    if send_anyway is False and warnings:
        name = customer.greeting_name or "this customer"
        raise ToneHintsPresent(
            f"The tone check has {len(warnings)} suggestion{'s' if len(warnings) > 1 else ''} "
            f"for this message to {name}: change it, or send anyway.",
            field="body",
            hints=[hint.as_dict() for hint in hints],
        )
    return hints


def _day(moment: datetime.datetime | None) -> str:
    return f"{timezone.localtime(moment):%-d %B at %H:%M}" if moment else ""


def _schedule_release(message: OutboundMessage) -> None:
    from everthread.outreach.tasks import release_held_message

    if not release_held_message.get_backend().supports_defer:
        return  # tasks run inline (EVERTHREAD_TASKS_IMMEDIATE): nothing can wait for morning
    release_held_message.using(run_after=message.send_after).enqueue(message_id=message.pk)


def outreach_release(*, message_id: int, at: datetime.datetime | None = None) -> Sent | None:
    """Morning came for a held message: ask the gate again, since consent may have changed
    overnight, and queue it or cancel it. None if it was no longer held (released already)."""
    at = at or timezone.now()
    with transaction.atomic():
        # Claimed as cancelled until the gate says yes: one release wins, and the message
        # does not count against its own frequency cap while the gate looks again.
        claimed = OutboundMessage.objects.filter(
            pk=message_id, status=OutboundMessage.Status.HELD, send_after__lte=at
        ).update(status=OutboundMessage.Status.CANCELLED)
        if claimed != 1:
            return None
        message = OutboundMessage.objects.select_related("customer", "created_by").get(
            pk=message_id
        )
        decision = _ask_again(message, actor=None, at=at)
        if decision.outcome != Outcome.ALLOWED:
            return Sent(decision, message)
        message.status = OutboundMessage.Status.QUEUED
        message.next_attempt_at = at
        message.interaction = _on_the_timeline(
            message, customer=message.customer, actor=message.created_by
        )
        message.save(update_fields=["status", "next_attempt_at", "interaction"])
        transaction.on_commit(lambda: outbox_enqueue(message_id=message_id))
        return Sent(decision, message)


def outreach_retry(*, message_id: int, actor: Staff, at: datetime.datetime | None = None) -> Sent:
    """Staff send a failed-for-good message again: the gate is asked again (consent may
    have changed since), and the message is queued afresh, held for morning, or stays
    on the dead-letter list with the gate's reasons."""
    capability_require(staff=actor, capability=Capability.SEND_OUTREACH)
    at = at or timezone.now()
    with transaction.atomic():
        message = OutboundMessage.objects.select_related("customer").filter(pk=message_id).first()
        if message is None:
            raise OutboundMessageNotFound("There is no such message.")
        # Claimed as cancelled while the gate looks: two clicks on Retry send it once.
        claimed = OutboundMessage.objects.filter(
            pk=message_id, status=OutboundMessage.Status.DEAD
        ).update(status=OutboundMessage.Status.CANCELLED)
        if claimed != 1:
            raise NotRetryable(
                f"This message is {message.get_status_display().lower()}, not failed for good: "
                "there is nothing to retry."
            )
        decision = _ask_again(message, actor=actor, at=at)
        held = decision.outcome == Outcome.HELD
        if decision.outcome == Outcome.REFUSED:
            message.status = OutboundMessage.Status.DEAD
            message.last_error = " ".join(decision.reasons)[:300]
        elif held and decision.send_after:
            message.status, message.send_after = OutboundMessage.Status.HELD, decision.send_after
        else:
            message.status, message.next_attempt_at = OutboundMessage.Status.QUEUED, at
            message.attempts, message.last_error = 0, ""
        message.save(
            update_fields=["status", "send_after", "next_attempt_at", "attempts", "last_error"]
        )
        audit_record(
            actor=actor,
            action="outreach.retried",
            subject=message,
            customer_id=message.customer_id,
            detail={"outcome": decision.outcome},
        )
        if message.status == OutboundMessage.Status.QUEUED:
            transaction.on_commit(lambda: outbox_enqueue(message_id=message_id))
        elif message.status == OutboundMessage.Status.HELD:
            transaction.on_commit(lambda: _schedule_release(message))
    return Sent(decision, message)


def _ask_again(
    message: OutboundMessage, *, actor: Staff | None, at: datetime.datetime
) -> OutreachDecision:
    return outreach_decide(
        customer=message.customer,
        channel=message.channel,
        purpose=message.purpose,
        actor=actor,
        address=message.address,
        at=at,
    )


def _on_the_timeline(message: OutboundMessage, *, customer: Customer, actor: Staff) -> Interaction:
    channel = SENDABLE[message.channel]
    if message.channel == ConsentChannel.SOCIAL_DM:
        point = ContactPoint.objects.filter(customer=customer, value=message.address).first()
        channel = _SOCIAL_CHANNELS.get(point.kind if point else "", Channel.INSTAGRAM)
    interaction, _ = interaction_record(
        customer=customer,
        staff=actor,
        draft=InteractionDraft(
            channel=channel,
            direction=Interaction.Direction.OUTBOUND,
            summary=message.subject or message.body.splitlines()[0],
            body=message.body,
            occurred_at=min(message.send_after, timezone.now()),
        ),
    )
    return interaction


# How far along a message is: a late "sent" receipt never undoes "delivered" or "read".
_PROGRESS: dict[str, int] = {
    OutboundMessage.Status.QUEUED: 0,
    OutboundMessage.Status.SENDING: 0,
    OutboundMessage.Status.SENT: 1,
    OutboundMessage.Status.DELIVERED: 2,
    OutboundMessage.Status.READ: 3,
}
# The providers' words for what happened to a message, in Everthread's statuses.
RECEIPT_STATUSES: dict[str, str] = {
    "accepted": OutboundMessage.Status.QUEUED,
    "queued": OutboundMessage.Status.QUEUED,
    "sending": OutboundMessage.Status.QUEUED,
    "sent": OutboundMessage.Status.SENT,
    "delivered": OutboundMessage.Status.DELIVERED,
    "read": OutboundMessage.Status.READ,
    "failed": OutboundMessage.Status.FAILED,
    "undelivered": OutboundMessage.Status.FAILED,
}


@transaction.atomic
def outreach_delivery_update(
    *,
    provider_message_id: str,
    status: str,
    detail: str = "",
    at: datetime.datetime | None = None,
) -> OutboundMessage | None:
    """A provider's receipt for a message it took: record how far it got.

    None when no message carries that provider id (a receipt for something another
    system sent). Receipts arrive out of order and more than once: a message only moves
    forward, and a failure after delivery is kept as detail rather than undoing it.
    """
    new_status = RECEIPT_STATUSES.get(status.strip().lower())
    if new_status is None:
        raise InvalidOutreach(f"“{status}” is not a delivery status.", field="status")
    message = (
        OutboundMessage.objects.select_for_update()
        .filter(provider_message_id=provider_message_id)
        .exclude(provider_message_id="")
        .first()
    )
    if message is None:
        return None
    current = _PROGRESS.get(message.status)
    moves_forward = (
        new_status == OutboundMessage.Status.FAILED and current is not None and current <= 1
    ) or (new_status in _PROGRESS and current is not None and _PROGRESS[new_status] > current)
    if moves_forward:
        message.status = new_status
        message.status_changed_at = at or timezone.now()
    if detail:
        message.status_detail = detail[:300]
    if moves_forward or detail:
        message.save(update_fields=["status", "status_changed_at", "status_detail"])
    return message


@transaction.atomic
def outreach_unsubscribe(*, token: str, ip_address: str | None, wording: str) -> ConsentEvent:
    """Withdraw what a signed link names, for the customer it names, recording where from."""
    subscription = unsubscribe_read(token)
    customer = Customer.objects.filter(pk=subscription.customer_id).first()
    if customer is None:
        raise UnsubscribeLinkInvalid("This unsubscribe link is for a record we no longer hold.")
    return consent_record(
        customer=customer,
        channel=subscription.channel,
        purpose=subscription.purpose,
        kind=ConsentEvent.Kind.WITHDRAWN,
        evidence=Evidence(
            source=Source.UNSUBSCRIBE_LINK, wording=wording, ip_address=ip_address or "0.0.0.0"
        ),
        actor=None,
    )
