"""The main navigation offers the audit log and the retention periods only to roles that
may use them."""

from __future__ import annotations

import pytest
from django.test import Client

from factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "shown"), [("privacy_officer", True), ("associate", False)])
def test_the_privacy_links_follow_the_role(
    client: Client, organisation, role: str, shown: bool
) -> None:
    client.force_login(StaffFactory(role=role))

    page = client.get("/my-day/").content.decode()

    assert ('href="/privacy/audit/"' in page) is shown
    assert ('href="/privacy/retention/"' in page) is shown


@pytest.mark.parametrize(("role", "shown"), [("associate", True), ("coach", False)])
def test_the_templates_link_is_for_those_who_message_customers(
    client: Client, organisation, role: str, shown: bool
) -> None:
    client.force_login(StaffFactory(role=role))

    page = client.get("/my-day/").content.decode()

    assert ('href="/templates/"' in page) is shown


@pytest.mark.parametrize(("role", "shown"), [("agent", True), ("privacy_officer", False)])
def test_the_practice_link_is_for_those_who_practise(
    client: Client, organisation, role: str, shown: bool
) -> None:
    client.force_login(StaffFactory(role=role))

    page = client.get("/my-day/").content.decode()

    assert ('href="/coaching/practice/mine/"' in page) is shown
