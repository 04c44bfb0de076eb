"""Handing a follow-up over needs a reason and someone who is staff; the follow-up keeps
the history of who held it, and the new holder is told."""

from __future__ import annotations

import pytest
from django.test import Client

from api_clients import client_of
from continuity import colleague, customer, from_now
from everthread.followups.models import FollowUp, Handover, Notice
from everthread.followups.services import FollowUpDraft, followup_open
from factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def toms(associate) -> FollowUp:
    return followup_open(
        customer=customer("Amara", "Osei"),
        actor=colleague("priya", "Priya Shah", role="agent"),
        draft=FollowUpDraft(
            title="Hold the emerald wrap dress until Saturday",
            due_at=from_now(days=2),
            owner=associate,
        ),
    )


def _hand_over(client: Client, followup: FollowUp, body: dict):
    return client.post(
        f"/api/v1/followups/{followup.pk}/hand-over", body, content_type="application/json"
    )


def test_a_hand_over_without_a_reason_is_400_and_changes_nothing(
    signed_in: Client, toms: FollowUp
) -> None:
    colleague("marcus", "Marcus Bell")

    missing = _hand_over(signed_in, toms, {"owner": "marcus"})
    blank = _hand_over(signed_in, toms, {"owner": "marcus", "reason": "   "})

    assert missing.status_code == blank.status_code == 400
    assert missing.json() == {
        "code": "invalid_followup",
        "detail": "Say why you are handing it over.",
        "field": "reason",
    }
    assert not Handover.objects.exists()
    toms.refresh_from_db()
    assert toms.owner.username == "tom"


def test_a_hand_over_to_someone_who_is_not_staff_is_refused(
    signed_in: Client, toms: FollowUp
) -> None:
    response = _hand_over(signed_in, toms, {"owner": "nobody", "reason": "Off on Saturday"})

    assert response.status_code == 404
    assert response.json()["field"] == "owner"
    assert not Handover.objects.exists()


def test_the_follow_up_keeps_who_held_it_and_why(signed_in: Client, toms: FollowUp) -> None:
    marcus = colleague("marcus", "Marcus Bell")
    TeamFactory(code="manchester-store", name="Manchester store team")

    to_marcus = _hand_over(signed_in, toms, {"owner": "marcus", "reason": "Off on Saturday"})
    to_queue = _hand_over(
        client_of(marcus), toms, {"team": "manchester-store", "reason": "Whoever is on the floor"}
    )

    assert to_marcus.status_code == to_queue.status_code == 200
    assert to_marcus.json()["owner"]["username"] == "marcus"
    detail = signed_in.get(f"/api/v1/followups/{toms.pk}").json()
    assert detail == to_queue.json()
    assert detail["owner"] is None
    assert detail["holder"] == "Manchester store team queue"
    assert [
        (
            (h["from_owner"] or {}).get("username"),
            (h["to_owner"] or {}).get("username"),
            (h["to_team"] or {}).get("code"),
            h["by"]["username"],
            h["reason"],
        )
        for h in detail["handovers"]
    ] == [
        ("tom", "marcus", None, "tom", "Off on Saturday"),
        ("marcus", None, "manchester-store", "marcus", "Whoever is on the floor"),
    ]
    assert Notice.objects.get(staff=marcus).kind == "handed_over"


def test_the_history_reads_in_a_fixed_number_of_queries(
    signed_in: Client, toms: FollowUp, django_assert_max_num_queries
) -> None:
    for n in range(6):
        colleague(f"colleague{n}", f"Colleague N{n}")
        _hand_over(signed_in, toms, {"owner": f"colleague{n}", "reason": f"Rota change {n}"})

    # The organisation 1, me 1, the follow-up 1, its hand-overs with who gave and took 1,
    # the read in the audit log 1.
    with django_assert_max_num_queries(5):
        response = signed_in.get(f"/api/v1/followups/{toms.pk}")

    assert len(response.json()["handovers"]) == 6
