"""Each demo has appointments this week: Harlow & Finch's in its three stores and Amara's
virtual styling with Priya, prepared with the emerald dress held at Manchester; a gym
induction at Pulse Fitness, a spa booking at Marlow Hotels. Loading again adds none."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from everthread.commerce.models import Appointment

pytestmark = pytest.mark.django_db


def test_harlow_and_finch_has_a_week_of_appointments(demo: Callable[..., str]) -> None:
    demo()
    demo()

    appointments = list(Appointment.objects.select_related("store", "host", "customer"))
    now = timezone.now()
    assert all(now < a.starts_at < now + datetime.timedelta(days=7) for a in appointments)
    assert {a.store.name for a in appointments if a.kind == "in_store"} == {
        "London Covent Garden",
        "Manchester King Street",
        "Leeds Briggate",
    }
    amaras = Appointment.objects.get(customer__given_name="Amara")
    assert amaras.title == "Virtual styling with Priya Shah"
    assert "emerald wrap dress in 12 is held at Manchester King Street" in amaras.preparation
    [hold] = amaras.holds.all()
    assert (hold.location.code, hold.variant.colour, hold.variant.size) == (
        "manchester-king-street",
        "Emerald",
        "UK 12",
    )


@pytest.mark.parametrize(
    ("industry", "purpose", "store"),
    [("fitness", "gym_induction", "bristol-harbourside"), ("hospitality", "spa", "marlow-york")],
)
def test_the_other_demos_have_theirs(
    demo: Callable[..., str], industry: str, purpose: str, store: str
) -> None:
    demo(industry=industry)

    [appointment] = Appointment.objects.all()
    assert (appointment.purpose, appointment.store.code) == (purpose, store)
