"""Staff edit a customer's preferences in place: with HTMX the section comes back
updated, without it the page reloads; a line that cannot be read is named."""

from __future__ import annotations

from django.test import Client

from everthread.customers.models import Customer
from factories import CustomerFactory

EDIT = {
    "sizes": "Dresses: UK 12 (10 in some brands)\nShoes: EU 39",
    "fits": "tailored",
    "colours": "emerald, navy, ivory",
    "budget_maximum": "400",
    "important_dates": "Sister's wedding: 2027-03-14",
    "preferred_channel": "email",
}


def _amara() -> Customer:
    return CustomerFactory(
        given_name="Amara", family_name="Osei", preferences={"colours": ["emerald", "navy"]}
    )


def test_the_form_starts_from_what_is_recorded(signed_in: Client) -> None:
    amara = _amara()

    response = signed_in.get(f"/customers/{amara.pk}/preferences/", HTTP_HX_REQUEST="true")

    assert response.templates[0].name == "customers/_preferences_form.html"
    assert response.context["form"]["colours"].value() == "emerald, navy"


def test_saving_with_htmx_returns_the_updated_section(signed_in: Client) -> None:
    amara = _amara()

    response = signed_in.post(f"/customers/{amara.pk}/preferences/", EDIT, HTTP_HX_REQUEST="true")

    section = response.content.decode()
    assert response.status_code == 200
    assert section.startswith('<section class="card" id="preferences"')
    assert "<html" not in section
    assert "Saved." in section
    assert "emerald, navy, ivory" in section
    assert "up to £400" in section
    amara.refresh_from_db()
    assert amara.preferences == {
        "sizes": [
            {"category": "Dresses", "size": "UK 12", "note": "10 in some brands"},
            {"category": "Shoes", "size": "EU 39"},
        ],
        "fits": ["tailored"],
        "colours": ["emerald", "navy", "ivory"],
        "budget": {"maximum": 400},
        "important_dates": [{"label": "Sister's wedding", "date": "2027-03-14"}],
        "preferred_channel": "email",
    }


def test_saving_without_htmx_goes_back_to_the_customer_page(signed_in: Client) -> None:
    amara = _amara()

    response = signed_in.post(f"/customers/{amara.pk}/preferences/", EDIT)

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{amara.pk}/"
    amara.refresh_from_db()
    assert amara.preferences["colours"] == ["emerald", "navy", "ivory"]


def test_a_date_line_that_cannot_be_read_is_named(signed_in: Client) -> None:
    amara = _amara()

    response = signed_in.post(
        f"/customers/{amara.pk}/preferences/",
        {**EDIT, "important_dates": "Anniversary: 2026-09-01\nWedding: 14 March"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert response.context["form"].errors["important_dates"] == [
        "Line 2: '14 March' is not a date; write it as  Label: YYYY-MM-DD."
    ]
    assert "Line 2: &#x27;14 March&#x27; is not a date" in response.content.decode()
    amara.refresh_from_db()
    assert amara.preferences == {"colours": ["emerald", "navy"]}


def test_without_htmx_a_refused_form_is_shown_on_its_own_page(signed_in: Client) -> None:
    amara = _amara()

    response = signed_in.post(f"/customers/{amara.pk}/preferences/", {**EDIT, "sizes": "UK 12"})

    assert response.status_code == 400
    assert "<html" in response.content.decode()
    assert response.context["form"].errors["sizes"] == [
        "Line 1: write it as  Category: size (note)."
    ]
    amara.refresh_from_db()
    assert amara.preferences == {"colours": ["emerald", "navy"]}


def test_a_budget_the_wrong_way_round_is_refused(signed_in: Client) -> None:
    amara = _amara()

    response = signed_in.post(
        f"/customers/{amara.pk}/preferences/",
        {**EDIT, "budget_minimum": "500", "budget_maximum": "100"},
        HTTP_HX_REQUEST="true",
    )

    assert response.context["form"].non_field_errors() == [
        "Preference budget: the lowest budget is above the highest."
    ]
    amara.refresh_from_db()
    assert amara.preferences == {"colours": ["emerald", "navy"]}
