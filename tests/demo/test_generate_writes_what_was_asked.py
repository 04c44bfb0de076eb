"""`everthread generate` writes the customers and contacts asked for, in the forms the
product itself stores, and says how fast it wrote them."""

from __future__ import annotations

import pytest

from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.core.models import Channel
from everthread.customers.contact_points import ContactKind, contact_point_normalise
from everthread.customers.models import ContactPoint, Customer
from everthread.customers.preferences import Preferences
from everthread.followups.models import FollowUp
from generating import generate

pytestmark = pytest.mark.django_db


def test_every_customer_and_interaction_asked_for_is_written(associate) -> None:
    printed = generate("--customers", "200", "--interactions", "4000")

    assert Customer.objects.count() == 200
    assert Interaction.objects.count() == 4000
    assert TimelineEntry.objects.filter(kind="interaction").count() == 4000
    assert TimelineEntry.objects.filter(kind="followup").count() == FollowUp.objects.count() > 0
    assert Journey.objects.exists()
    assert "rows/s" in printed


def test_contact_points_of_every_kind_as_the_product_stores_them(associate) -> None:
    generate("--customers", "300", "--interactions", "300")

    points = list(ContactPoint.objects.all())
    assert {point.kind for point in points} == set(ContactKind.values)
    for point in points:
        assert contact_point_normalise(point.kind, point.value, region="GB") == point.value
    countries = {point.value[:3] for point in points if point.kind == "phone"}
    assert {"+44", "+33", "+49"} <= countries


def test_profiles_are_what_saving_them_would_keep(associate) -> None:
    generate("--customers", "100", "--interactions", "100")

    for customer in Customer.objects.all():
        Preferences.model_validate(customer.preferences)
        derived = customer.sort_key, customer.search_text
        customer.save()
        assert (customer.sort_key, customer.search_text) == derived


def test_contacts_come_through_many_channels(associate) -> None:
    generate("--customers", "100", "--interactions", "3000")

    used = set(Interaction.objects.values_list("channel", flat=True))
    assert len(used) >= 10
    assert used <= set(Channel.values)
