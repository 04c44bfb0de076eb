"""Staff see what Daniel had to tell them again on his page, both passages side by side with
when, where and to whom; the API lists the same, page by page."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.core.services import token_create
from factories import CustomerFactory, StaffFactory, StoreFactory
from repeating import NOTE_WANTS, STORE_SAID, chloe, contact, days_ago, marcus, note_of_wants


@pytest.fixture
def daniel(organisation):
    leeds = StoreFactory(code="leeds-briggate", name="Leeds Briggate", city="Leeds")
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    note_of_wants(daniel, chloe(), NOTE_WANTS)
    contact(daniel, STORE_SAID, channel="in_store", at=days_ago(0), staff=marcus(leeds))
    return daniel


def test_the_customer_page_has_an_asked_again_section(signed_in: Client, daniel) -> None:
    page = signed_in.get(f"/customers/{daniel.pk}/").content.decode()

    assert "Asked again" in page
    assert f"/customers/{daniel.pk}/asked-again/" in page


def test_the_section_shows_both_passages_side_by_side(daniel) -> None:
    coach = StaffFactory(username="coach", first_name="Grace", last_name="Pym", role="coach")
    client = Client()
    client.force_login(coach)  # whoever may view the customer

    panel = client.get(f"/customers/{daniel.pk}/asked-again/", HTTP_HX_REQUEST="true")

    html = panel.content.decode()
    assert panel.status_code == 200
    assert "Already known" in html and "Told again" in html
    assert "Handover note (wants)" in html and "Chloe Evans" in html
    assert "In store" in html and "Marcus Bell" in html
    assert "HF-100482 (EU 42, a size too small)" in html
    assert "told again in store to Marcus Bell" in html


def test_a_customer_who_never_repeated_themselves_sees_an_empty_state(signed_in) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    page = signed_in.get(f"/customers/{amara.pk}/asked-again/")

    assert "Amara has not had to tell us anything twice" in page.content.decode()


def test_the_api_lists_repeats_page_by_page(associate, daniel) -> None:
    contact(daniel, STORE_SAID.replace("Daniel", "He"), channel="phone", at=days_ago(0))
    _, secret = token_create(staff=associate)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = f"/api/v1/customers/{daniel.pk}/repeats"

    first = api.get(url, {"limit": 1}).json()
    second = api.get(url, {"limit": 1, "cursor": first["next_cursor"]}).json()

    [newest] = first["items"]
    assert newest["later"]["channel"] == "phone"
    assert newest["earlier"]["kind"] in ("note.wants", "interaction")
    assert newest["reason"].startswith("the order number (HF-100482)")
    [older] = second["items"]
    assert (older["later"]["channel"], older["earlier"]["kind"]) == ("in_store", "note.wants")
    assert second["next_cursor"] is None


def test_the_api_refuses_a_bad_cursor_and_an_unknown_customer(associate, daniel) -> None:
    _, secret = token_create(staff=associate)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    bad = api.get(f"/api/v1/customers/{daniel.pk}/repeats", {"cursor": "nonsense"})
    unknown = api.get("/api/v1/customers/999999/repeats")

    assert (bad.status_code, bad.json()["field"]) == (400, "cursor")
    assert unknown.status_code == 404
