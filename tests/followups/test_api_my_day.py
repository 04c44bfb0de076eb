"""GET /me/day gives Tom his day: what is overdue, what is due later today, his team's
unassigned queue, the customers waiting for his reply and his unread notices, in a fixed
number of queries however much is on it."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from continuity import colleague, contact, customer, from_now
from everthread.conversations.services import JourneyStart
from everthread.core.models import Staff
from everthread.followups.services import FollowUpDraft, followup_hand_over, followup_open
from factories import FollowUpFactory, TeamFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def later_today() -> datetime.datetime:
    """A due time still ahead today in the organisation's time zone."""
    now = timezone.localtime(timezone.now(), LONDON)
    last_minute = now.replace(hour=23, minute=58, second=0, microsecond=0)
    if last_minute - now < datetime.timedelta(minutes=5):
        pytest.skip("in the day's last minutes nothing can still be due later today")
    return last_minute


def _day_of(tom: Staff, later_today: datetime.datetime, extra: int = 0) -> None:
    """Tom's week: one overdue, one due later today, one tomorrow, one in his team's queue,
    Amara waiting for his reply, and a hand-over notice. ``extra`` adds more of each."""
    priya = colleague("priya", "Priya Shah", role="agent")
    manchester = TeamFactory(code="manchester-store", name="Manchester store team")
    manchester.members.add(tom)
    amara = customer("Amara", "Osei")
    contact(
        amara,
        "whatsapp",
        "Can I come in on Saturday instead?",
        start=JourneyStart(kind="styling", title="Wedding outfit", owner=tom),
    )

    def opened(title: str, due_at: datetime.datetime, **holder: object):
        draft = FollowUpDraft(title=title, due_at=due_at, **holder)
        return followup_open(customer=amara, actor=priya, draft=draft)

    for n in range(1 + extra):
        overdue = from_now(days=-3)
        FollowUpFactory(
            customer=amara, owner=tom, created_by=priya, title=f"Order the navy {n}", due_at=overdue
        )
        opened(f"Hold the dress {n}", later_today, owner=tom)
        opened(f"Send the looks {n}", from_now(days=2), owner=tom)
        opened(f"Steam the dress {n}", from_now(days=1), team=manchester)
        given = opened(f"Call back {n}", from_now(days=3), owner=priya)
        followup_hand_over(followup_id=given.pk, actor=priya, owner=tom, reason="Tom knows her")


def test_my_day_lists_what_is_due_owed_and_waiting(
    signed_in: Client, associate: Staff, later_today
) -> None:
    _day_of(associate, later_today)

    response = signed_in.get("/api/v1/me/day")

    assert response.status_code == 200
    day = response.json()
    titles = {
        key: [item["title"] for item in day[key]] for key in ("overdue", "due_today", "queue")
    }
    assert titles == {
        "overdue": ["Order the navy 0"],
        "due_today": ["Hold the dress 0"],
        "queue": ["Steam the dress 0"],
    }
    assert day["overdue"][0]["overdue"] is True
    assert day["due_today"][0]["overdue"] is False
    assert [(owed["title"], owed["customer"]["name"]) for owed in day["owed_replies"]] == [
        ("Wedding outfit", "Amara Osei")
    ]
    # Newest first: Priya gave Tom two follow-ups, then handed him a third.
    assert [(notice["kind"], notice["text"]) for notice in day["notices"]] == [
        ("handed_over", "Priya Shah handed this to you: Tom knows her"),
        ("assigned", "From Priya Shah: Send the looks 0"),
        ("assigned", "From Priya Shah: Hold the dress 0"),
    ]
    assert day["team_overdue"] == day["team_open"] == []


def test_a_manager_also_sees_the_teams_open_and_overdue(
    associate: Staff, later_today, client: Client
) -> None:
    hannah = colleague("hannah", "Hannah Price", role="manager")
    associate.manager = hannah
    associate.save()
    _day_of(associate, later_today)
    client.force_login(hannah)

    day = client.get("/api/v1/me/day").json()

    assert [item["title"] for item in day["team_overdue"]] == ["Order the navy 0"]
    assert "Hold the dress 0" in [item["title"] for item in day["team_open"]]


@pytest.mark.parametrize("extra", [0, 12])
def test_my_day_runs_a_fixed_number_of_queries(
    signed_in: Client, associate: Staff, later_today, django_assert_max_num_queries, extra: int
) -> None:
    _day_of(associate, later_today, extra=extra)

    # The organisation 1, me 1 (the session is cached), my day 5: mine, my teams' queue,
    # owed replies, notices, what I manage.
    with django_assert_max_num_queries(7):
        response = signed_in.get("/api/v1/me/day")

    assert len(response.json()["overdue"]) == 1 + extra


def test_a_coach_has_a_day_with_nothing_of_their_own(client: Client, coach: Staff) -> None:
    client.force_login(coach)

    response = client.get("/api/v1/me/day")

    assert response.status_code == 200
    assert not any(response.json().values())
