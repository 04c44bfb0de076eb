"""A follow-up someone cannot act on is refused with a message and the field to fix: a due
time already past, an owner who is not active staff, nobody at all, a hand-over without a
reason. Nothing of a refused one is kept."""

from __future__ import annotations

from dataclasses import replace

import pytest

from continuity import colleague, customer, from_now
from everthread.followups.errors import InvalidFollowUp
from everthread.followups.models import FollowUp, Handover
from everthread.followups.services import FollowUpDraft, followup_hand_over, followup_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(associate) -> FollowUpDraft:
    return FollowUpDraft(
        title="Have the emerald wrap dress in 12 ready for Amara",
        due_at=from_now(days=2),
        owner=associate,
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"due_at": from_now(hours=-1)}, "due_at", "The due time has already passed"),
        ({"due_at": None}, "due_at", "Give the follow-up a due time"),
        ({"owner": None, "team": None}, "owner", "needs an owner: a colleague or a team"),
        ({"title": "  "}, "title", "Say what needs doing"),
        ({"kind": "wish"}, "kind", "“wish” is not a kind of follow-up"),
        ({"reply_channel": "fax"}, "reply_channel", "“fax” is not a channel"),
    ],
)
def test_refused_with_the_field_to_fix(
    associate, draft: FollowUpDraft, change: dict, field: str, message: str
) -> None:
    with pytest.raises(InvalidFollowUp) as refused:
        followup_open(
            customer=customer("Amara", "Osei"), actor=associate, draft=replace(draft, **change)
        )

    assert (refused.value.field, refused.value.http_status) == (field, 400)
    assert message in refused.value.message
    assert not FollowUp.objects.exists()


def test_an_owner_who_has_left_is_refused(associate, draft: FollowUpDraft) -> None:
    gone = colleague("former", "Jo Former", is_active=False)

    with pytest.raises(InvalidFollowUp) as refused:
        followup_open(
            customer=customer("Amara", "Osei"), actor=associate, draft=replace(draft, owner=gone)
        )

    assert refused.value.field == "owner"
    assert refused.value.message == "The owner must be a member of staff who can sign in."


def test_an_owner_who_is_not_staff_is_refused(associate, draft: FollowUpDraft) -> None:
    amara = customer("Amara", "Osei")

    with pytest.raises(InvalidFollowUp) as refused:
        followup_open(customer=amara, actor=associate, draft=replace(draft, owner=amara))

    assert refused.value.field == "owner"


def test_a_due_time_this_minute_is_not_the_past(associate, draft: FollowUpDraft) -> None:
    followup_open(
        customer=customer("Amara", "Osei"),
        actor=associate,
        draft=replace(draft, due_at=from_now(seconds=-30)),
    )

    assert FollowUp.objects.count() == 1


def test_a_hand_over_needs_a_reason(associate, draft: FollowUpDraft) -> None:
    followup = followup_open(customer=customer("Amara", "Osei"), actor=associate, draft=draft)
    hannah = colleague("hannah", "Hannah Price", role="manager")

    with pytest.raises(InvalidFollowUp) as refused:
        followup_hand_over(followup_id=followup.pk, actor=associate, owner=hannah, reason=" ")

    assert refused.value.field == "reason"
    followup.refresh_from_db()
    assert followup.owner == associate
    assert not Handover.objects.exists()
