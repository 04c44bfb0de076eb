"""The Harlow & Finch demo tells stories 1, 4 and 6 as the records staff would find."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from everthread.conversations.models import Journey
from everthread.conversations.selectors import journeys_of, timeline_page
from everthread.core.models import Staff
from everthread.customers.models import ContactPoint, Customer
from everthread.customers.selectors import customer_search
from everthread.followups.models import FollowUp, Notice
from everthread.followups.selectors import continuity_brief, my_day, team_followups

pytestmark = pytest.mark.django_db


def customer(value: str) -> Customer:
    return ContactPoint.objects.get(value=value).customer


def test_amaras_timeline_has_her_video_styling_and_priyas_handover(
    demo: Callable[..., str],
) -> None:
    demo()
    amara = customer("amara.osei@example.com")

    entries = timeline_page(customer_id=amara.pk).entries

    kinds = [(entry.kind, entry.channel) for entry in entries]
    assert ("interaction", "video") in kinds
    video = next(e for e in entries if (e.kind, e.channel) == ("interaction", "video"))
    assert "14 March" in video.title and "emerald" in video.text
    note = next(entry for entry in entries if entry.kind == "note")
    assert note.title == "Handover note by Priya Shah"
    assert "emerald wrap dress in 12 at Manchester" in note.detail["promised"]
    assert note.detail["next_step_holder"] == "Tom Reilly"
    assert note.journey_id == video.journey_id


def test_tom_has_amaras_visit_on_saturday_at_ten(demo: Callable[..., str]) -> None:
    demo()
    tom = Staff.objects.get(username="tom")
    visit = FollowUp.objects.get(owner=tom, customer=customer("amara.osei@example.com"))
    local_due = visit.due_at.astimezone(ZoneInfo("Europe/London"))

    day = my_day(staff=tom, now=visit.due_at - datetime.timedelta(hours=1))

    assert (local_due.strftime("%A"), local_due.hour) == ("Saturday", 10)
    assert visit in day.due_today
    assert "emerald wrap dress" in visit.title
    assert visit.source_note.author.username == "priya"


def test_the_leeds_store_finds_daniels_exchange_from_his_order_number(
    demo: Callable[..., str],
) -> None:
    demo()
    marcus = Staff.objects.get(username="marcus")

    daniel = customer_search(query="HF-100482", region="GB").items[0]
    queue = list(team_followups(staff=marcus))
    brief = continuity_brief(customer=daniel)

    assert daniel.full_name == "Daniel Novak"
    [exchange] = [followup for followup in queue if followup.customer == daniel]
    assert "EU 43" in exchange.title
    assert exchange.holder == "Leeds store team queue"
    [journey] = brief.open_journeys
    assert journey.kind == Journey.Kind.RETURN and journey.channels == ["chat"]
    assert exchange in brief.followups


def test_rosas_raincoat_goes_from_x_to_chat_and_the_store_answers(
    demo: Callable[..., str],
) -> None:
    demo()
    rosa = customer("rosa.alvarez@example.com")
    chloe = Staff.objects.get(username="chloe")

    [journey] = journeys_of(customer_id=rosa.pk)
    request = FollowUp.objects.get(customer=rosa, kind=FollowUp.Kind.REQUEST)
    timeline = timeline_page(customer_id=rosa.pk).entries
    day = my_day(staff=chloe)

    assert journey.channels == ["x", "chat"]
    assert any("Cute — love the toggles!" in entry.text for entry in timeline)
    # Asked of the Covent Garden team; Isabelle took it from the queue and answered.
    assert request.handovers.get().from_team.name == "Covent Garden store team"
    assert request.closed_by.username == "isabelle"
    assert request.status == FollowUp.Status.DONE
    assert "just below the knee" in request.outcome
    answer = next(entry for entry in timeline if entry.channel == "chat")
    assert (answer.channel, answer.detail["direction"]) == ("chat", "internal")
    assert "just below the knee" in answer.text
    # Chloe owes Rosa the answer, and was told it came back.
    assert journey in day.owed_replies
    assert any(
        notice.kind == Notice.Kind.ANSWERED and notice.followup == request for notice in day.notices
    )


def test_the_outreach_clients_are_there_with_their_contact_points(
    demo: Callable[..., str],
) -> None:
    demo()

    for email, phone in [
        ("charlotte.hale@example.com", "+447700900111"),
        ("henry.adeyemi@example.com", "+447700900112"),
        ("sofia.marchetti@example.com", "+447700900113"),
    ]:
        assert customer(email) == customer(phone)
