"""The customer page shows who the customer is, how to reach them and what they prefer."""

from __future__ import annotations

import datetime

from django.test import Client

from factories import ContactPointFactory, CustomerFactory, StaffFactory


def test_the_page_shows_profile_contact_points_and_preferences(signed_in: Client, store) -> None:
    advisor = StaffFactory(first_name="Priya", last_name="Shah")
    amara = CustomerFactory(
        given_name="Amara",
        family_name="Osei",
        preferred_name="Mara",
        language="en-GB",
        date_of_birth=datetime.date(1990, 5, 17),
        home_store=store,
        advisor=advisor,
        tags=["vip"],
        preferences={
            "sizes": [{"category": "Dresses", "size": "UK 12", "note": "10 in some brands"}],
            "colours": ["emerald", "navy"],
            "budget": {"minimum": 150, "maximum": 400},
            "important_dates": [{"label": "Sister's wedding", "date": "2027-03-14"}],
            "preferred_channel": "whatsapp",
        },
    )
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101", label="mobile")
    ContactPointFactory(customer=amara, kind="instagram", value="amara.styles")

    response = signed_in.get(f"/customers/{amara.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Amara Osei" in page
    for shown in [
        "Mara",
        "en-GB",
        "Manchester King Street",
        "Priya Shah",
        "vip",
        "+44 7700 900101",
        "(mobile)",
        "@amara.styles",
        "Dresses: <strong>UK 12</strong>",
        "(10 in some brands)",
        "emerald, navy",
        "£150–£400",
        "Sister&#x27;s wedding: 14 March 2027",
        "WhatsApp",
    ]:
        assert shown in page, shown
    # An associate serves without the date of birth (tests/core/test_role_sensitive_fields.py).
    assert "1990" not in page


def test_a_customer_with_nothing_recorded_yet_shows_empty_states(signed_in: Client) -> None:
    kwame = CustomerFactory(given_name="Kwame", family_name="Mensah")

    page = signed_in.get(f"/customers/{kwame.pk}/").content.decode()

    assert "No contact points yet." in page
    assert "<dt>Colours</dt><dd>—</dd>" in page


def test_an_unknown_customer_is_a_not_found_page(signed_in: Client) -> None:
    response = signed_in.get("/customers/999999/")

    assert response.status_code == 404
    assert "There is no customer with id 999999." in response.content.decode()
