"""Everything "my day" shows costs the same five queries with one follow-up of each sort or
twenty, for a colleague and for a manager who also sees their team's."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from continuity import colleague, contact, customer, from_now, line_manager
from everthread.conversations.services import JourneyStart
from everthread.core.models import Staff
from everthread.followups.selectors import Day, my_day
from everthread.followups.services import FollowUpDraft, followup_hand_over, followup_open
from factories import FollowUpFactory, TeamFactory

pytestmark = pytest.mark.django_db

DAY_QUERIES = 5
# Tomorrow morning: every follow-up below is due later that day, whenever the test runs.
MORNING = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=9, minute=0)


@pytest.fixture
def hannah(associate) -> Staff:
    return line_manager(associate, "hannah", "Hannah Price")


def _a_busy_day(tom, hannah, each: int) -> None:
    priya = colleague("priya", "Priya Shah", role="agent")
    team = TeamFactory(code="manchester-store", name="Manchester store team", manager=hannah)
    team.members.add(tom, hannah)
    for n in range(each):
        amara = customer("Amara", f"Osei {n}")
        FollowUpFactory(customer=amara, owner=tom, created_by=priya, due_at=from_now(days=-2))
        followup_open(
            customer=amara,
            actor=priya,
            draft=FollowUpDraft(
                title=f"Unpack delivery {n}",
                due_at=MORNING + datetime.timedelta(hours=3),
                team=team,
            ),
        )
        handed = followup_open(
            customer=amara,
            actor=priya,
            draft=FollowUpDraft(
                title=f"Call back {n}", due_at=MORNING + datetime.timedelta(hours=4), owner=priya
            ),
        )
        followup_hand_over(followup_id=handed.pk, actor=priya, owner=tom, reason="Her client")
        contact(
            amara,
            "whatsapp",
            "Is it ready?",
            start=JourneyStart(kind="order", title=f"Order {n}", owner=tom),
        )


def _what_the_page_shows(day: Day) -> list[str]:
    followups = day.overdue + day.due_today + day.queue + day.team_overdue + day.team_open
    return (
        [f"{f.customer} {f.holder} {f.created_by}" for f in followups]
        + [f"{journey.customer}" for journey in day.owed_replies]
        + [f"{notice.followup.customer}" for notice in day.notices]
    )


@pytest.mark.parametrize("each", [1, 20])
def test_the_same_queries_however_busy_the_day(
    associate, hannah, django_assert_num_queries, each: int
) -> None:
    _a_busy_day(associate, hannah, each)

    with django_assert_num_queries(DAY_QUERIES):
        toms = my_day(staff=associate, now=MORNING)
        _what_the_page_shows(toms)
    with django_assert_num_queries(DAY_QUERIES):
        hannahs = my_day(staff=hannah, now=MORNING)
        _what_the_page_shows(hannahs)

    assert (len(toms.overdue), len(toms.due_today), len(toms.queue)) == (each, each, each)
    assert len(toms.owed_replies) == len(toms.notices) == each
    assert (len(hannahs.team_overdue), len(hannahs.team_open)) == (each, 2 * each)
