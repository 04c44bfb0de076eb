"""The catalogue most commerce tests start from: the red toggle raincoat in Leeds,
Manchester, the warehouse and online."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

import appointing
from everthread.commerce.models import Location, Product, StockLevel, Variant
from everthread.core.models import Staff
from everthread.core.services import token_create
from everthread.customers.models import Customer
from factories import StaffFactory, StoreFactory


@pytest.fixture
def stock_system(organisation) -> Client:
    """The brand's stock system, calling with an administrator's token."""
    _, secret = token_create(staff=StaffFactory(username="stock-system", role="admin"))
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def leeds(organisation) -> Location:
    store = StoreFactory(code="leeds-briggate", name="Leeds Briggate", city="Leeds")
    return Location.objects.create(code=store.code, name=store.name, kind="store", store=store)


@pytest.fixture
def manchester(store) -> Location:
    return Location.objects.create(code=store.code, name=store.name, kind="store", store=store)


@pytest.fixture
def online(organisation) -> Location:
    return Location.objects.create(code="online", name="Online", kind="online")


@pytest.fixture
def warehouse(organisation) -> Location:
    return Location.objects.create(code="warehouse", name="Warehouse", kind="warehouse")


@pytest.fixture
def raincoat(organisation) -> Product:
    product = Product.objects.create(
        style_code="HF-RAIN-01",
        name="Red toggle raincoat",
        description="Falls just below the knee.",
        price=Decimal("145.00"),
    )
    for size in ("S", "M", "L"):
        Variant.objects.create(
            product=product, sku=f"HF-RAIN-01-RED-{size}", colour="Red", size=size
        )
    return product


@pytest.fixture
def raincoat_m(raincoat) -> Variant:
    return raincoat.variants.get(size="M")


@pytest.fixture
def stocked(raincoat_m, leeds, manchester, online) -> Variant:
    """Medium: 2 in Leeds, 1 in Manchester, 14 online."""
    for location, count in ((leeds, 2), (manchester, 1), (online, 14)):
        StockLevel.objects.create(variant=raincoat_m, location=location, on_hand=count)
    return raincoat_m


@pytest.fixture
def amara(organisation) -> Customer:
    return appointing.amara()


@pytest.fixture
def priya(organisation) -> Staff:
    return appointing.priya()
