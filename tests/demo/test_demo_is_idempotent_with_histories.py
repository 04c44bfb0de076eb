"""The generated customers have a working week behind them, the same on every run, and
running the demo again adds nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import transaction
from django.utils import timezone

from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.core.models import AuditEvent, Staff
from everthread.followups.models import FollowUp, Handover, Notice
from everthread.followups.selectors import my_day
from everthread.notes.models import Note

pytestmark = pytest.mark.django_db

RECORDS = (Interaction, Journey, TimelineEntry, FollowUp, Handover, Notice, Note, AuditEvent)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in RECORDS}


def test_running_it_again_adds_no_contact_journey_note_or_follow_up(
    demo: Callable[..., str],
) -> None:
    demo()
    before = counts()

    output = demo()

    assert counts() == before
    assert "stories       0 new,    4 already here" in output
    assert " 0 new" in next(line for line in output.splitlines() if "histories" in line)


def test_generated_customers_have_varied_histories(demo: Callable[..., str]) -> None:
    demo(customers=60)
    generated = Interaction.objects.filter(customer__contact_points__kind="crm")

    assert generated.values("channel").distinct().count() >= 5
    journeys = Journey.objects.filter(customer__contact_points__kind="crm")
    assert journeys.filter(status=Journey.Status.RESOLVED).count() >= 5
    assert journeys.exclude(status=Journey.Status.RESOLVED).count() >= 5
    assert journeys.filter(awaiting_reply_since__isnull=False).exists()
    assert Note.objects.filter(customer__contact_points__kind="crm").exists()


def test_staff_have_overdue_work_and_work_due_today(demo: Callable[..., str]) -> None:
    demo(customers=150)
    now = timezone.now()
    frontline = Staff.objects.filter(role__in=("agent", "associate"))
    days = [my_day(staff=member, now=now) for member in frontline]

    assert sum(len(day.overdue) for day in days) >= 5
    assert sum(len(day.due_today) for day in days) >= 5
    assert sum(1 for day in days if day.overdue and day.due_today) >= 2
    assert FollowUp.objects.filter(team__isnull=False, due_at__lt=now).exists()


def histories() -> list[tuple[str, str, str, str, str]]:
    return sorted(
        Interaction.objects.filter(customer__contact_points__kind="crm").values_list(
            "customer__given_name", "customer__family_name", "channel", "direction", "summary"
        )
    )


def test_the_histories_are_the_same_on_every_fresh_load(demo: Callable[..., str]) -> None:
    loads = []
    for _ in range(2):
        with transaction.atomic():
            demo()
            loads.append(histories())
            transaction.set_rollback(True)

    assert loads[0] == loads[1]
    assert len(loads[0]) > 20
