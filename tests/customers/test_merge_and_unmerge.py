"""Two records of one person become one, and an unmerge puts both back exactly."""

from __future__ import annotations

import datetime

import pytest

from everthread.customers.errors import MergeRefused
from everthread.customers.merge_rules import _RULES, links_without_merge_rule
from everthread.customers.models import ContactPoint, Customer
from everthread.customers.recognition import Clues, recognise
from everthread.customers.selectors import customer_merge_preview, customer_search
from everthread.customers.services import (
    contact_point_add,
    customer_create,
    customer_merge,
    customer_unmerge,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(associate):
    survivor = customer_create(
        actor=associate,
        profile={"given_name": "Amara", "family_name": "Osei", "postcode": "M1 1AA"},
        contact_points=[("email", "amara.osei@example.com")],
    )
    duplicate = customer_create(
        actor=associate,
        profile={
            "given_name": "Amara",
            "family_name": "Osei-Mensah",
            "date_of_birth": datetime.date(1991, 3, 14),
            "preferences": {"colours": ["emerald"]},
        },
        contact_points=[("phone", "07700 900101"), ("instagram", "@amara.o")],
    )
    return survivor, duplicate


def _state(customer: Customer) -> tuple:
    customer.refresh_from_db()
    points = sorted(customer.contact_points.values_list("kind", "value"))
    return (customer.family_name, customer.date_of_birth, customer.preferences, points)


def test_the_preview_shows_what_moves_and_what_disagrees(pair) -> None:
    survivor, duplicate = pair

    preview = customer_merge_preview(survivor_id=survivor.pk, merged_id=duplicate.pk)

    assert preview.moves == {"contact points": 2}
    assert [c.name for c in preview.conflicts] == ["family_name", "date_of_birth", "preferences"]


def test_merging_moves_contact_points_and_takes_the_chosen_values(associate, pair) -> None:
    survivor, duplicate = pair

    customer_merge(
        actor=associate,
        survivor_id=survivor.pk,
        merged_id=duplicate.pk,
        take_from_merged=["date_of_birth", "preferences"],
    )

    assert _state(survivor) == (
        "Osei",
        datetime.date(1991, 3, 14),
        {"colours": ["emerald"]},
        [("email", "amara.osei@example.com"), ("instagram", "amara.o"), ("phone", "+447700900101")],
    )
    assert recognise(clues=Clues(contact_point="07700 900101"), region="GB").customer == survivor
    listed = customer_search(query="Amara", region="GB").items
    assert listed == [survivor]


def test_unmerge_restores_both_records_exactly(associate, pair) -> None:
    survivor, duplicate = pair
    before = (_state(survivor), _state(duplicate))
    merge = customer_merge(
        actor=associate,
        survivor_id=survivor.pk,
        merged_id=duplicate.pk,
        take_from_merged=["family_name", "date_of_birth", "preferences"],
    )
    contact_point_add(
        actor=associate, customer_id=survivor.pk, kind="email", value="amara@example.org"
    )

    customer_unmerge(actor=associate, merge_id=merge.pk)

    restored_survivor, restored_duplicate = _state(survivor), _state(duplicate)
    assert restored_duplicate == before[1]
    assert restored_survivor[:3] == before[0][:3]
    # What was added to the survivor after the merge stays with the survivor.
    assert restored_survivor[3] == sorted([*before[0][3], ("email", "amara@example.org")])
    assert Customer.objects.get(pk=duplicate.pk).merged_into is None


def test_a_customer_cannot_be_merged_into_themselves(associate, pair) -> None:
    survivor, _ = pair
    with pytest.raises(MergeRefused, match="into themselves"):
        customer_merge(actor=associate, survivor_id=survivor.pk, merged_id=survivor.pk)


def test_an_already_merged_customer_is_refused_with_where_it_went(associate, pair) -> None:
    survivor, duplicate = pair
    third = customer_create(actor=associate, profile={"given_name": "Amara"})
    customer_merge(actor=associate, survivor_id=survivor.pk, merged_id=duplicate.pk)

    with pytest.raises(MergeRefused, match=f"already merged into customer {survivor.pk}"):
        customer_merge(actor=associate, survivor_id=third.pk, merged_id=duplicate.pk)
    assert ContactPoint.objects.filter(customer=third).count() == 0


def test_a_merge_is_undone_once(associate, pair) -> None:
    survivor, duplicate = pair
    merge = customer_merge(actor=associate, survivor_id=survivor.pk, merged_id=duplicate.pk)
    customer_unmerge(actor=associate, merge_id=merge.pk)

    with pytest.raises(MergeRefused, match="already been undone"):
        customer_unmerge(actor=associate, merge_id=merge.pk)


def test_every_link_to_a_customer_has_a_merge_rule() -> None:
    assert links_without_merge_rule() == []


def test_a_link_without_a_merge_rule_stops_start_up(monkeypatch) -> None:
    monkeypatch.delitem(_RULES, "customers.ContactPoint.customer")

    errors = links_without_merge_rule()

    assert [error.id for error in errors] == ["everthread.E001"]
    assert "customers.ContactPoint.customer" in errors[0].msg
