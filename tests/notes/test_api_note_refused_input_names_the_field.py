"""A note naming someone who is not staff, a team that does not exist, a due time without
its offset, or a journey of another customer is refused naming the field; nothing is kept."""

from __future__ import annotations

import pytest
from django.test import Client

from continuity import colleague, customer, from_now
from everthread.notes.models import Note

pytestmark = pytest.mark.django_db

NOTE = {"wants": "A navy suit for a job interview", "next_step": "Call her back"}


def _write(client: Client, customer_id: int, **fields: object):
    body = {**NOTE, "next_step_due": from_now(days=1).isoformat(), **fields}
    return client.post(
        f"/api/v1/customers/{customer_id}/notes", body, content_type="application/json"
    )


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"next_step_owner": "nobody"}, 404, "next_step_owner"),
        ({"next_step_owner": "left"}, 400, "next_step_owner"),
        ({"promised_by": "nobody", "next_step_owner": "tom"}, 404, "promised_by"),
        ({"next_step_team": "nowhere"}, 404, "next_step_team"),
        ({"next_step_owner": "tom", "next_step_due": "2031-03-15T10:00:00"}, 422, "next_step_due"),
        ({"next_step_owner": "tom", "journey_id": 999}, 404, "journey_id"),
    ],
)
def test_a_note_naming_what_is_not_there_is_refused(
    signed_in: Client, fields: dict, status: int, field: str
) -> None:
    colleague("left", "Former Colleague", is_active=False)
    amara = customer("Amara", "Osei")

    response = _write(signed_in, amara.pk, **fields)

    assert response.status_code == status
    assert response.json()["field"] == field
    assert not Note.objects.exists()


def test_a_note_for_an_unknown_customer_is_404(signed_in: Client) -> None:
    response = _write(signed_in, 999, next_step_owner="tom")

    assert response.status_code == 404
    assert response.json()["code"] == "customer_not_found"
