"""GET /api/v1/customers/{id}/consents shows every cell and the history; POST records a
change, refused without evidence."""

from __future__ import annotations

from consenting import GRANTED, client_of, record


def test_the_api_reads_and_records_consent(signed_in) -> None:
    charlotte = client_of(None, "Charlotte", "Hale", "+447700900111")
    record(charlotte, "email", "marketing", GRANTED)

    read = signed_in.get(f"/api/v1/customers/{charlotte.pk}/consents").json()
    cells = {(s["channel"], s["purpose"]): s["state"] for s in read["states"]}
    assert len(cells) == 18
    assert cells["email", "marketing"] == "granted"

    response = signed_in.post(
        f"/api/v1/customers/{charlotte.pk}/consents",
        {
            "kind": "withdrawn",
            "channel": "email",
            "purpose": "marketing",
            "source": "web_form",
            "wording": "Untick: send me news",
            "ip_address": "203.0.113.7",
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    body = response.json()
    cells = {(s["channel"], s["purpose"]): s for s in body["states"]}
    assert cells["email", "marketing"]["state"] == "withdrawn"
    assert body["history"][-1]["ip_address"] == "203.0.113.7"


def test_the_api_refuses_a_change_without_evidence(signed_in) -> None:
    charlotte = client_of(None, "Charlotte", "Hale", "+447700900111")

    response = signed_in.post(
        f"/api/v1/customers/{charlotte.pk}/consents",
        {"kind": "granted", "channel": "sms", "purpose": "marketing", "source": "api"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "wording"
    assert not charlotte.consent_events.exists()
