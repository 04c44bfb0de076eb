"""Marlow Hotels: Mei Lin's pre-arrival requests reached the York front desk, the pillows
were missed, and the morning after, duty manager Owen sees it overdue (story 3)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from everthread.conversations.models import Journey
from everthread.conversations.selectors import journeys_of
from everthread.core.models import Organisation, Staff
from everthread.customers.models import ContactPoint
from everthread.followups.models import FollowUp
from everthread.followups.selectors import continuity_brief, my_day

pytestmark = pytest.mark.django_db


def test_the_pillows_are_overdue_with_the_york_front_desk(demo: Callable[..., str]) -> None:
    demo(industry="hospitality")
    mei_lin = ContactPoint.objects.get(value="+447700900303").customer
    owen = Staff.objects.get(username="owen")

    [pillows] = FollowUp.objects.filter(customer=mei_lin)
    day = my_day(staff=owen)

    assert "feather-free pillows" in pillows.title.lower()
    assert pillows.status == FollowUp.Status.OPEN
    assert pillows.holder == "York front desk queue"
    assert pillows.created_by.username == "aisha"
    assert pillows.created_at < pillows.due_at
    # Owen is the York front desk's manager: he sees it in the queue and as his team's overdue.
    assert pillows in day.queue
    assert pillows in day.team_overdue


def test_the_stay_journey_tells_the_night_so_far(demo: Callable[..., str]) -> None:
    demo(industry="hospitality")
    mei_lin = ContactPoint.objects.get(value="+447700900303").customer

    [stay] = journeys_of(customer_id=mei_lin.pk)
    brief = continuity_brief(customer=mei_lin)

    assert stay.kind == Journey.Kind.STAY
    assert stay.channels == ["whatsapp", "in_store"]
    assert "feather-free pillows were not in the room" in stay.where_it_stands
    assert stay.awaiting_reply_since is not None  # her message about the pillows is unanswered
    assert brief.needs == ["feather-free pillows (allergy)"]


def test_the_hotel_group_speaks_in_its_own_voice(demo: Callable[..., str]) -> None:
    demo(industry="hospitality")

    organisation = Organisation.objects.get()
    assert (organisation.industry, organisation.time_zone) == ("hospitality", "Europe/London")
    assert "Apologise plainly" in organisation.voice_guidelines
