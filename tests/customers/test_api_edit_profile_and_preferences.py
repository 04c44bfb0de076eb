"""PATCH changes only the profile fields it names, and structured preferences come
back exactly as they were sent."""

from __future__ import annotations

from django.test import Client

from everthread.core.models import AuditEvent
from factories import CustomerFactory, StaffFactory

PREFERENCES = {
    "sizes": [
        {"category": "Dresses", "size": "UK 12", "note": "10 in some brands"},
        {"category": "Shoes", "size": "EU 39", "note": ""},
    ],
    "fits": ["tailored"],
    "colours": ["emerald", "navy"],
    "budget": {"minimum": 150, "maximum": 400, "currency": "GBP"},
    "important_dates": [{"label": "Sister's wedding", "date": "2027-03-14"}],
    "dietary": [],
    "accessibility": ["step-free access"],
    "fitness_goals": [],
    "preferred_channel": "whatsapp",
}


def test_patch_changes_the_named_fields_and_keeps_the_rest(api: Client, store) -> None:
    advisor = StaffFactory(first_name="Priya", last_name="Shah")
    amara = CustomerFactory(given_name="Amara", family_name="Osei", postcode="M1 1AA")

    response = api.patch(
        f"/api/v1/customers/{amara.pk}",
        {
            "preferred_name": "Mara",
            "language": "fr",
            "time_zone": "Europe/Paris",
            "home_store_id": store.pk,
            "advisor_id": advisor.pk,
        },
        content_type="application/json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["given_name"] == "Amara"
    assert body["postcode"] == "M1 1AA"
    assert body["preferred_name"] == "Mara"
    assert body["language"] == "fr"
    assert body["time_zone"] == "Europe/Paris"
    assert body["home_store"] == {"id": store.pk, "name": "Manchester King Street"}
    assert body["advisor"] == {"id": advisor.pk, "name": "Priya Shah"}
    amara.refresh_from_db()
    assert (amara.preferred_name, amara.advisor, amara.postcode) == ("Mara", advisor, "M1 1AA")


def test_structured_preferences_round_trip(api: Client) -> None:
    amara = CustomerFactory(given_name="Amara")

    patched = api.patch(
        f"/api/v1/customers/{amara.pk}",
        {"preferences": PREFERENCES},
        content_type="application/json",
    )
    read = api.get(f"/api/v1/customers/{amara.pk}")

    assert patched.status_code == 200
    assert patched.json()["preferences"] == PREFERENCES
    assert read.json()["preferences"] == PREFERENCES


def test_a_patch_of_other_fields_keeps_the_preferences(api: Client) -> None:
    amara = CustomerFactory(given_name="Amara", preferences={"colours": ["emerald"]})

    response = api.patch(
        f"/api/v1/customers/{amara.pk}", {"family_name": "Osei"}, content_type="application/json"
    )

    assert response.json()["preferences"]["colours"] == ["emerald"]
    amara.refresh_from_db()
    assert amara.preferences == {"colours": ["emerald"]}


def test_a_change_is_recorded_with_the_fields_it_touched(api: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    api.patch(
        f"/api/v1/customers/{amara.pk}",
        {"family_name": "Osei-Mensah", "given_name": "Amara"},
        content_type="application/json",
    )

    event = AuditEvent.objects.get(action="customer.updated")
    assert event.actor == associate
    assert event.customer_id == amara.pk
    assert event.detail == {"fields": ["family_name"]}


def test_a_preference_that_breaks_a_rule_names_it(api: Client) -> None:
    amara = CustomerFactory(given_name="Amara")

    response = api.patch(
        f"/api/v1/customers/{amara.pk}",
        {"preferences": {"important_dates": [{"label": "Wedding", "date": "14 March"}]}},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["field"] == "preferences.important_dates.0.date"
    amara.refresh_from_db()
    assert amara.preferences == {}
