"""Pulse Fitness: Jordan's web form, Sam's call, and the visit waiting in the Bristol front
desk's queue (story 2)."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from everthread.conversations.models import Journey
from everthread.conversations.selectors import journeys_of, timeline_page
from everthread.core.models import Staff
from everthread.customers.models import ContactPoint
from everthread.followups.selectors import my_day

pytestmark = pytest.mark.django_db


def test_jordans_next_step_waits_in_the_bristol_front_desk_queue(
    demo: Callable[..., str],
) -> None:
    demo(industry="fitness")
    jordan = ContactPoint.objects.get(value="jordan.blake@example.com").customer
    leah = Staff.objects.get(username="leah")

    queue = my_day(staff=leah).queue

    [visit] = [followup for followup in queue if followup.customer == jordan]
    assert visit.title == "Show the family pass and kids' classes at the visit."
    assert visit.holder == "Bristol front desk queue"
    assert visit.due_at.astimezone(ZoneInfo("Europe/London")).strftime("%A") == "Wednesday"
    assert visit.source_note.author.username == "sam"


def test_leah_reads_what_sam_learnt_on_the_call(demo: Callable[..., str]) -> None:
    demo(industry="fitness")
    jordan = ContactPoint.objects.get(value="jordan.blake@example.com").customer

    [journey] = journeys_of(customer_id=jordan.pk)
    entries = timeline_page(customer_id=jordan.pk).entries

    assert journey.kind == Journey.Kind.MEMBERSHIP
    assert journey.channels == ["web_form", "phone"]
    assert journey.owner.username == "sam"
    call = next(entry for entry in entries if entry.channel == "phone")
    assert "price is a worry" in call.title and "two children" in call.title
    note = next(entry for entry in entries if entry.kind == "note")
    assert "two children" in note.detail["wants"]
