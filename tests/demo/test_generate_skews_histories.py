"""Most generated customers have a handful of contacts and a few have a great many, as in
a real base: what the customer page has to stay fast for."""

from __future__ import annotations

import statistics

import numpy as np
import pytest
from django.db.models import Count

from everthread.conversations.models import Interaction
from everthread.customers.models import Customer
from everthread.demo.bulk import MAX_HISTORY, history_lengths
from generating import generate, per_customer

pytestmark = pytest.mark.django_db


def test_a_few_customers_have_most_of_the_contacts(associate) -> None:
    generate("--customers", "200", "--interactions", "4000")

    contacts = per_customer(Interaction)
    counts = sorted(
        (contacts.get(pk, 0) for pk in Customer.objects.values_list("pk", flat=True)),
        reverse=True,
    )
    assert counts[0] >= 10 * statistics.median(counts)
    assert sum(counts[:20]) >= 0.4 * sum(counts)


def test_at_full_scale_hundreds_have_over_a_thousand() -> None:
    lengths = history_lengths(np.random.default_rng(1), customers=100_000, interactions=2_000_000)

    assert lengths.sum() == 2_000_000
    assert 100 <= (lengths >= 1000).sum() <= 1000
    assert lengths.max() <= 1.2 * MAX_HISTORY
    assert np.median(lengths) <= 10


def test_contacts_do_not_pile_up_on_the_moment_the_base_is_made(associate) -> None:
    """A journey that would run past the moment of generating starts where it fits; ending
    them all at that moment had piled 52,000 contacts on one hour of a 1M base."""
    generate("--customers", "200", "--interactions", "4000")

    busiest = (
        Interaction.objects.values("occurred_at").annotate(n=Count("id")).order_by("-n").first()
    )
    assert busiest is not None and busiest["n"] == 1, busiest
