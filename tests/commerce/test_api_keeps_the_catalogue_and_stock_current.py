"""An external system keeps products and stock current through the API, and is told
clearly what is wrong with what it sent."""

from __future__ import annotations

from django.test import Client

from everthread.commerce.models import Product, StockLevel
from everthread.core.services import token_create

RAINCOAT = {
    "name": "Red toggle raincoat",
    "description": "Falls just below the knee.",
    "price": "145.00",
    "currency": "GBP",
    "image_urls": ["https://img.example.com/rain-1.jpg"],
    "variants": [
        {"sku": "HF-RAIN-01-RED-S", "colour": "Red", "size": "S"},
        {"sku": "HF-RAIN-01-RED-M", "colour": "Red", "size": "M", "barcode": "5012345000028"},
    ],
}


def _put(client: Client, url: str, body: dict) -> object:
    return client.put(url, body, content_type="application/json")


def test_a_product_is_created_then_updated_by_its_style_code(stock_system) -> None:
    created = _put(stock_system, "/api/v1/products/HF-RAIN-01", RAINCOAT)
    again = _put(stock_system, "/api/v1/products/HF-RAIN-01", RAINCOAT)
    repriced = _put(
        stock_system,
        "/api/v1/products/HF-RAIN-01",
        {
            "price": "120.00",
            "variants": [{"sku": "HF-RAIN-01-RED-L", "colour": "Red", "size": "L"}],
        },
    )

    assert (created.status_code, again.status_code, repriced.status_code) == (201, 200, 200)
    body = repriced.json()
    assert body["price"] == "120.00"
    assert body["name"] == "Red toggle raincoat"  # not sent, so kept
    assert [v["sku"] for v in body["variants"]] == [
        "HF-RAIN-01-RED-L",
        "HF-RAIN-01-RED-M",
        "HF-RAIN-01-RED-S",
    ]


def test_bad_product_input_is_refused_with_the_field(stock_system) -> None:
    new_without_price = _put(stock_system, "/api/v1/products/HF-NEW-1", {"name": "Scarf"})
    negative = _put(stock_system, "/api/v1/products/HF-RAIN-01", {**RAINCOAT, "price": "-5"})
    bad_image = _put(
        stock_system, "/api/v1/products/HF-RAIN-01", {**RAINCOAT, "image_urls": ["rain.jpg"]}
    )
    bad_style = _put(stock_system, "/api/v1/products/HF RAIN", RAINCOAT)

    assert new_without_price.status_code == 400
    assert new_without_price.json() == {
        "code": "invalid_product",
        "detail": "Give the product's price.",
        "field": "price",
    }
    assert (negative.status_code, negative.json()["field"]) == (400, "price")
    assert bad_image.json()["detail"] == (
        "'rain.jpg' is not an image address: give a full http(s) URL."
    )
    assert (bad_style.status_code, bad_style.json()["field"]) == (400, "style_code")
    assert not Product.objects.exists()  # nothing half-written


def test_a_sku_of_another_product_is_refused_and_nothing_changes(stock_system) -> None:
    _put(stock_system, "/api/v1/products/HF-RAIN-01", RAINCOAT)

    taken = _put(
        stock_system,
        "/api/v1/products/HF-BOOT-43",
        {"name": "Chelsea boot", "price": "189", "variants": [{"sku": "HF-RAIN-01-RED-M"}]},
    )

    assert taken.status_code == 400
    assert taken.json()["field"] == "sku"
    assert not Product.objects.filter(style_code="HF-BOOT-43").exists()


def test_products_search_by_name_sku_or_colour_a_page_at_a_time(stock_system) -> None:
    _put(stock_system, "/api/v1/products/HF-RAIN-01", RAINCOAT)
    for n in range(3):
        _put(stock_system, f"/api/v1/products/HF-TEE-{n}", {"name": f"Tee {n}", "price": "20"})

    by_words = stock_system.get("/api/v1/products", {"q": "red raincoat"}).json()
    by_sku = stock_system.get("/api/v1/products", {"q": "HF-RAIN-01-RED-M"}).json()
    first = stock_system.get("/api/v1/products", {"limit": 2}).json()
    second = stock_system.get(
        "/api/v1/products", {"limit": 2, "cursor": first["next_cursor"]}
    ).json()
    nothing = stock_system.get("/api/v1/products", {"q": "umbrella"}).json()

    assert [p["style_code"] for p in by_words["items"]] == ["HF-RAIN-01"]
    assert [p["style_code"] for p in by_sku["items"]] == ["HF-RAIN-01"]
    names = [p["name"] for p in first["items"] + second["items"]]
    assert names == ["Red toggle raincoat", "Tee 0", "Tee 1", "Tee 2"]
    assert second["next_cursor"] is None
    assert nothing == {"items": [], "next_cursor": None}


def test_stock_is_set_per_location_and_read_with_what_is_available(
    stock_system, leeds, online
) -> None:
    _put(stock_system, "/api/v1/products/HF-RAIN-01", RAINCOAT)

    _put(stock_system, "/api/v1/stock/HF-RAIN-01-RED-M/leeds-briggate", {"on_hand": 2})
    _put(stock_system, "/api/v1/stock/HF-RAIN-01-RED-M/online", {"on_hand": 14})
    read = stock_system.get("/api/v1/stock/HF-RAIN-01-RED-M").json()

    assert read["summary"] == "2 in Leeds, 14 online"
    assert [(p["location"]["code"], p["available"]) for p in read["places"]] == [
        ("leeds-briggate", 2),
        ("online", 14),
    ]


def test_bad_stock_input_is_refused_clearly(stock_system, leeds) -> None:
    _put(stock_system, "/api/v1/products/HF-RAIN-01", RAINCOAT)

    unknown_sku = _put(stock_system, "/api/v1/stock/HF-NOPE/leeds-briggate", {"on_hand": 1})
    unknown_place = _put(stock_system, "/api/v1/stock/HF-RAIN-01-RED-M/glasgow", {"on_hand": 1})
    negative = _put(stock_system, "/api/v1/stock/HF-RAIN-01-RED-M/leeds-briggate", {"on_hand": -1})
    read_unknown = stock_system.get("/api/v1/stock/HF-NOPE")

    assert (unknown_sku.status_code, unknown_sku.json()["field"]) == (404, "sku")
    assert (unknown_place.status_code, unknown_place.json()["field"]) == (404, "location")
    assert (negative.status_code, negative.json()["field"]) == (422, "on_hand")
    assert read_unknown.status_code == 404
    assert not StockLevel.objects.exists()


def test_an_associate_reads_stock_but_cannot_change_it(stock_system, leeds, associate) -> None:
    _put(stock_system, "/api/v1/products/HF-RAIN-01", RAINCOAT)
    _, secret = token_create(staff=associate)
    tom = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    changed = _put(tom, "/api/v1/stock/HF-RAIN-01-RED-M/leeds-briggate", {"on_hand": 9})
    read = tom.get("/api/v1/stock/HF-RAIN-01-RED-M")

    assert changed.status_code == 403
    assert read.json()["summary"] == "None in stock"
