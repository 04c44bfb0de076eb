"""The catalogue's side of `everthread import products` and `everthread import stock`.

Header names as the brand's systems write them; each row is all-or-nothing and says
whether it created, updated or left alone what it names, so a file imported again
changes nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import IO

from everthread.commerce.errors import InvalidProduct, InvalidStock
from everthread.commerce.services import (
    ProductDraft,
    VariantDraft,
    product_upsert,
    stock_set,
)
from everthread.core.models import Capability, Staff
from everthread.core.services import capability_require
from everthread.core.transfers import CsvFormat, ImportReport, Progress, csv_file_import

# One row per variant: the style's columns repeat on each of its sizes and colours.
PRODUCT_FORMAT = CsvFormat(
    aliases={
        "style_code": "style stylecode styleno stylenumber styleid productcode productid parentsku",
        "name": "name productname title producttitle product",
        "description": "description desc productdescription details",
        "price": "price retailprice unitprice rrp sellingprice",
        "currency": "currency currencycode",
        "image_urls": "image images imageurl imageurls imagelink picture photo",
        "sku": "sku variantsku skucode itemcode variantcode",
        "colour": "colour color colourname colorname",
        "size": "size sizename variantsize",
        "barcode": "barcode ean ean13 upc gtin",
    },
    required=("style_code", "sku"),
    described=(
        "a Style code and a SKU column; also recognised: Name, Description, Price, "
        "Currency, Image URL, Colour, Size, Barcode (EAN)"
    ),
)
STOCK_FORMAT = CsvFormat(
    aliases={
        "sku": "sku variantsku skucode itemcode variantcode",
        "location": "location store storecode storename site warehouse locationcode",
        "on_hand": "onhand quantity qty stock stocklevel count instock",
    },
    required=("sku", "location", "on_hand"),
    described="SKU, Location (a store's code or name, warehouse or online) and On hand",
)
_URL_SEPARATORS = re.compile(r"[\s;|,]+")


def products_import_file(
    *, actor: Staff, file_name: str, source: IO[bytes], progress: Progress
) -> ImportReport:
    capability_require(staff=actor, capability=Capability.MANAGE_CATALOGUE)

    def row_import(values: dict[str, str]) -> str:
        urls = values.get("image_urls")
        draft = ProductDraft(
            style_code=values.get("style_code", ""),
            name=values.get("name"),
            description=values.get("description"),
            price=_price(values["price"]) if "price" in values else None,
            currency=values.get("currency"),
            image_urls=[url for url in _URL_SEPARATORS.split(urls) if url] if urls else None,
            variants=(
                VariantDraft(
                    sku=values.get("sku", ""),
                    colour=values.get("colour", ""),
                    size=values.get("size", ""),
                    barcode=values.get("barcode", ""),
                ),
            ),
        )
        return product_upsert(actor=actor, draft=draft)[1]

    return csv_file_import(
        file_name=file_name,
        source=source,
        layout=PRODUCT_FORMAT,
        row_import=row_import,
        progress=progress,
    )


def stock_import_file(
    *, actor: Staff, file_name: str, source: IO[bytes], progress: Progress
) -> ImportReport:
    capability_require(staff=actor, capability=Capability.MANAGE_CATALOGUE)

    def row_import(values: dict[str, str]) -> str:
        count = values.get("on_hand", "")
        if not count.isdigit():
            raise InvalidStock(
                f"{count!r} is not a stock count: give a whole number, 0 or more.",
                field="on_hand",
            )
        sku, location = values.get("sku", ""), values.get("location", "")
        return stock_set(actor=actor, sku=sku, location=location, on_hand=int(count))[1]

    return csv_file_import(
        file_name=file_name,
        source=source,
        layout=STOCK_FORMAT,
        row_import=row_import,
        progress=progress,
    )


def _price(cell: str) -> Decimal:
    """145, 145.00 or £145.00: the currency is its own column."""
    try:
        return Decimal(cell.strip().lstrip("£$€").replace(",", ""))
    except InvalidOperation:
        raise InvalidProduct(f"{cell!r} is not a price such as 145.00.", field="price") from None
