"""A follow-up is done when its owner says what happened; it cannot be done twice, and a
cancelled one says why."""

from __future__ import annotations

import pytest

from continuity import customer, from_now
from everthread.conversations.models import TimelineEntry
from everthread.followups.errors import FollowUpClosed, InvalidFollowUp
from everthread.followups.models import FollowUp
from everthread.followups.services import (
    FollowUpDraft,
    followup_cancel,
    followup_complete,
    followup_open,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(associate) -> FollowUp:
    return followup_open(
        customer=customer("Amara", "Osei"),
        actor=associate,
        draft=FollowUpDraft(
            title="Amara tries the emerald wrap dress in 12",
            due_at=from_now(days=1),
            owner=associate,
        ),
    )


def test_done_with_what_happened(associate, followup: FollowUp) -> None:
    outcome = "Tried it on; bought the 12 and matching heels. Wedding sorted."

    done = followup_complete(followup_id=followup.pk, actor=associate, outcome=outcome)

    assert (done.status, done.outcome, done.closed_by) == ("done", outcome, associate)
    assert done.closed_at is not None
    line = TimelineEntry.objects.get(kind="followup", object_id=followup.pk)
    assert (line.text, line.detail["status"], line.detail["closed_by"]) == (
        outcome,
        "done",
        "Tom Reilly",
    )


def test_done_needs_an_outcome(associate, followup: FollowUp) -> None:
    with pytest.raises(InvalidFollowUp) as refused:
        followup_complete(followup_id=followup.pk, actor=associate, outcome="  ")

    assert refused.value.field == "outcome"
    followup.refresh_from_db()
    assert followup.status == "open"


def test_done_twice_is_a_conflict(associate, followup: FollowUp) -> None:
    followup_complete(followup_id=followup.pk, actor=associate, outcome="Bought the dress")

    with pytest.raises(FollowUpClosed) as refused:
        followup_complete(followup_id=followup.pk, actor=associate, outcome="Bought it again")

    assert (refused.value.http_status, refused.value.code) == (409, "followup_closed")
    assert refused.value.message == "This follow-up is already done."
    followup.refresh_from_db()
    assert followup.outcome == "Bought the dress"


def test_cancelled_with_a_reason_and_then_closed(associate, followup: FollowUp) -> None:
    with pytest.raises(InvalidFollowUp):
        followup_cancel(followup_id=followup.pk, actor=associate, reason="")

    followup_cancel(followup_id=followup.pk, actor=associate, reason="Amara found a dress")

    with pytest.raises(FollowUpClosed) as refused:
        followup_complete(followup_id=followup.pk, actor=associate, outcome="Bought it")
    assert refused.value.message == "This follow-up is already cancelled."
