"""Staff see what they can actually sell: stock on hand less the holds that still count."""

from __future__ import annotations

import datetime

from django.utils import timezone

from everthread.commerce.models import Hold
from everthread.commerce.selectors import availability_summary, variant_availability
from factories import CustomerFactory, StaffFactory


def _hold(variant, location, *, quantity=1, hours=48, status="active") -> Hold:
    return Hold.objects.create(
        variant=variant,
        location=location,
        customer=CustomerFactory(),
        quantity=quantity,
        expires_at=timezone.now() + datetime.timedelta(hours=hours),
        status=status,
        created_by=StaffFactory(),
    )


def test_stock_reads_across_stores_and_online(stocked) -> None:
    [places] = variant_availability(variant_ids=[stocked.pk]).values()

    assert availability_summary(places) == "2 in Leeds, 1 in Manchester, 14 online"


def test_an_active_hold_keeps_its_item_back(stocked, leeds) -> None:
    _hold(stocked, leeds)

    [places] = variant_availability(variant_ids=[stocked.pk]).values()

    at_leeds = next(place for place in places if place.location == leeds)
    assert (at_leeds.on_hand, at_leeds.held, at_leeds.available) == (2, 1, 1)
    assert availability_summary(places) == "1 in Leeds, 1 in Manchester, 14 online"


def test_expired_and_released_holds_stop_counting(stocked, leeds, manchester) -> None:
    _hold(stocked, leeds, hours=-1)
    _hold(stocked, manchester, status="released")

    [places] = variant_availability(variant_ids=[stocked.pk]).values()

    assert availability_summary(places) == "2 in Leeds, 1 in Manchester, 14 online"


def test_a_size_nowhere_in_stock_says_so(raincoat, stocked) -> None:
    large = raincoat.variants.get(size="L")

    places = variant_availability(variant_ids=[large.pk])[large.pk]

    assert places == []
    assert availability_summary(places) == "None in stock"


def test_every_size_everywhere_is_one_query(
    raincoat, stocked, leeds, manchester, django_assert_num_queries
) -> None:
    _hold(stocked, leeds, quantity=2)
    _hold(stocked, leeds)
    _hold(stocked, manchester)
    ids = [variant.pk for variant in raincoat.variants.all()]

    with django_assert_num_queries(1):
        stock = variant_availability(variant_ids=ids)

    assert availability_summary(stock[stocked.pk]) == "14 online"
    assert [place.held for place in stock[stocked.pk]] == [3, 1, 0]
