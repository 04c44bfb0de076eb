"""An interaction that cannot be recorded as sent is refused naming the field: a time
without its offset or in the future, an unknown store, team or channel, no summary."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.conversations.models import Interaction
from factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"occurred_at": "2025-03-10T14:05:00"}, 422, "occurred_at"),
        ({"occurred_at": "2099-03-10T14:05:00+00:00"}, 400, "occurred_at"),
        ({"store": "atlantis"}, 404, "store"),
        ({"team": "nobody"}, 404, "team"),
        ({"channel": "pigeon"}, 422, "channel"),
        ({"summary": "  "}, 400, "summary"),
        (
            {"start_journey": {"kind": "styling", "title": "Looks", "owner": "x"}},
            404,
            "start_journey.owner",
        ),
    ],
)
def test_a_contact_that_cannot_be_recorded_is_refused(
    signed_in: Client, fields: dict, status: int, field: str
) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    body = {"channel": "phone", "direction": "inbound", "summary": "Called", **fields}

    response = signed_in.post(
        f"/api/v1/customers/{amara.pk}/interactions", body, content_type="application/json"
    )

    assert response.status_code == status
    assert response.json()["field"] == field
    assert not Interaction.objects.exists()


def test_a_time_without_its_offset_is_explained(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = signed_in.post(
        f"/api/v1/customers/{amara.pk}/interactions",
        {
            "channel": "phone",
            "direction": "inbound",
            "summary": "Called",
            "occurred_at": "2025-03-10T14:05",
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "occurred_at: give the time with its UTC offset, e.g. 2025-03-14T10:00:00+00:00 "
        "or 2025-03-14T10:00:00Z; a time without one is ambiguous"
    )
