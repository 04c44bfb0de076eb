"""On the customer list, staff find a customer by a phone typed their own way; when
nobody matches, or there are no customers yet, the page says so and offers to create one."""

from __future__ import annotations

from django.test import Client

from factories import ContactPointFactory, CustomerFactory


def test_a_phone_in_another_format_finds_the_customer(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    CustomerFactory(given_name="Rosa", family_name="Alvarez")

    response = signed_in.get("/customers/", {"q": "07700 900101"})

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/customers/{amara.pk}/"' in page
    assert "Amara Osei" in page
    assert "+44 7700 900101" in page
    assert "Rosa Alvarez" not in page


def test_a_search_typed_as_you_go_returns_only_the_results(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Ósei")

    response = signed_in.get(
        "/customers/", {"q": "osei"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )

    assert [template.name for template in response.templates] == ["customers/_results.html"]
    assert f'href="/customers/{amara.pk}/"' in response.content.decode()


def test_the_list_shows_every_customer_without_a_query(signed_in: Client) -> None:
    CustomerFactory(given_name="Amara", family_name="Osei")
    CustomerFactory(given_name="Rosa", family_name="Alvarez")

    page = signed_in.get("/customers/").content.decode()

    assert page.index("Rosa Alvarez") < page.index("Amara Osei")


def test_no_customers_yet_offers_to_create_the_first(signed_in: Client) -> None:
    page = signed_in.get("/customers/").content.decode()

    assert "There are no customers yet." in page
    assert "Create the first customer" in page


def test_no_match_offers_to_create_a_customer_from_the_query(signed_in: Client) -> None:
    CustomerFactory(given_name="Amara", family_name="Osei")

    page = signed_in.get("/customers/", {"q": "07700 900999"}).content.decode()

    assert "No customer matches “07700 900999”." in page
    assert 'href="/customers/new/?q=07700%20900999"' in page
    assert "Create a customer from “07700 900999”" in page


def test_creating_from_a_phone_query_starts_with_the_phone_filled_in(signed_in: Client) -> None:
    response = signed_in.get("/customers/new/", {"q": "07700 900999"})

    form = response.context["form"]
    assert form["phone"].value() == "07700 900999"
    assert form["given_name"].value() is None


def test_creating_from_a_name_query_starts_with_the_name_filled_in(signed_in: Client) -> None:
    response = signed_in.get("/customers/new/", {"q": "Kwame Mensah"})

    form = response.context["form"]
    assert (form["given_name"].value(), form["family_name"].value()) == ("Kwame", "Mensah")
