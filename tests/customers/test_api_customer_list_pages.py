"""The customer list pages by a stable cursor in name order: following next_cursor
visits every customer once, and a page link that was tampered with is refused."""

from __future__ import annotations

from django.test import Client

from factories import CustomerFactory

FAMILY_NAMES = ["Osei", "Álvarez", "Brown", "Chen", "O'Neill", "Smith"]


def _pages(api: Client, **params: object) -> list[dict]:
    pages = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = api.get("/api/v1/customers", query)
        assert response.status_code == 200
        pages.append(response.json())
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return pages


def test_pages_of_ten_visit_thirty_customers_once_each_in_name_order(api: Client) -> None:
    # Five customers share each family name, so the id breaks ties inside a name.
    customers = [
        CustomerFactory(given_name=f"Client{n:02d}", family_name=FAMILY_NAMES[n % 6])
        for n in range(30)
    ]

    pages = _pages(api, limit=10)

    assert [len(page["items"]) for page in pages] == [10, 10, 10]
    seen = [item["id"] for page in pages for item in page["items"]]
    assert sorted(seen) == sorted(customer.pk for customer in customers)
    assert len(set(seen)) == 30
    family_names = [item["family_name"] for page in pages for item in page["items"]]
    assert family_names[:5] == ["Álvarez"] * 5
    assert family_names[-5:] == ["Smith"] * 5


def test_a_customer_added_behind_the_cursor_does_not_shift_the_next_page(api: Client) -> None:
    for n in range(20):
        CustomerFactory(given_name=f"Client{n:02d}", family_name="Morgan")
    first = api.get("/api/v1/customers", {"limit": 10}).json()

    CustomerFactory(given_name="Aaron", family_name="Abbott")
    second = api.get("/api/v1/customers", {"limit": 10, "cursor": first["next_cursor"]}).json()

    first_ids = {item["id"] for item in first["items"]}
    second_ids = {item["id"] for item in second["items"]}
    assert len(second_ids) == 10
    assert not first_ids & second_ids
    assert second["next_cursor"] is None


def test_a_tampered_cursor_is_400_naming_the_cursor(api: Client) -> None:
    CustomerFactory()

    response = api.get("/api/v1/customers", {"cursor": "not-a-real-cursor"})

    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "detail": "That page link is not valid; start again from the first page.",
        "field": "cursor",
    }


def test_a_page_size_out_of_range_is_422_naming_the_limit(api: Client) -> None:
    response = api.get("/api/v1/customers", {"limit": 0})

    assert response.status_code == 422
    assert response.json()["field"] == "limit"


def test_an_empty_list_has_no_next_page(api: Client) -> None:
    response = api.get("/api/v1/customers")

    assert response.json() == {"items": [], "next_cursor": None}
