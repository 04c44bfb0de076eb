"""Two associates at once, each on their own connection, both holding the last raincoat in
Manchester: one gets it, the other is told there is none free (PostgreSQL's row locks)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connections, transaction

from everthread.commerce.errors import NotEnoughStock
from everthread.commerce.models import Hold, Location, Product, StockLevel
from everthread.commerce.services import hold_place
from factories import CustomerFactory, OrganisationFactory, StaffFactory, StoreFactory
from locking import ON_POSTGRESQL, wait_for_lock_waiters

pytestmark = [pytest.mark.django_db(transaction=True), ON_POSTGRESQL]


def test_the_last_one_is_held_once() -> None:
    OrganisationFactory()
    store = StoreFactory(code="manchester-king-street", name="Manchester King Street")
    manchester = Location.objects.create(
        code=store.code, name=store.name, kind="store", store=store
    )
    coat = Product.objects.create(
        style_code="HF-RAIN-01", name="Red toggle raincoat", price=Decimal(145)
    )
    variant = coat.variants.create(sku="HF-RAIN-01-RED-M", colour="Red", size="M")
    level = StockLevel.objects.create(variant=variant, location=manchester, on_hand=1)
    tom, marcus = StaffFactory(username="tom"), StaffFactory(username="marcus")
    outcomes: list[str] = []

    def hold_for(associate) -> None:
        try:
            hold_place(
                actor=associate, customer=CustomerFactory(), sku=variant.sku, location=manchester
            )
            outcomes.append("held")
        except NotEnoughStock:
            outcomes.append("refused")
        finally:
            connections.close_all()

    # Hold the stock row here so both associates are inside hold_place, reading, before
    # either can go on: without the lock they would both see one free.
    with transaction.atomic():
        StockLevel.objects.select_for_update().get(pk=level.pk)
        threads = [threading.Thread(target=hold_for, args=(a,)) for a in (tom, marcus)]
        for thread in threads:
            thread.start()
        wait_for_lock_waiters(2, what="The two associates")
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["held", "refused"]
    assert Hold.objects.filter(status="active").count() == 1
