"""Every look at a customer's profile is recorded in the audit log against the member of
staff who looked, whether on the page or through the API."""

from __future__ import annotations

from django.test import Client

from everthread.core.models import AuditEvent
from factories import CustomerFactory, StaffFactory


def _views():
    return AuditEvent.objects.filter(action="customer.viewed").order_by("id")


def test_each_page_view_is_recorded_against_the_viewer(
    client: Client, associate, organisation
) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    priya = StaffFactory(username="priya", role="manager")

    client.force_login(associate)
    client.get(f"/customers/{amara.pk}/")
    client.get(f"/customers/{amara.pk}/")
    client.force_login(priya)
    client.get(f"/customers/{amara.pk}/")

    assert [(event.actor, event.customer_id) for event in _views()] == [
        (associate, amara.pk),
        (associate, amara.pk),
        (priya, amara.pk),
    ]
    event = _views().first()
    assert (event.subject_type, event.subject_id) == ("customers.customer", str(amara.pk))


def test_opening_an_edit_form_is_a_view(signed_in: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara")

    signed_in.get(f"/customers/{amara.pk}/preferences/")

    assert [(event.actor, event.customer_id) for event in _views()] == [(associate, amara.pk)]


def test_an_api_read_is_recorded_against_the_token_owner(api: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara")

    api.get(f"/api/v1/customers/{amara.pk}")

    assert [(event.actor, event.customer_id) for event in _views()] == [(associate, amara.pk)]


def test_a_search_list_is_not_a_profile_view(signed_in: Client) -> None:
    CustomerFactory(given_name="Amara", family_name="Osei")

    signed_in.get("/customers/", {"q": "osei"})

    assert not _views().exists()
