"""A follow-up that could not be kept is refused with a message naming the field: a due
time already past or without its offset, an owner who is not staff, no owner at all, an
unknown team; and nothing is opened."""

from __future__ import annotations

import pytest
from django.test import Client

from continuity import colleague, customer, from_now
from everthread.followups.models import FollowUp

pytestmark = pytest.mark.django_db


def _open(client: Client, customer_id: int, **fields: object):
    body = {"title": "Call Amara", "due_at": from_now(days=1).isoformat(), **fields}
    return client.post(
        f"/api/v1/customers/{customer_id}/followups", body, content_type="application/json"
    )


def test_a_due_time_in_the_past_is_400(signed_in: Client) -> None:
    amara = customer("Amara", "Osei")

    response = _open(signed_in, amara.pk, owner="tom", due_at=from_now(hours=-2).isoformat())

    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_followup",
        "detail": "The due time has already passed; choose a later one.",
        "field": "due_at",
    }


def test_a_due_time_without_its_offset_is_refused(signed_in: Client) -> None:
    amara = customer("Amara", "Osei")

    response = _open(signed_in, amara.pk, owner="tom", due_at="2031-03-15T10:00:00")

    assert response.status_code == 422
    assert response.json()["field"] == "due_at"
    assert response.json()["detail"].startswith("due_at: give the time with its UTC offset")


def test_an_owner_who_is_not_staff_is_refused(signed_in: Client) -> None:
    colleague("left", "Former Colleague", is_active=False)
    amara = customer("Amara", "Osei")

    unknown = _open(signed_in, amara.pk, owner="amara")
    inactive = _open(signed_in, amara.pk, owner="left")

    assert unknown.status_code == 404
    assert unknown.json() == {
        "code": "not_found",
        "detail": "No member of staff has the username “amara”.",
        "field": "owner",
    }
    assert inactive.status_code == 400
    assert inactive.json()["field"] == "owner"
    assert inactive.json()["detail"] == (
        "Former Colleague (left) cannot sign in any more; choose a colleague who can."
    )


def test_a_follow_up_without_an_owner_or_with_an_unknown_team_is_refused(
    signed_in: Client,
) -> None:
    amara = customer("Amara", "Osei")

    nobody = _open(signed_in, amara.pk)
    no_team = _open(signed_in, amara.pk, team="nowhere")

    assert nobody.status_code == 400
    assert nobody.json()["field"] == "owner"
    assert nobody.json()["detail"] == "Every follow-up needs an owner: a colleague or a team."
    assert no_team.status_code == 404
    assert no_team.json()["field"] == "team"


def test_an_untitled_follow_up_or_an_unknown_journey_is_refused(signed_in: Client) -> None:
    amara = customer("Amara", "Osei")

    untitled = _open(signed_in, amara.pk, owner="tom", title="  ")
    no_journey = _open(signed_in, amara.pk, owner="tom", journey_id=999)

    assert untitled.status_code == 400
    assert untitled.json()["field"] == "title"
    assert no_journey.status_code == 404
    assert no_journey.json()["field"] == "journey_id"


def test_nothing_is_opened_by_a_refused_follow_up(signed_in: Client) -> None:
    amara = customer("Amara", "Osei")

    _open(signed_in, amara.pk, owner="tom", due_at=from_now(hours=-2).isoformat())
    _open(signed_in, amara.pk, owner="nobody")

    assert not FollowUp.objects.exists()
