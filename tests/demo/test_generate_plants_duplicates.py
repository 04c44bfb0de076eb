"""About one generated customer in ten is someone already there, entered again the way
duplicates really arise, and dedupe finds most of them."""

from __future__ import annotations

import pytest
from rapidfuzz.distance import JaroWinkler

from everthread.customers.models import Customer, DuplicatePair
from everthread.customers.services import duplicates_find
from everthread.demo.bulk import customer_base_generate

pytestmark = pytest.mark.django_db


def test_one_customer_in_ten_is_a_planted_duplicate(associate) -> None:
    base = customer_base_generate(customers=1000, interactions=1000)

    assert 70 <= len(base.duplicates) <= 130
    customers = Customer.objects.prefetch_related("contact_points").in_bulk()
    for original_id, duplicate_id in base.duplicates:
        original, duplicate = customers[original_id], customers[duplicate_id]
        points = {(point.kind, point.value) for point in original.contact_points.all()}
        again = {(point.kind, point.value) for point in duplicate.contact_points.all()}
        assert again and not points & again
        names = (original.search_text, duplicate.search_text)
        assert JaroWinkler.similarity(*names) > 0.6 or set(names[0].split()) & set(names[1].split())


def test_dedupe_finds_most_of_them(associate) -> None:
    base = customer_base_generate(customers=300, interactions=300)

    duplicates_find()

    found = set(DuplicatePair.objects.values_list("customer_a_id", "customer_b_id"))
    planted = {tuple(sorted(pair)) for pair in base.duplicates}
    assert len(planted & found) >= 0.6 * len(planted)
