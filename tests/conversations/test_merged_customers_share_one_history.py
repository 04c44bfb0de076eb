"""Two records of one person merged: the survivor's timeline, journeys and follow-ups tell
both histories as one; undoing the merge gives each record back exactly its own."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, customer, from_now
from everthread.conversations.selectors import journeys_of, timeline_page
from everthread.conversations.services import JourneyStart
from everthread.customers.models import Customer
from everthread.customers.services import customer_merge, customer_unmerge
from everthread.followups.selectors import continuity_brief, followups_of
from everthread.followups.services import FollowUpDraft, followup_open

pytestmark = pytest.mark.django_db


def _history(of: Customer) -> dict[str, list[int]]:
    return {
        "timeline": [entry.pk for entry in timeline_page(customer_id=of.pk, limit=100).entries],
        "journeys": sorted(journey.pk for journey in journeys_of(customer_id=of.pk)),
        "followups": sorted(followup.pk for followup in followups_of(customer_id=of.pk)),
    }


def _a_need(who: Customer, channel: str, title: str, *, days_ago: int) -> None:
    priya = colleague("priya", "Priya Shah", role="agent")
    first = contact(
        who,
        channel,
        f"Asked about {title.lower()}",
        occurred_at=from_now(days=-days_ago),
        start=JourneyStart(kind="styling", title=title),
    )
    followup_open(
        customer=who,
        actor=priya,
        draft=FollowUpDraft(
            title=f"Send looks for {title.lower()}",
            due_at=from_now(days=2),
            owner=priya,
            journey=first.journey,
        ),
    )


def test_merge_then_unmerge(associate) -> None:
    by_email, by_phone = customer("Amara", "Osei"), customer("Amara", "Osei")
    _a_need(by_email, "email", "Sister's wedding outfit", days_ago=20)
    _a_need(by_phone, "whatsapp", "Work capsule wardrobe", days_ago=10)
    before = {"email": _history(by_email), "phone": _history(by_phone)}

    merge = customer_merge(actor=associate, survivor_id=by_email.pk, merged_id=by_phone.pk)

    merged = _history(by_email)
    assert sorted(merged["timeline"]) == sorted(
        before["email"]["timeline"] + before["phone"]["timeline"]
    )
    assert [entry.title for entry in timeline_page(customer_id=by_email.pk).entries] == [
        "Send looks for work capsule wardrobe",
        "Send looks for sister's wedding outfit",
        "Asked about work capsule wardrobe",
        "Asked about sister's wedding outfit",
    ]
    assert merged["journeys"] == sorted(before["email"]["journeys"] + before["phone"]["journeys"])
    assert merged["followups"] == sorted(
        before["email"]["followups"] + before["phone"]["followups"]
    )
    brief = continuity_brief(customer=by_email)
    assert len(brief.open_journeys) == len(brief.followups) == 2
    assert [c.channel for c in brief.last_contacts] == ["whatsapp", "email"]
    assert _history(by_phone) == {"timeline": [], "journeys": [], "followups": []}

    customer_unmerge(actor=associate, merge_id=merge.pk)

    assert {"email": _history(by_email), "phone": _history(by_phone)} == before
