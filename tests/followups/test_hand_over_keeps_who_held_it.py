"""Handing a follow-up over keeps the history: who had it, who has it now, why, and who
passed it on; the new holder is told."""

from __future__ import annotations

import pytest

from continuity import colleague, covent_garden_team, customer, from_now
from everthread.conversations.models import TimelineEntry
from everthread.core.models import AuditEvent
from everthread.followups.errors import InvalidFollowUp
from everthread.followups.models import FollowUp
from everthread.followups.services import FollowUpDraft, followup_hand_over, followup_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(associate) -> FollowUp:
    return followup_open(
        customer=customer("Amara", "Osei"),
        actor=colleague("priya", "Priya Shah", role="agent"),
        draft=FollowUpDraft(
            title="Hold the emerald wrap dress in 12 until Saturday",
            due_at=from_now(days=3),
            owner=associate,
        ),
    )


def test_each_hand_over_is_kept_with_its_reason(associate, followup: FollowUp) -> None:
    isabelle = colleague("isabelle", "Isabelle Laurent")
    team = covent_garden_team(members=(isabelle,))

    followup_hand_over(
        followup_id=followup.pk,
        actor=associate,
        owner=isabelle,
        reason="Amara will collect in London, not Manchester",
    )
    followup_hand_over(
        followup_id=followup.pk, actor=isabelle, team=team, reason="On leave from Friday"
    )

    history = [
        (h.from_owner, h.from_team, h.to_owner, h.to_team, h.reason, h.by)
        for h in followup.handovers.all()
    ]
    assert history == [
        (
            associate,
            None,
            isabelle,
            None,
            "Amara will collect in London, not Manchester",
            associate,
        ),
        (isabelle, None, None, team, "On leave from Friday", isabelle),
    ]
    followup.refresh_from_db()
    assert (followup.owner, followup.team, followup.holder) == (
        None,
        team,
        "Covent Garden store team queue",
    )
    [told] = isabelle.notices.all()
    assert (told.kind, told.text) == (
        "handed_over",
        "Tom Reilly handed this to you: Amara will collect in London, not Manchester",
    )
    line = TimelineEntry.objects.get(kind="followup", object_id=followup.pk)
    assert line.detail["holder"] == "Covent Garden store team queue"
    audited = AuditEvent.objects.filter(action="followup.handed_over").order_by("id")
    assert [event.detail["to"] for event in audited] == [
        "Isabelle Laurent",
        "Covent Garden store team queue",
    ]


def test_handing_it_to_whoever_has_it_is_refused(associate, followup: FollowUp) -> None:
    with pytest.raises(InvalidFollowUp) as refused:
        followup_hand_over(
            followup_id=followup.pk, actor=associate, owner=associate, reason="Mine now"
        )

    assert refused.value.message == "It is already with Tom Reilly."
    assert not followup.handovers.exists()


def test_a_hand_over_to_nobody_is_refused(associate, followup: FollowUp) -> None:
    with pytest.raises(InvalidFollowUp) as refused:
        followup_hand_over(followup_id=followup.pk, actor=associate, reason="Not for me")

    assert refused.value.field == "owner"
