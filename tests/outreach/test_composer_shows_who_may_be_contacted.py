"""The composer shows, before sending, whether each client may be contacted on each channel
and why not, within a fixed number of queries however many clients the advisor has."""

from __future__ import annotations

import pytest
from django.test import Client

from consenting import GRANTED, client_of, record

# Sign-in and organisation, then the advisor's client ids, the clients, their contact points,
# their consent events, their recent messages (for frequency caps) and which of their contact
# points an erasure suppressed: however many clients.
COMPOSER_QUERIES = 8
# One customer: as above, plus opening the customer (their row and the audit of the view),
# plus the templates the picker offers for the purpose (the tone panel loads on its own).
CUSTOMER_COMPOSER_QUERIES = 11


@pytest.fixture
def isabelle_signed_in(advisor) -> Client:
    client = Client()
    client.force_login(advisor)
    return client


def test_the_client_list_says_who_may_be_contacted_and_why_not(
    isabelle_signed_in, charlotte, henry, sofia
) -> None:
    page = isabelle_signed_in.get("/clients/message/?purpose=marketing").content.decode()

    assert "Charlotte Hale" in page and "Henry Adeyemi" in page and "Sofia Marchetti" in page
    assert "Henry replied STOP to SMS on" in page
    assert "Sofia has not agreed to WhatsApp marketing: ask them first." in page


def test_sending_to_chosen_clients_goes_through_the_gate(
    isabelle_signed_in, charlotte, henry
) -> None:
    response = isabelle_signed_in.post(
        "/clients/message/",
        {
            "purpose": "marketing",
            "channel": "sms",
            "body": "The new suits are in.",
            "customer": [charlotte.pk, henry.pk],
        },
    )

    page = response.content.decode()
    assert "What happened" in page
    assert "Henry replied STOP to SMS on" in page
    assert "Charlotte has not agreed to SMS marketing: ask them first." in page
    assert not henry.outbound_messages.exists()


@pytest.mark.parametrize("clients", [1, 12])
def test_the_composer_stays_within_its_query_budget(
    isabelle_signed_in, advisor, django_assert_max_num_queries, clients: int
) -> None:
    for n in range(clients):
        customer = client_of(advisor, "Client", f"Number{n}", f"+4477009002{n:02d}")
        record(customer, "email", "marketing", GRANTED)

    with django_assert_max_num_queries(COMPOSER_QUERIES):
        response = isabelle_signed_in.get("/clients/message/")

    assert response.content.decode().count('name="customer"') == clients


def test_the_customer_composer_stays_within_its_query_budget(
    isabelle_signed_in, charlotte, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(CUSTOMER_COMPOSER_QUERIES):
        response = isabelle_signed_in.get(f"/customers/{charlotte.pk}/message/")

    assert response.status_code == 200
    assert "Send a message to Charlotte Hale" in response.content.decode()
