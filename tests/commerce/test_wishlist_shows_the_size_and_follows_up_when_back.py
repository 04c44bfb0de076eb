"""Items saved for a customer show whether their size is in stock, and when it is not, one
button opens a follow-up, owned by the associate, to tell them when it is back."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.commerce.services import wishlist_add
from everthread.followups.models import FollowUp
from factories import CustomerFactory


@pytest.fixture
def amara(organisation):
    return CustomerFactory(given_name="Amara", family_name="Osei")


def test_a_size_not_in_stock_offers_a_follow_up(
    signed_in: Client, associate, amara, raincoat, stocked
) -> None:
    large = wishlist_add(actor=associate, customer=amara, sku="HF-RAIN-01-RED-L", source="wishlist")
    wishlist_add(actor=associate, customer=amara, sku=stocked.sku, source="saved_for_you")

    panel = signed_in.get(f"/customers/{amara.pk}/commerce/").content.decode()
    response = signed_in.post(f"/wishlist/{large.pk}/follow-up/")

    assert "Not in stock in this size" in panel
    assert panel.count("Follow up when it is back") == 1  # the medium is in stock
    assert response.status_code == 302
    followup = FollowUp.objects.get(customer=amara)
    assert followup.title == "Tell Amara Osei when Red toggle raincoat Red L is back in stock"
    assert followup.owner == associate


def test_a_removed_item_leaves_the_wishlist(signed_in: Client, associate, amara, stocked) -> None:
    item = wishlist_add(actor=associate, customer=amara, sku=stocked.sku, source="wishlist")

    signed_in.post(f"/wishlist/{item.pk}/remove/")

    assert (
        "No appointments, orders, holds or saved items yet."
        in signed_in.get(f"/customers/{amara.pk}/commerce/").content.decode()
    )


def test_the_panel_stays_within_its_query_budget(
    signed_in: Client, associate, amara, stocked, django_assert_max_num_queries
) -> None:
    wishlist_add(actor=associate, customer=amara, sku=stocked.sku, source="wishlist")
    signed_in.get("/my-day/")  # warm: the organisation and the session are cached

    # Staff, customer, the audit row, then holds, orders, their lines, returns, the wishlist,
    # its stock and holds, the stores.
    with django_assert_max_num_queries(12):
        response = signed_in.get(f"/customers/{amara.pk}/commerce/")

    assert response.status_code == 200
