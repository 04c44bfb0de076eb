"""Writes for follow-ups: open, take, hand over, complete, cancel, remind and escalate."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import (
    InteractionDraft,
    TimelineLine,
    interaction_record,
    journey_await_reply,
    timeline_write,
)
from everthread.core.models import Channel, Staff, Team
from everthread.core.services import audit_record
from everthread.customers.models import Customer
from everthread.followups.errors import (
    FollowUpClosed,
    FollowUpNotFound,
    FollowUpTaken,
    InvalidFollowUp,
)
from everthread.followups.models import FollowUp, Handover, Notice

# How long before the due time the owner is reminded.
REMINDER_LEAD = datetime.timedelta(hours=1)
# A due time this close to now is "now": forms round to the minute and clocks drift.
_GRACE = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class FollowUpDraft:
    title: str
    due_at: datetime.datetime | None
    owner: Staff | None = None
    team: Team | None = None
    detail: str = ""
    kind: str = FollowUp.Kind.TASK
    journey: Journey | None = None
    interaction: Interaction | None = None
    reply_channel: str = ""


@transaction.atomic
def followup_open(*, customer: Customer, actor: Staff, draft: FollowUpDraft) -> FollowUp:
    _validate(draft, customer=customer)
    assert draft.due_at is not None  # checked by _validate
    followup = FollowUp.objects.create(
        customer=customer,
        journey=draft.journey,
        interaction=draft.interaction,
        kind=draft.kind,
        title=draft.title.strip()[:300],
        detail=draft.detail.strip(),
        owner=draft.owner,
        team=None if draft.owner else draft.team,
        due_at=draft.due_at,
        reply_channel=draft.reply_channel,
        created_by=actor,
    )
    if followup.owner is not None and followup.owner != actor:
        _notify(followup.owner, followup, Notice.Kind.ASSIGNED, f"From {actor}: {followup.title}")
    timeline_write(followup_line(followup))
    audit_record(actor=actor, action="followup.opened", subject=followup, customer_id=customer.pk)
    transaction.on_commit(lambda: _schedule(followup))
    return followup


def _validate(draft: FollowUpDraft, *, customer: Customer) -> None:
    if not draft.title.strip():
        raise InvalidFollowUp("Say what needs doing.", field="title")
    if draft.due_at is None:
        raise InvalidFollowUp("Give the follow-up a due time.", field="due_at")
    if draft.due_at < timezone.now() - _GRACE:
        raise InvalidFollowUp(
            "The due time has already passed; choose a later one.", field="due_at"
        )
    _require_holder(draft.owner, draft.team)
    if draft.kind not in FollowUp.Kind.values:
        raise InvalidFollowUp(f"“{draft.kind}” is not a kind of follow-up.", field="kind")
    if draft.reply_channel and draft.reply_channel not in Channel.values:
        # Caught here, not when the answer comes back and cannot be recorded in it.
        raise InvalidFollowUp(f"“{draft.reply_channel}” is not a channel.", field="reply_channel")
    for source in (draft.journey, draft.interaction):
        if source is not None and source.customer_id != customer.pk:
            raise InvalidFollowUp(
                "A follow-up can only come from this customer's own journey or contact.",
                field="journey_id" if source is draft.journey else "interaction_id",
            )


def _require_holder(owner: Staff | None, team: Team | None) -> None:
    if owner is None and team is None:
        raise InvalidFollowUp(
            "Every follow-up needs an owner: a colleague or a team.", field="owner"
        )
    if owner is not None and not (isinstance(owner, Staff) and owner.is_active):
        raise InvalidFollowUp("The owner must be a member of staff who can sign in.", field="owner")


def followup_of(*, followup_id: int, lock: bool = False) -> FollowUp:
    rows = FollowUp.objects.select_related("customer", "owner", "team", "journey")
    if lock:
        rows = rows.select_for_update(of=("self",))
    followup = rows.filter(pk=followup_id).first()
    if followup is None:
        raise FollowUpNotFound(f"There is no follow-up with id {followup_id}.")
    return followup


@transaction.atomic
def followup_hand_over(
    *,
    followup_id: int,
    actor: Staff,
    reason: str,
    owner: Staff | None = None,
    team: Team | None = None,
) -> FollowUp:
    """Pass a follow-up to a colleague or a team queue; the reason and the history are kept."""
    followup = _open_locked(followup_id)
    if not reason.strip():
        raise InvalidFollowUp("Say why you are handing it over.", field="reason")
    _require_holder(owner, team)
    if owner == followup.owner and (owner is not None or team == followup.team):
        raise InvalidFollowUp(f"It is already with {followup.holder}.", field="owner")
    Handover.objects.create(
        followup=followup,
        from_owner=followup.owner,
        from_team=followup.team,
        to_owner=owner,
        to_team=None if owner else team,
        reason=reason.strip()[:300],
        by=actor,
    )
    followup.owner, followup.team = owner, (None if owner else team)
    # The new holder gets their own reminder and a fresh chance before escalation.
    followup.reminded_at = followup.escalated_at = followup.escalated_to = None
    followup.save(update_fields=["owner", "team", "reminded_at", "escalated_at", "escalated_to"])
    if owner is not None and owner != actor:
        _notify(owner, followup, Notice.Kind.HANDED_OVER, f"{actor} handed this to you: {reason}")
    timeline_write(followup_line(followup))
    audit_record(
        actor=actor,
        action="followup.handed_over",
        subject=followup,
        customer_id=followup.customer_id,
        detail={"to": followup.holder, "reason": reason.strip()},
    )
    transaction.on_commit(lambda: _schedule(followup))
    return followup


@transaction.atomic
def followup_take(*, followup_id: int, actor: Staff) -> FollowUp:
    """Take a follow-up from a team queue: the first colleague to take it has it."""
    followup = _open_locked(followup_id)
    if followup.owner == actor:
        return followup  # a double click
    if followup.owner is not None:
        # Two colleagues clicked "take" together; the second must not take it from the first.
        raise FollowUpTaken(f"It is already with {followup.owner}; ask them to hand it over.")
    return followup_hand_over(
        followup_id=followup_id, actor=actor, owner=actor, reason="Taken from the team queue"
    )


@transaction.atomic
def followup_complete(*, followup_id: int, actor: Staff, outcome: str) -> FollowUp:
    """Done, with what happened. A request's answer goes back to the conversation it came from."""
    followup = _open_locked(followup_id)
    if not outcome.strip():
        raise InvalidFollowUp(
            "Say what happened: the outcome is what colleagues read next.", field="outcome"
        )
    _close(followup, actor=actor, status=FollowUp.Status.DONE, outcome=outcome.strip())
    if followup.kind == FollowUp.Kind.REQUEST:
        _answer_back(followup, actor=actor)
    return followup


@transaction.atomic
def followup_cancel(*, followup_id: int, actor: Staff, reason: str) -> FollowUp:
    followup = _open_locked(followup_id)
    if not reason.strip():
        raise InvalidFollowUp("Say why it is no longer needed.", field="reason")
    _close(followup, actor=actor, status=FollowUp.Status.CANCELLED, outcome=reason.strip())
    return followup


def _open_locked(followup_id: int) -> FollowUp:
    followup = followup_of(followup_id=followup_id, lock=True)
    if not followup.is_open:
        raise FollowUpClosed(f"This follow-up is already {followup.get_status_display().lower()}.")
    return followup


def _close(followup: FollowUp, *, actor: Staff, status: str, outcome: str) -> None:
    followup.status, followup.outcome = status, outcome
    followup.closed_at, followup.closed_by = timezone.now(), actor
    followup.save(update_fields=["status", "outcome", "closed_at", "closed_by"])
    timeline_write(followup_line(followup))
    audit_record(
        actor=actor,
        action=f"followup.{status}",
        subject=followup,
        customer_id=followup.customer_id,
    )


def _answer_back(followup: FollowUp, *, actor: Staff) -> None:
    """Put the colleague's answer in the conversation and tell whoever asked."""
    interaction, _ = interaction_record(
        customer=followup.customer,
        staff=actor,
        draft=InteractionDraft(
            channel=followup.reply_channel
            or (followup.interaction.channel if followup.interaction else "in_store"),
            direction=Interaction.Direction.INTERNAL,
            summary=f"{actor} answered “{followup.title}”",
            body=followup.outcome,
            team=followup.team,
        ),
        journey=followup.journey,
    )
    if followup.journey is not None:
        journey_await_reply(journey=followup.journey, at=interaction.occurred_at)
    if followup.created_by != actor:
        _notify(
            followup.created_by,
            followup,
            Notice.Kind.ANSWERED,
            f"{actor} answered: {followup.outcome}",
        )


def _notify(staff: Staff, followup: FollowUp, kind: str, text: str) -> None:
    Notice.objects.create(staff=staff, followup=followup, kind=kind, text=text[:500])


def _schedule(followup: FollowUp) -> None:
    """Queue the reminder and the escalation check for this follow-up's due time."""
    from everthread.followups.tasks import escalate_overdue_followup, remind_followup_owner

    if not escalate_overdue_followup.get_backend().supports_defer:
        return  # tasks run inline (EVERTHREAD_TASKS_IMMEDIATE): nothing can wait for a time
    remind_at = max(followup.due_at - REMINDER_LEAD, timezone.now())
    remind_followup_owner.using(run_after=remind_at).enqueue(followup_id=followup.pk)
    escalate_overdue_followup.using(run_after=followup.due_at).enqueue(followup_id=followup.pk)


def followup_remind(*, followup_id: int) -> bool:
    """Remind the holder that it is due soon, once. True if a reminder went."""
    now = timezone.now()
    with transaction.atomic():
        claimed = FollowUp.objects.filter(
            pk=followup_id,
            status=FollowUp.Status.OPEN,
            reminded_at__isnull=True,
            due_at__lte=now + REMINDER_LEAD + _GRACE,
        ).update(reminded_at=now)
        if claimed != 1:
            return False  # done, already reminded, or its due time moved
        followup = followup_of(followup_id=followup_id)
        due = timezone.localtime(followup.due_at).strftime("%H:%M on %-d %B")
        for staff in _holders(followup):
            _notify(staff, followup, Notice.Kind.REMINDER, f"Due at {due}: {followup.title}")
    return True


def followup_escalate(*, followup_id: int) -> bool:
    """Tell the holder's manager that a follow-up is overdue, once. True if it escalated."""
    now = timezone.now()
    with transaction.atomic():
        claimed = FollowUp.objects.filter(
            pk=followup_id,
            status=FollowUp.Status.OPEN,
            escalated_at__isnull=True,
            due_at__lte=now,
        ).update(escalated_at=now)
        if claimed != 1:
            return False
        followup = followup_of(followup_id=followup_id)
        manager = _manager_of(followup)
        if manager is not None:
            followup.escalated_to = manager
            followup.save(update_fields=["escalated_to"])
            _notify(
                manager,
                followup,
                Notice.Kind.ESCALATED,
                f"Overdue with {followup.holder}: {followup.title}",
            )
        timeline_write(followup_line(followup))
        audit_record(
            actor=None,
            action="followup.escalated",
            subject=followup,
            customer_id=followup.customer_id,
            detail={"to": str(manager) if manager else ""},
        )
    return True


def _holders(followup: FollowUp) -> list[Staff]:
    if followup.owner is not None:
        return [followup.owner]
    assert followup.team is not None
    return list(followup.team.members.filter(is_active=True))


def _manager_of(followup: FollowUp) -> Staff | None:
    if followup.owner is not None:
        return followup.owner.manager
    assert followup.team is not None
    return followup.team.manager


@transaction.atomic
def notices_read(*, staff: Staff) -> int:
    return Notice.objects.filter(staff=staff, read_at__isnull=True).update(read_at=timezone.now())


def followup_line(followup: FollowUp) -> TimelineLine:
    return TimelineLine(
        kind="followup",
        object_id=followup.pk,
        customer_id=followup.customer_id,
        occurred_at=followup.created_at,
        title=followup.title,
        text=followup.outcome or followup.detail,
        channel=followup.reply_channel,
        journey_id=followup.journey_id,
        staff_id=followup.created_by_id,
        detail={
            "kind": followup.kind,
            "status": followup.status,
            "holder": followup.holder,
            "due_at": followup.due_at.isoformat(),
            "escalated": followup.escalated_at is not None,
            "created_by": str(followup.created_by),
            "closed_by": str(followup.closed_by) if followup.closed_by else "",
        },
    )
