"""`everthread import products|stock FILE.csv`: header names as other systems write them,
each row all-or-nothing, rejects with row, field and reason, and a second run changes nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from everthread.commerce.models import Location, Product, StockLevel, Variant
from factories import StaffFactory, StoreFactory

PRODUCTS = (
    "Style No;Product Name;Colour;Size;SKU;EAN;Price;Image URL\n"
    "HF-RAIN-01;Red toggle raincoat;Red;S;HF-RAIN-01-RED-S;5012345000011;145.00;"
    "https://img.example.com/rain-1.jpg https://img.example.com/rain-2.jpg\n"
    "HF-RAIN-01;Red toggle raincoat;Red;M;HF-RAIN-01-RED-M;5012345000028;145.00;\n"
    "HF-WRAP-12;Emerald wrap dress;Emerald;12;HF-WRAP-12-EME-12;;not a price;\n"
    "HF-BOOT-43;Chelsea boot;Black;EU 43;HF-RAIN-01-RED-M;;189;\n"
)
STOCK = (
    "SKU,Store,Qty\n"
    "HF-RAIN-01-RED-M,leeds-briggate,2\n"
    "HF-RAIN-01-RED-M,Online,14\n"
    "HF-RAIN-01-RED-S,Warehouse,5\n"
    "HF-NOPE-99,leeds-briggate,1\n"
    "HF-RAIN-01-RED-S,Glasgow Buchanan Street,3\n"
    "HF-RAIN-01-RED-S,leeds-briggate,-1\n"
)


@pytest.fixture
def admin(organisation):
    StoreFactory(code="leeds-briggate", name="Leeds Briggate", city="Leeds")
    return StaffFactory(username="ops", role="admin")


def _import(kind: str, path: Path, *extra: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", kind, str(path), "--as", "ops", *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_products_import_their_variants_and_refuse_bad_rows(admin, tmp_path) -> None:
    rejects = tmp_path / "rejects.csv"

    out, _ = _import(
        "products", _file(tmp_path, "products.csv", PRODUCTS), "--rejects", str(rejects)
    )

    assert out.splitlines()[0] == (
        "products.csv: 4 rows: 1 created, 1 updated, 0 unchanged, 2 rejected."
    )
    raincoat = Product.objects.get(style_code="HF-RAIN-01")
    assert raincoat.name == "Red toggle raincoat"
    assert raincoat.price == Decimal("145.00")
    assert raincoat.image_urls == [
        "https://img.example.com/rain-1.jpg",
        "https://img.example.com/rain-2.jpg",
    ]
    assert [(v.sku, v.size, v.barcode) for v in raincoat.variants.order_by("size")] == [
        ("HF-RAIN-01-RED-M", "M", "5012345000028"),
        ("HF-RAIN-01-RED-S", "S", "5012345000011"),
    ]
    # A refused row leaves nothing behind: not the dress, not the boot.
    assert not Product.objects.filter(style_code__in=["HF-WRAP-12", "HF-BOOT-43"]).exists()
    with rejects.open(encoding="utf-8", newline="") as written:
        rows = list(csv.reader(written))
    assert rows[0] == ["row", "field", "reason", *PRODUCTS.splitlines()[0].split(";")]
    assert [(row[0], row[1]) for row in rows[1:]] == [("4", "Price"), ("5", "SKU")]
    assert rows[1][2] == "'not a price' is not a price such as 145.00."
    assert rows[2][2] == (
        "SKU HF-RAIN-01-RED-M belongs to Red toggle raincoat (HF-RAIN-01): a SKU is one product's."
    )
    assert rows[2][3:] == PRODUCTS.splitlines()[4].split(";")


def test_importing_the_same_products_again_changes_nothing(admin, tmp_path) -> None:
    path = _file(tmp_path, "products.csv", PRODUCTS)
    _import("products", path)

    out, _ = _import("products", path)

    assert out.splitlines()[0] == (
        "products.csv: 4 rows: 0 created, 0 updated, 2 unchanged, 2 rejected."
    )
    assert Variant.objects.count() == 2


def test_stock_counts_land_on_stores_the_warehouse_and_online(admin, tmp_path) -> None:
    _import("products", _file(tmp_path, "products.csv", PRODUCTS))

    out, err = _import("stock", _file(tmp_path, "stock.csv", STOCK))

    assert (
        out.splitlines()[0] == "stock.csv: 6 rows: 3 created, 0 updated, 0 unchanged, 3 rejected."
    )
    assert err.splitlines() == [
        "  row 5, SKU: There is no product variant with SKU 'HF-NOPE-99'.",
        "  row 6, Store: There is no store or stock location 'Glasgow Buchanan Street': "
        "use a store's code or name, 'warehouse' or 'online'.",
        "  row 7, Qty: '-1' is not a stock count: give a whole number, 0 or more.",
    ]
    counts = {
        (level.variant.sku, level.location.code): level.on_hand
        for level in StockLevel.objects.select_related("variant", "location")
    }
    assert counts == {
        ("HF-RAIN-01-RED-M", "leeds-briggate"): 2,
        ("HF-RAIN-01-RED-M", "online"): 14,
        ("HF-RAIN-01-RED-S", "warehouse"): 5,
    }
    assert Location.objects.get(code="leeds-briggate").store.name == "Leeds Briggate"


def test_a_new_count_updates_and_the_same_count_is_unchanged(admin, tmp_path) -> None:
    _import("products", _file(tmp_path, "products.csv", PRODUCTS))
    _import("stock", _file(tmp_path, "stock.csv", STOCK))
    recount = (
        "sku,location,on hand\nHF-RAIN-01-RED-M,leeds-briggate,1\nHF-RAIN-01-RED-M,online,14\n"
    )

    out, _ = _import("stock", _file(tmp_path, "recount.csv", recount))

    assert (
        out.splitlines()[0] == "recount.csv: 2 rows: 0 created, 1 updated, 1 unchanged, 0 rejected."
    )
    assert (
        StockLevel.objects.get(
            location__code="leeds-briggate", variant__sku="HF-RAIN-01-RED-M"
        ).on_hand
        == 1
    )


def test_a_file_without_a_sku_column_is_refused_saying_what_it_needs(admin, tmp_path) -> None:
    path = _file(tmp_path, "stock.csv", "Product,Store,Qty\nRaincoat,leeds-briggate,2\n")

    with pytest.raises(
        CommandError, match=r"stock.csv has no sku column\. Found: 'Product', 'Store', 'Qty'\."
    ):
        _import("stock", path)


def test_only_a_role_that_keeps_the_catalogue_may_import_it(admin, tmp_path) -> None:
    StaffFactory(username="tom", role="associate")
    path = _file(tmp_path, "products.csv", PRODUCTS)

    with pytest.raises(CommandError, match=r"Your role \(Associate\) does not allow this\."):
        call_command("import", "products", str(path), "--as", "tom", stdout=io.StringIO())

    assert not Product.objects.exists()
