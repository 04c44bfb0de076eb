"""A fresh database with no organisation tells staff how to set one up instead of failing."""

from __future__ import annotations

import pytest
from django.test import Client

from factories import StaffFactory


@pytest.mark.django_db
def test_customer_list_without_an_organisation_says_how_to_set_one_up(client: Client) -> None:
    client.force_login(StaffFactory(role="admin"))

    response = client.get("/customers/")

    assert response.status_code == 404
    assert "run `everthread demo`" in response.content.decode()
