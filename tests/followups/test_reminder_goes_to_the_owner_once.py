"""Shortly before a follow-up is due its holder is reminded, once: the reminder task may run
twice, or after the follow-up was done, and nobody is reminded twice or for nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from continuity import colleague, covent_garden_team, customer, from_now
from everthread.followups.models import FollowUp, Notice
from everthread.followups.services import (
    FollowUpDraft,
    followup_complete,
    followup_open,
    followup_remind,
)

pytestmark = pytest.mark.django_db


def _due(associate, *, minutes: int, **holder) -> FollowUp:
    return followup_open(
        customer=customer("Amara", "Osei"),
        actor=colleague("priya", "Priya Shah", role="agent"),
        draft=FollowUpDraft(
            title="Amara tries the emerald wrap dress",
            due_at=from_now(minutes=minutes),
            **(holder or {"owner": associate}),
        ),
    )


def test_the_owner_is_reminded_once(associate) -> None:
    followup = _due(associate, minutes=30)

    assert followup_remind(followup_id=followup.pk) is True
    assert followup_remind(followup_id=followup.pk) is False

    [notice] = Notice.objects.filter(kind="reminder")
    due = timezone.localtime(followup.due_at).strftime("%H:%M on %-d %B")
    assert (notice.staff, notice.kind, notice.text) == (
        associate,
        "reminder",
        f"Due at {due}: Amara tries the emerald wrap dress",
    )
    followup.refresh_from_db()
    assert followup.reminded_at is not None


def test_not_while_it_is_days_away(associate) -> None:
    followup = _due(associate, minutes=3 * 24 * 60)

    assert followup_remind(followup_id=followup.pk) is False
    assert not Notice.objects.filter(kind="reminder").exists()


def test_not_once_it_is_done(associate) -> None:
    followup = _due(associate, minutes=30)
    followup_complete(followup_id=followup.pk, actor=associate, outcome="She bought it early")

    assert followup_remind(followup_id=followup.pk) is False
    assert not Notice.objects.filter(kind="reminder").exists()


def test_a_queue_reminds_the_team_members_still_here(associate) -> None:
    isabelle = colleague("isabelle", "Isabelle Laurent")
    left = colleague("left", "Jo Former", is_active=False)
    team = covent_garden_team(members=(isabelle, left))
    followup = _due(associate, minutes=30, team=team)

    assert followup_remind(followup_id=followup.pk) is True

    assert [notice.staff for notice in Notice.objects.filter(kind="reminder")] == [isabelle]
