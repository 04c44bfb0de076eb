"""The catalogue and stock over the API, so the brand's systems keep them current."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status

from everthread.commerce.models import Location, Product, Variant
from everthread.commerce.selectors import (
    Availability,
    ProductPage,
    availability_summary,
    product_search,
    variant_with_stock,
)
from everthread.commerce.services import (
    CREATED,
    ProductDraft,
    VariantDraft,
    product_upsert,
    stock_set,
)
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.core.schemas import PageParams

router = Router(tags=["catalogue"])


class VariantIn(Schema):
    sku: str
    colour: str = ""
    size: str = ""
    barcode: str = Field(default="", description="EAN or UPC, when the variant has one.")


class ProductIn(Schema):
    name: str | None = Field(default=None, description="Required for a new product.")
    description: str | None = None
    price: Decimal | None = Field(default=None, description="Required for a new product.")
    currency: str | None = Field(default=None, description="ISO 4217, e.g. GBP.")
    image_urls: list[str] | None = None
    variants: list[VariantIn] = Field(
        default_factory=list, description="Created or updated by SKU; unlisted ones are kept."
    )


class VariantOut(Schema):
    sku: str
    colour: str
    size: str
    barcode: str


class ProductOut(Schema):
    style_code: str
    name: str
    description: str
    price: Decimal
    currency: str
    image_urls: list[str]
    variants: list[VariantOut]
    updated_at: datetime.datetime

    @staticmethod
    def resolve_variants(product: Product) -> list[Variant]:
        return list(product.variants.all())


class ProductPageOut(Schema):
    items: list[ProductOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: ProductPage) -> list[Product]:
        return page.products


class ProductsParams(PageParams):
    q: str = Field(default="", description="Words in the name, style code, a SKU or a colour.")


class StockIn(Schema):
    on_hand: int = Field(ge=0, description="How many are there, as counted.")


class LocationOut(Schema):
    code: str
    name: str
    kind: Location.Kind


class PlaceOut(Schema):
    location: LocationOut
    on_hand: int
    held: int = Field(description="Kept back for customers by active holds.")
    available: int


class StockOut(Schema):
    sku: str
    product: str
    places: list[PlaceOut]
    summary: str = Field(description='As staff say it: "2 in Leeds, 14 online".')


def _stock_out(variant: Variant, places: list[Availability]) -> StockOut:
    return StockOut(
        sku=variant.sku,
        product=variant.product.name,
        places=[
            PlaceOut(
                location=LocationOut.from_orm(place.location),
                on_hand=place.on_hand,
                held=place.held,
                available=place.available,
            )
            for place in places
        ],
        summary=availability_summary(places),
    )


@router.put(
    "/products/{style}",
    response={200: ProductOut, 201: ProductOut},
    summary="Create or update a product by its style code, with its variants",
)
@requires(Capability.MANAGE_CATALOGUE)
def products_put(request: StaffRequest, style: str, payload: ProductIn) -> object:
    product, outcome = product_upsert(
        actor=request.auth,
        draft=ProductDraft(
            style_code=style,
            name=payload.name,
            description=payload.description,
            price=payload.price,
            currency=payload.currency,
            image_urls=payload.image_urls,
            variants=tuple(VariantDraft(**variant.dict()) for variant in payload.variants),
        ),
    )
    return Status(201 if outcome == CREATED else 200, product)


@router.get(
    "/products",
    response=ProductPageOut,
    summary="Search products by name, style code, SKU or colour; by name, a page at a time",
)
@requires()
def products_list(request: StaffRequest, params: Query[ProductsParams]) -> object:
    return product_search(q=params.q, after=params.cursor, limit=params.limit)


@router.put(
    "/stock/{sku}/{location}",
    response=StockOut,
    summary="Set how many of a SKU are at a location (a store's code, warehouse or online)",
)
@requires(Capability.MANAGE_CATALOGUE)
def stock_put(request: StaffRequest, sku: str, location: str, payload: StockIn) -> object:
    stock_set(actor=request.auth, sku=sku, location=location, on_hand=payload.on_hand)
    return _stock_out(*variant_with_stock(sku=sku))


@router.get(
    "/stock/{sku}",
    response=StockOut,
    summary="A SKU's stock in every location: on hand, held for customers, available",
)
@requires()
def stock_read(request: StaffRequest, sku: str) -> object:
    return _stock_out(*variant_with_stock(sku=sku))
