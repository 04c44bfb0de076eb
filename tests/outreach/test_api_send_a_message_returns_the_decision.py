"""POST /api/v1/customers/{id}/messages sends through the gate and answers with its decision:
allowed with the queued message, held with the time it goes, or refused with every reason."""

from __future__ import annotations

from django.test import Client


def test_the_api_answers_with_the_gates_decision(advisor, charlotte, henry) -> None:
    client = Client()
    client.force_login(advisor)

    refused = client.post(
        f"/api/v1/customers/{henry.pk}/messages",
        {"channel": "sms", "purpose": "marketing", "body": "The new suits are in."},
        content_type="application/json",
    )
    sent = client.post(
        f"/api/v1/customers/{charlotte.pk}/messages",
        {"channel": "email", "purpose": "service", "body": "Your alterations are ready."},
        content_type="application/json",
    )

    assert refused.status_code == 200
    body = refused.json()
    assert body["outcome"] == "refused"
    assert body["reasons"][0].startswith("Henry replied STOP to SMS on")
    assert body["message"] is None
    answer = sent.json()
    assert answer["outcome"] in ("allowed", "held")  # held if the test runs in quiet hours
    assert answer["message"]["status"] == ("queued" if answer["outcome"] == "allowed" else "held")


def test_the_api_refuses_an_unknown_channel(advisor, charlotte) -> None:
    client = Client()
    client.force_login(advisor)

    response = client.post(
        f"/api/v1/customers/{charlotte.pk}/messages",
        {"channel": "pigeon", "purpose": "marketing", "body": "Hi"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["field"] == "channel"
