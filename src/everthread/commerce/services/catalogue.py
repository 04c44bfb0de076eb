"""Writes to the catalogue and stock: products with their variants, stock counts, locations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q

from everthread.commerce.errors import (
    InvalidProduct,
    InvalidStock,
    LocationNotFound,
)
from everthread.commerce.models import Location, Product, StockLevel, Variant
from everthread.commerce.selectors import variant_by_sku
from everthread.core.models import Capability, Staff, Store
from everthread.core.services import audit_record, capability_require

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# Style codes and SKUs travel between systems, URLs and labels: letters, digits and - _ .
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_url_check = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class VariantDraft:
    sku: str
    colour: str = ""
    size: str = ""
    barcode: str = ""


@dataclass(frozen=True)
class ProductDraft:
    """A product as a source system sends it; None keeps what is stored."""

    style_code: str
    name: str | None = None
    description: str | None = None
    price: Decimal | None = None
    currency: str | None = None
    image_urls: list[str] | None = None
    variants: tuple[VariantDraft, ...] = ()


@transaction.atomic
def product_upsert(*, actor: Staff, draft: ProductDraft) -> tuple[Product, str]:
    """Create the style or bring it up to date, with its variants; sending the same product
    again changes nothing. Variants it does not list are kept: orders and holds name them."""
    capability_require(staff=actor, capability=Capability.MANAGE_CATALOGUE)
    style_code = _code(draft.style_code, field="style_code", what="style code")
    product = Product.objects.select_for_update().filter(style_code=style_code).first()
    created = product is None
    fields = _product_fields(draft, new=created)
    if product is None:
        product = Product.objects.create(style_code=style_code, **fields)
        changed = True
    else:
        changes = {name: value for name, value in fields.items() if getattr(product, name) != value}
        for name, value in changes.items():
            setattr(product, name, value)
        if changes:
            product.save(update_fields=[*changes, "updated_at"])
        changed = bool(changes)
    changed = any([_variant_upsert(product, variant) for variant in draft.variants]) or changed
    if not changed:
        return product, UNCHANGED
    action = "product.created" if created else "product.updated"
    audit_record(actor=actor, action=action, subject=product)
    return product, CREATED if created else UPDATED


def _product_fields(draft: ProductDraft, *, new: bool) -> dict[str, object]:
    fields: dict[str, object] = {}
    if draft.name is not None or new:
        name = (draft.name or "").strip()
        if not name:
            raise InvalidProduct(
                "Give the product a name staff and customers know it by.", field="name"
            )
        fields["name"] = name[:200]
    if draft.description is not None:
        fields["description"] = draft.description.strip()
    if draft.price is not None or new:
        if draft.price is None:
            raise InvalidProduct("Give the product's price.", field="price")
        exponent = draft.price.as_tuple().exponent
        if not isinstance(exponent, int) or draft.price < 0 or exponent < -2:
            raise InvalidProduct(
                f"{draft.price} is not a price: a positive amount with at most 2 decimals.",
                field="price",
            )
        fields["price"] = draft.price
    if draft.currency is not None:
        currency = draft.currency.strip().upper()
        if not _CURRENCY.match(currency):
            raise InvalidProduct(
                f"{draft.currency!r} is not a currency code such as GBP or EUR.", field="currency"
            )
        fields["currency"] = currency
    if draft.image_urls is not None:
        fields["image_urls"] = [_url(url) for url in draft.image_urls]
    return fields


def _url(url: str) -> str:
    try:
        _url_check(url)
    except ValidationError:
        raise InvalidProduct(
            f"{url!r} is not an image address: give a full http(s) URL.", field="image_urls"
        ) from None
    return url


def _code(value: str, *, field: str, what: str) -> str:
    code = (value or "").strip()
    if not _CODE.match(code):
        raise InvalidProduct(
            f"{value!r} is not a {what}: up to 60 letters, digits and . _ -, "
            "starting with a letter or digit.",
            field=field,
        )
    return code


def _variant_upsert(product: Product, draft: VariantDraft) -> bool:
    """Create or update one variant of ``product``; True if anything changed."""
    sku = _code(draft.sku, field="sku", what="SKU")
    variant = Variant.objects.select_related("product").filter(sku=sku).first()
    if variant is not None and variant.product_id != product.pk:
        raise InvalidProduct(
            f"SKU {sku} belongs to {variant.product}: a SKU is one product's.", field="sku"
        )
    barcode = draft.barcode.strip()
    if barcode:
        other = Variant.objects.filter(barcode=barcode).exclude(sku=sku).first()
        if other is not None:
            raise InvalidProduct(f"Barcode {barcode} is SKU {other.sku}'s.", field="barcode")
    values = {
        "colour": draft.colour.strip()[:60],
        "size": draft.size.strip()[:30],
        "barcode": barcode,
    }
    if variant is None:
        Variant.objects.create(product=product, sku=sku, **values)
        return True
    changes = {name: value for name, value in values.items() if getattr(variant, name) != value}
    if changes:
        Variant.objects.filter(pk=variant.pk).update(**changes)
    return bool(changes)


@transaction.atomic
def stock_set(*, actor: Staff, sku: str, location: str, on_hand: int) -> tuple[StockLevel, str]:
    """Set how many of a variant are at a location, as counted; the same count again
    changes nothing."""
    capability_require(staff=actor, capability=Capability.MANAGE_CATALOGUE)
    if on_hand < 0:
        raise InvalidStock(f"{on_hand} is not a stock count: give 0 or more.", field="on_hand")
    variant = variant_by_sku(sku)
    place = location_resolve(location)
    level = StockLevel.objects.select_for_update().filter(variant=variant, location=place).first()
    if level is None:
        level = StockLevel.objects.create(variant=variant, location=place, on_hand=on_hand)
        outcome = CREATED
    elif level.on_hand == on_hand:
        return level, UNCHANGED
    else:
        level.on_hand = on_hand
        level.save(update_fields=["on_hand", "updated_at"])
        outcome = UPDATED
    audit_record(
        actor=actor,
        action="stock.set",
        subject=level,
        detail={"sku": variant.sku, "location": place.code, "on_hand": on_hand},
    )
    return level, outcome


# The stock places every organisation has besides its stores.
_STANDARD = {
    "online": (Location.Kind.ONLINE, "Online"),
    "warehouse": (Location.Kind.WAREHOUSE, "Warehouse"),
}


def location_resolve(name_or_code: str) -> Location:
    """The stock location a source system names by code or name; a store's location, the
    warehouse and online are made the first time stock is counted there."""
    wanted = (name_or_code or "").strip()
    key = wanted.casefold()
    named = Q(code__iexact=wanted) | Q(name__iexact=wanted)
    place = Location.objects.select_related("store").filter(named).first()
    if place is not None:
        return place
    store = Store.objects.filter(named).first()
    if store is not None:
        return Location.objects.create(
            code=store.code, name=store.name, kind=Location.Kind.STORE, store=store
        )
    if key in _STANDARD:
        kind, name = _STANDARD[key]
        return Location.objects.create(code=key, name=name, kind=kind)
    raise LocationNotFound(
        f"There is no store or stock location {wanted!r}: use a store's code or name, "
        "'warehouse' or 'online'.",
        field="location",
    )
