"""Tom's day: his overdue and today's follow-ups, his team's unassigned queue, the customers
he owes a reply and what he has been told; Hannah, his manager, also sees what is open and
overdue across her team."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from continuity import colleague, contact, customer, from_now, line_manager
from everthread.conversations.models import Journey
from everthread.conversations.services import JourneyStart, journey_update
from everthread.core.models import Staff
from everthread.followups.models import FollowUp
from everthread.followups.selectors import my_day
from everthread.followups.services import (
    FollowUpDraft,
    followup_complete,
    followup_hand_over,
    followup_open,
    notices_read,
)
from factories import FollowUpFactory, StoreFactory, TeamFactory

pytestmark = pytest.mark.django_db


@dataclass
class Week:
    morning: datetime.datetime  # tomorrow 09:00, when Tom opens his day
    followups: dict[str, FollowUp]
    owed: Journey


def _at(morning: datetime.datetime, hour: int, days: int = 0) -> datetime.datetime:
    return morning.replace(hour=hour) + datetime.timedelta(days=days)


@pytest.fixture
def hannah(associate) -> Staff:
    return line_manager(associate, "hannah", "Hannah Price")


@pytest.fixture
def week(associate, hannah) -> Week:
    tom, priya = associate, colleague("priya", "Priya Shah", role="agent")
    isabelle = colleague("isabelle", "Isabelle Laurent")
    manchester = TeamFactory(code="manchester-store", name="Manchester store team", manager=hannah)
    manchester.members.add(tom, hannah)
    covent_garden = TeamFactory(
        code="covent-garden-store", name="Covent Garden store team", store=StoreFactory()
    )
    amara = customer("Amara", "Osei")
    morning = (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )

    def follow_up(title: str, due_at: datetime.datetime, **holder) -> FollowUp:
        draft = FollowUpDraft(title=title, due_at=due_at, **holder)
        return followup_open(customer=amara, actor=priya, draft=draft)

    followups = {
        "last_week": FollowUpFactory(
            customer=amara,
            owner=tom,
            created_by=priya,
            title="Order the 10 in navy",
            due_at=from_now(days=-6),
        ),
        "at_eight": follow_up("Call Amara about the hem", _at(morning, 8), owner=tom),
        "at_five": follow_up("Amara tries the emerald wrap dress", _at(morning, 17), owner=tom),
        "the_day_after": follow_up("Send the wedding looks", _at(morning, 10, days=1), owner=tom),
        "done": follow_up("Steam the dress", _at(morning, 12), owner=tom),
        "isabelles": follow_up("Gift wrap for Charlotte", _at(morning, 11), owner=isabelle),
        "queue": follow_up("Unpack the emerald delivery", _at(morning, 15), team=manchester),
        "elsewhere": follow_up("Covent Garden stock count", _at(morning, 15), team=covent_garden),
        "handed": follow_up("Hold the dress until Saturday", _at(morning, 16), owner=priya),
    }
    followup_complete(followup_id=followups["done"].pk, actor=tom, outcome="Steamed")
    notices_read(staff=tom)
    followup_hand_over(
        followup_id=followups["handed"].pk,
        actor=priya,
        owner=tom,
        reason="Amara will collect in Manchester",
    )
    owed = contact(
        amara,
        "whatsapp",
        "Is the dress still held?",
        start=JourneyStart(kind="styling", title="Sister's wedding outfit", owner=tom),
    ).journey
    answered = contact(
        amara,
        "email",
        "Thank you!",
        start=JourneyStart(kind="general", title="Thanks", owner=tom),
    ).journey
    journey_update(journey=answered, actor=tom, status="resolved")
    contact(
        amara,
        "chat",
        "Where is my parcel?",
        start=JourneyStart(kind="order", title="Parcel", owner=priya),
    )
    return Week(morning=morning, followups=followups, owed=owed)


def test_tom_sees_his_day(associate, week: Week) -> None:
    day = my_day(staff=associate, now=week.morning)

    f = week.followups
    assert day.overdue == [f["last_week"], f["at_eight"]]
    assert day.due_today == [f["handed"], f["at_five"]]
    assert day.queue == [f["queue"]]
    assert day.owed_replies == [week.owed]
    assert [(n.kind, n.followup) for n in day.notices] == [("handed_over", f["handed"])]
    assert (day.team_overdue, day.team_open) == ([], [])


def test_hannah_sees_her_team(hannah, week: Week) -> None:
    day = my_day(staff=hannah, now=week.morning)

    f = week.followups
    assert day.team_overdue == [f["last_week"], f["at_eight"]]
    assert day.team_open == [f["queue"], f["handed"], f["at_five"], f["the_day_after"]]
    assert day.queue == [f["queue"]]
    assert (day.overdue, day.due_today, day.owed_replies) == ([], [], [])
