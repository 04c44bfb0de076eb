"""Input the API cannot take comes back as one error shape, {"code", "detail", "field"},
naming the field to fix: 422 when it does not fit the schema, 400 when a value breaks a rule."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from everthread.customers.models import ContactPoint, Customer


def _create(api: Client, body: dict[str, Any]):
    return api.post("/api/v1/customers", body, content_type="application/json")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"family_name": "Osei"}, "given_name"),
        (
            {"given_name": "Amara", "contact_points": [{"kind": "fax", "value": "1"}]},
            "contact_points.0.kind",
        ),
        ({"given_name": "Amara", "date_of_birth": "14 March"}, "date_of_birth"),
        ({"given_name": "Amara", "preferences": {"shoe_size": "6"}}, "preferences.shoe_size"),
        (
            {"given_name": "Amara", "preferences": {"budget": {"minimum": 900, "maximum": 100}}},
            "preferences.budget",
        ),
    ],
)
def test_input_that_does_not_fit_the_schema_is_422_naming_the_field(
    api: Client, body: dict[str, Any], field: str
) -> None:
    response = _create(api, body)

    assert response.status_code == 422
    error = response.json()
    assert set(error) == {"code", "detail", "field"}
    assert error["code"] == "invalid"
    assert error["field"] == field
    assert error["detail"].startswith(f"{field}: ")
    assert not Customer.objects.exists()


def test_a_patch_that_does_not_fit_the_schema_is_422(api: Client) -> None:
    customer = _create(api, {"given_name": "Amara"}).json()

    response = api.patch(
        f"/api/v1/customers/{customer['id']}",
        {"tags": "vip"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["field"] == "tags"


def test_an_invalid_email_is_400_naming_the_email(api: Client) -> None:
    response = _create(
        api,
        {"given_name": "Amara", "contact_points": [{"kind": "email", "value": "amara@"}]},
    )

    assert response.status_code == 400
    error = response.json()
    assert error == {
        "code": "invalid_contact_point",
        "detail": error["detail"],
        "field": "email",
    }
    assert "'amara@' is not a valid email address" in error["detail"]
    assert not Customer.objects.exists()


def test_an_invalid_phone_is_400_naming_the_phone(api: Client) -> None:
    response = _create(
        api,
        {"given_name": "Amara", "contact_points": [{"kind": "phone", "value": "07700 90010"}]},
    )

    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid_contact_point"
    assert error["field"] == "phone"
    assert "'07700 90010' is not a valid phone number" in error["detail"]
    assert not Customer.objects.exists()
    assert not ContactPoint.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        ({"given_name": "  "}, "given_name", "Enter the customer's given name."),
        ({"given_name": "Amara", "language": "English"}, "language", "'English' is not a"),
        ({"given_name": "Amara", "time_zone": "London"}, "time_zone", "'London' is not a time"),
        ({"given_name": "Amara", "home_store_id": 999}, "home_store", "no store with id 999"),
    ],
)
def test_a_profile_value_that_breaks_a_rule_is_400_naming_the_field(
    api: Client, body: dict[str, Any], field: str, detail: str
) -> None:
    response = _create(api, body)

    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid_profile"
    assert error["field"] == field
    assert detail in error["detail"]
    assert not Customer.objects.exists()
