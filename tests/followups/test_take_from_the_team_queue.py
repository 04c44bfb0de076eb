"""A request waiting in a team's queue is taken by one colleague; it leaves the queue, the
history says so, and a colleague who clicks a moment later is told it has gone."""

from __future__ import annotations

import pytest
from django.utils import timezone

from continuity import colleague, covent_garden_team, customer, from_now
from everthread.followups.errors import FollowUpTaken
from everthread.followups.models import FollowUp
from everthread.followups.selectors import my_day, team_followups
from everthread.followups.services import FollowUpDraft, followup_open, followup_take

pytestmark = pytest.mark.django_db


@pytest.fixture
def isabelle():
    return colleague("isabelle", "Isabelle Laurent")


@pytest.fixture
def oliver():
    return colleague("oliver", "Oliver Grant", role="manager")


@pytest.fixture
def queued(isabelle, oliver) -> FollowUp:
    team = covent_garden_team(manager=oliver, members=(isabelle, oliver))
    return followup_open(
        customer=customer("Rosa", "Alvarez"),
        actor=colleague("chloe", "Chloe Evans", role="agent"),
        draft=FollowUpDraft(
            title="Try on the red toggle raincoat: where does it fall?",
            due_at=from_now(hours=2),
            team=team,
            kind="request",
            reply_channel="chat",
        ),
    )


def test_taking_it_makes_it_yours(isabelle, queued: FollowUp) -> None:
    assert list(team_followups(staff=isabelle)) == [queued]

    taken = followup_take(followup_id=queued.pk, actor=isabelle)
    followup_take(followup_id=queued.pk, actor=isabelle)  # a double click

    assert (taken.owner, taken.team) == (isabelle, None)
    assert list(team_followups(staff=isabelle)) == []
    # Seen from the start of the day it falls due (due in two hours may be after midnight).
    morning = timezone.localtime(taken.due_at).replace(hour=0, minute=0, second=0, microsecond=0)
    day = my_day(staff=isabelle, now=morning)
    assert (day.queue, day.due_today) == ([], [taken])
    [handover] = taken.handovers.all()
    assert (handover.from_team, handover.to_owner, handover.reason) == (
        queued.team,
        isabelle,
        "Taken from the team queue",
    )
    assert not isabelle.notices.exists()  # nobody needs telling that they took it


def test_a_second_colleague_cannot_take_it_from_the_first(isabelle, oliver, queued) -> None:
    followup_take(followup_id=queued.pk, actor=isabelle)

    with pytest.raises(FollowUpTaken) as refused:
        followup_take(followup_id=queued.pk, actor=oliver)

    assert refused.value.http_status == 409
    assert refused.value.message == (
        "It is already with Isabelle Laurent; ask them to hand it over."
    )
    queued.refresh_from_db()
    assert queued.owner == isabelle
    assert queued.handovers.count() == 1
