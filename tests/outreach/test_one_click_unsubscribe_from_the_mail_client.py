"""Every marketing email carries List-Unsubscribe with one-click List-Unsubscribe-Post; the
mail client's POST needs no cookie or CSRF token, only the valid signature."""

from __future__ import annotations

from django.test import Client

from everthread.consent.selectors import consent_standing
from everthread.outreach.unsubscribe import list_unsubscribe_headers


def test_one_click_withdraws_without_a_csrf_token(charlotte) -> None:
    headers = list_unsubscribe_headers(
        base_url="https://everthread.example.com",
        customer_id=charlotte.pk,
        channel="email",
        purpose="marketing",
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://everthread.example.com/unsubscribe/")

    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix("https://everthread.example.com"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert consent_standing(customer_id=charlotte.pk).state("email", "marketing").withdrawn


def test_one_click_with_a_bad_signature_changes_nothing(charlotte) -> None:
    response = Client(enforce_csrf_checks=True).post("/unsubscribe/forged:token/one-click/")

    assert response.status_code == 400
    assert consent_standing(customer_id=charlotte.pk).state("email", "marketing").granted
