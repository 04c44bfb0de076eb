"""A follow-up still open after its due time is escalated once: to the owner's manager, or to
the team's manager for a queue, with a notice and an audit event. A hand-over gives the new
holder a fresh escalation."""

from __future__ import annotations

import pytest

from continuity import colleague, covent_garden_team, customer, from_now, line_manager
from everthread.conversations.models import TimelineEntry
from everthread.core.models import AuditEvent, Staff
from everthread.followups.models import FollowUp, Notice
from everthread.followups.services import (
    FollowUpDraft,
    followup_complete,
    followup_escalate,
    followup_hand_over,
    followup_open,
)
from factories import FollowUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hannah(associate) -> Staff:
    return line_manager(associate, "hannah", "Hannah Price")


@pytest.fixture
def overdue(associate) -> FollowUp:
    return FollowUpFactory(
        customer=customer("Amara", "Osei"),
        title="Call Amara: is the dress held?",
        owner=associate,
        due_at=from_now(hours=-2),
    )


def test_the_owners_manager_hears_once(hannah, overdue: FollowUp) -> None:
    assert followup_escalate(followup_id=overdue.pk) is True
    assert followup_escalate(followup_id=overdue.pk) is False

    overdue.refresh_from_db()
    assert overdue.escalated_at is not None
    assert overdue.escalated_to == hannah
    [notice] = Notice.objects.filter(kind="escalated")
    assert (notice.staff, notice.kind, notice.text) == (
        hannah,
        "escalated",
        "Overdue with Tom Reilly: Call Amara: is the dress held?",
    )
    [event] = AuditEvent.objects.filter(action="followup.escalated")
    assert (event.actor, event.subject_id, event.detail) == (
        None,
        str(overdue.pk),
        {"to": "Hannah Price"},
    )
    assert TimelineEntry.objects.get(kind="followup", object_id=overdue.pk).detail["escalated"]


def test_not_before_it_is_due(associate, hannah) -> None:
    followup = followup_open(
        customer=customer("Amara", "Osei"),
        actor=associate,
        draft=FollowUpDraft(title="Call Amara", due_at=from_now(hours=1), owner=associate),
    )

    assert followup_escalate(followup_id=followup.pk) is False
    assert not Notice.objects.filter(kind="escalated").exists()


def test_not_once_it_is_done(associate, hannah, overdue: FollowUp) -> None:
    followup_complete(followup_id=overdue.pk, actor=associate, outcome="Called; held")

    assert followup_escalate(followup_id=overdue.pk) is False
    assert not Notice.objects.filter(kind="escalated").exists()


def test_a_queue_escalates_to_the_teams_manager() -> None:
    oliver = colleague("oliver", "Oliver Grant", role="manager")
    team = covent_garden_team(manager=oliver)
    queued = FollowUpFactory(
        title="Try on the red toggle raincoat", owner=None, team=team, due_at=from_now(hours=-1)
    )

    assert followup_escalate(followup_id=queued.pk) is True

    [notice] = oliver.notices.all()
    assert (
        notice.text == "Overdue with Covent Garden store team queue: Try on the red toggle raincoat"
    )


def test_without_a_manager_it_is_still_marked_and_audited(overdue: FollowUp) -> None:
    assert followup_escalate(followup_id=overdue.pk) is True

    overdue.refresh_from_db()
    assert (overdue.escalated_at is not None, overdue.escalated_to) == (True, None)
    assert not Notice.objects.filter(kind="escalated").exists()
    assert AuditEvent.objects.get(action="followup.escalated").detail == {"to": ""}


def test_a_hand_over_gives_the_new_holder_a_fresh_escalation(hannah, overdue) -> None:
    oliver = colleague("oliver", "Oliver Grant", role="manager")
    isabelle = colleague("isabelle", "Isabelle Laurent", manager=oliver)
    followup_escalate(followup_id=overdue.pk)

    followup_hand_over(
        followup_id=overdue.pk, actor=hannah, owner=isabelle, reason="Amara is in London now"
    )
    overdue.refresh_from_db()
    assert (overdue.escalated_at, overdue.escalated_to, overdue.reminded_at) == (None, None, None)

    assert followup_escalate(followup_id=overdue.pk) is True
    overdue.refresh_from_db()
    assert overdue.escalated_to == oliver
    assert [(n.staff, n.kind) for n in Notice.objects.order_by("id")] == [
        (hannah, "escalated"),
        (isabelle, "handed_over"),
        (oliver, "escalated"),
    ]
