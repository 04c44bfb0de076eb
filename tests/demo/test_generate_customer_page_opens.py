"""Staff can open a generated customer's page and timeline like any other customer's."""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.test import Client
from django.utils.html import escape

from everthread.customers.models import Customer
from generating import generate

pytestmark = pytest.mark.django_db


def test_the_busiest_generated_customer_opens_with_their_timeline(signed_in: Client) -> None:
    generate("--customers", "60", "--interactions", "1500")
    customer = Customer.objects.annotate(contacts=Count("interactions")).order_by("-contacts")[0]
    latest = customer.timeline.order_by("-occurred_at", "-id")[0]

    page = signed_in.get(f"/customers/{customer.pk}/")
    timeline = signed_in.get(f"/customers/{customer.pk}/timeline/", headers={"HX-Request": "true"})

    assert page.status_code == 200
    assert escape(customer.full_name) in page.content.decode()
    assert timeline.status_code == 200
    assert escape(latest.title) in timeline.content.decode()
