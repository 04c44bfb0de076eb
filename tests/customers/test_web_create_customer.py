"""Staff create a customer from a form: it opens their new page; a bad email is shown
against the field and nothing is created; a phone another customer has names them and
links to them."""

from __future__ import annotations

from django.test import Client

from everthread.core.models import AuditEvent
from everthread.customers.models import ContactPoint, Customer
from factories import ContactPointFactory, CustomerFactory


def _new_customer(client: Client, **fields: str):
    return client.post("/customers/new/", {"given_name": "Rosa", **fields})


def test_a_new_customer_opens_on_their_page(signed_in: Client, associate) -> None:
    response = _new_customer(
        signed_in,
        family_name="Álvarez",
        email="Rosa.Alvarez@Example.com",
        phone="07700 900202",
        tags="bridal, VIP",
    )

    rosa = Customer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/customers/{rosa.pk}/"
    assert rosa.full_name == "Rosa Álvarez"
    assert rosa.tags == ["bridal", "vip"]
    assert set(rosa.contact_points.values_list("kind", "value")) == {
        ("email", "rosa.alvarez@example.com"),
        ("phone", "+447700900202"),
    }
    assert AuditEvent.objects.get(action="customer.created").actor == associate


def test_an_invalid_email_is_shown_against_the_field_and_nothing_is_created(
    signed_in: Client,
) -> None:
    response = _new_customer(signed_in, email="rosa@", phone="07700 900202")

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["email"]
    assert "'rosa@' is not a valid email address" in errors["email"][0]
    assert 'id="id_email_error"' in response.content.decode()
    assert not Customer.objects.exists()
    assert not ContactPoint.objects.exists()


def test_a_missing_given_name_is_shown_against_the_field(signed_in: Client) -> None:
    response = signed_in.post("/customers/new/", {"family_name": "Alvarez"})

    assert response.status_code == 400
    assert response.context["form"].errors["given_name"] == ["This field is required."]
    assert not Customer.objects.exists()


def test_a_phone_another_customer_has_names_them_and_links_to_them(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")

    response = _new_customer(signed_in, family_name="Alvarez", phone="+44 7700 900101")

    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors["phone"] == [
        "Phone +44 7700 900101 already belongs to Amara Osei."
    ]
    assert f'<a href="/customers/{amara.pk}/">Open the customer it belongs to</a>' in page
    assert list(Customer.objects.all()) == [amara]
