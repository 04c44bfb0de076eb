"""A sender nobody has waits on the Unlinked contacts page until staff say who it is; then
every message from them moves onto that customer's timeline."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.channels.models import InboundEvent, UnlinkedContact
from everthread.conversations.models import Interaction
from everthread.customers.models import ContactPoint, Customer
from factories import ContactPointFactory, CustomerFactory
from webhooks import meta_post, sms, twilio_post, whatsapp_cloud, whatsapp_text

pytestmark = pytest.mark.django_db


def _deliver(client: Client, capture, *forms: dict[str, str]) -> None:
    for form in forms:
        with capture(execute=True):
            twilio_post(client, form)


def test_messages_from_an_unknown_number_wait_as_one_contact(
    client, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    _deliver(
        client,
        django_capture_on_commit_callbacks,
        sms("SM1", "+447700900404", "Do you stock size 43 boots?"),
        sms("SM2", "+447700900404", "Chelsea style"),
    )

    contact = UnlinkedContact.objects.get()
    assert (contact.channel, contact.address, contact.message_count) == ("sms", "+447700900404", 2)
    assert not Interaction.objects.exists()
    assert set(InboundEvent.objects.values_list("outcome", flat=True)) == {"unlinked"}


def test_the_page_lists_them_with_an_empty_state_and_pages(
    signed_in, organisation, inline_tasks, django_capture_on_commit_callbacks, settings
) -> None:
    empty = signed_in.get("/unlinked-contacts/")
    assert "Nobody is waiting to be linked" in empty.content.decode()

    settings.PAGE_SIZE = 2
    _deliver(
        Client(),
        django_capture_on_commit_callbacks,
        *[sms(f"SM{n}", f"+44770090040{n}", f"Message {n}") for n in range(1, 4)],
    )
    first = signed_in.get("/unlinked-contacts/").content.decode()
    assert "+447700900403" in first and "+447700900402" in first
    assert "+447700900401" not in first and "Next page" in first
    cursor = first.split('href="?cursor=')[1].split('"')[0]
    second = signed_in.get(f"/unlinked-contacts/?cursor={cursor}").content.decode()
    assert "+447700900401" in second and "Next page" not in second


def test_linking_moves_the_messages_onto_the_customer_and_recognises_the_next(
    client, signed_in, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    ContactPointFactory(customer=daniel, kind="email", value="daniel.novak@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        meta_post(
            client,
            whatsapp_cloud(
                [whatsapp_text("wamid.D1", "447700900404", "Boots too small")], name="Daniel N"
            ),
        )
    contact = UnlinkedContact.objects.get()

    page = signed_in.get(f"/unlinked-contacts/{contact.pk}/?q=Novak").content.decode()
    assert "Boots too small" in page and "Link to Daniel Novak" in page
    with django_capture_on_commit_callbacks(execute=True):
        linked = signed_in.post(
            f"/unlinked-contacts/{contact.pk}/link/", {"customer_id": daniel.pk}
        )
    with django_capture_on_commit_callbacks(execute=True):
        meta_post(
            client, whatsapp_cloud([whatsapp_text("wamid.D2", "447700900404", "EU 43 please")])
        )

    assert linked.status_code == 302 and linked["Location"] == f"/customers/{daniel.pk}/"
    said = list(
        Interaction.objects.filter(customer=daniel).order_by("pk").values_list("body", flat=True)
    )
    assert said == ["Boots too small", "EU 43 please"]
    assert ContactPoint.objects.filter(
        customer=daniel, kind="phone", value="+447700900404"
    ).exists()
    assert UnlinkedContact.objects.get().customer == daniel
    assert "Nobody is waiting" in signed_in.get("/unlinked-contacts/").content.decode()


def test_a_new_customer_is_created_prefilled_with_the_address(
    client, signed_in, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    _deliver(
        client, django_capture_on_commit_callbacks, sms("SM9", "+447700900505", "Hi, it's Jordan")
    )
    contact = UnlinkedContact.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        created = signed_in.post(
            f"/unlinked-contacts/{contact.pk}/new-customer/",
            {"given_name": "Jordan", "family_name": "Blake"},
        )

    jordan = Customer.objects.get(given_name="Jordan")
    assert created["Location"] == f"/customers/{jordan.pk}/"
    assert list(jordan.contact_points.values_list("kind", "value")) == [("phone", "+447700900505")]
    assert list(Interaction.objects.filter(customer=jordan).values_list("body", flat=True)) == [
        "Hi, it's Jordan"
    ]


def test_linking_twice_or_to_nobody_is_refused_with_a_reason(
    client, signed_in, organisation, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    _deliver(client, django_capture_on_commit_callbacks, sms("SM10", "+447700900606", "Hello"))
    contact = UnlinkedContact.objects.get()
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    nobody = signed_in.post(f"/unlinked-contacts/{contact.pk}/link/", {"customer_id": "999999"})
    signed_in.post(f"/unlinked-contacts/{contact.pk}/link/", {"customer_id": amara.pk})
    again = signed_in.post(f"/unlinked-contacts/{contact.pk}/link/", {"customer_id": amara.pk})

    assert nobody.status_code == 404 and "no customer with id 999999" in nobody.content.decode()
    assert again.status_code == 409 and "already linked" in again.content.decode()
    assert Interaction.objects.filter(customer=amara).count() == 1
