"""Every continuity call about a customer who does not exist is 404 with the customer
error, before anything is read or written."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.conversations.models import Interaction

pytestmark = pytest.mark.django_db

FAR_AHEAD = "2099-03-14T10:00:00+00:00"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "timeline", None),
        ("get", "journeys", None),
        ("get", "notes", None),
        ("get", "interactions/1", None),
        ("post", "interactions", {"channel": "chat", "direction": "inbound", "summary": "Hi"}),
        ("post", "journeys", {"kind": "general", "title": "Hello"}),
        ("post", "notes", {"wants": "A dress"}),
        ("post", "followups", {"title": "Call", "owner": "tom", "due_at": FAR_AHEAD}),
    ],
)
def test_an_unknown_customer_is_404(
    signed_in: Client, method: str, path: str, body: dict | None
) -> None:
    response = getattr(signed_in, method)(
        f"/api/v1/customers/999/{path}", body or {}, content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json() == {
        "code": "customer_not_found",
        "detail": "There is no customer with id 999.",
        "field": None,
    }
    assert not Interaction.objects.exists()
