"""Harlow & Finch's people for the template tests: a manager who writes templates, Amara."""

from __future__ import annotations

import pytest
from django.test import Client

from factories import ContactPointFactory, CustomerFactory, JourneyFactory, StaffFactory


@pytest.fixture
def manager(store):
    return StaffFactory(
        username="isabelle.manager",
        first_name="Isabelle",
        last_name="Laurent",
        role="manager",
        home_store=store,
    )


@pytest.fixture
def manager_signed_in(manager) -> Client:
    client = Client()
    client.force_login(manager)
    return client


@pytest.fixture
def amara(store):
    amara = CustomerFactory(given_name="Amara", family_name="Osei", home_store=store)
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    ContactPointFactory(customer=amara, kind="email", value="amara.osei@example.com")
    JourneyFactory(customer=amara, title="Outfit for her sister's wedding")
    return amara
