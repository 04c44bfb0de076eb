"""`everthread dedupe` leaves likely duplicates for a person to review; nothing merges itself."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from faker import Faker

from everthread.customers.models import Customer, DuplicatePair
from everthread.customers.services import customer_create, customer_merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def base_with_a_duplicate(associate) -> tuple[Customer, Customer]:
    fake = Faker("en_GB")
    fake.seed_instance(7)
    for n in range(150):
        customer_create(
            actor=associate,
            profile={
                "given_name": fake.first_name(),
                "family_name": fake.last_name(),
                "date_of_birth": fake.date_of_birth(minimum_age=18, maximum_age=80),
                "postcode": fake.postcode(),
            },
            contact_points=[("email", f"person{n}@example.com")],
        )
    amara = customer_create(
        actor=associate,
        profile={
            "given_name": "Amara",
            "family_name": "Osei",
            "postcode": "M1 1AA",
            "date_of_birth": datetime.date(1991, 3, 14),
        },
        contact_points=[("email", "amara.osei@example.com"), ("phone", "07700 900101")],
    )
    again = customer_create(
        actor=associate,
        profile={
            "given_name": "Amara",
            "family_name": "Osei",
            "postcode": "M1 1AB",
            "date_of_birth": datetime.date(1991, 3, 14),
        },
        contact_points=[("email", "a.osei@example.org")],
    )
    return amara, again


def test_dedupe_stores_the_pair_with_reasons_and_writes_the_csv(
    base_with_a_duplicate, tmp_path
) -> None:
    amara, again = base_with_a_duplicate
    out = io.StringIO()

    call_command("dedupe", "--out", str(tmp_path / "pairs.csv"), stdout=out)

    pair = DuplicatePair.objects.get(customer_a=amara, customer_b=again)
    assert pair.status == DuplicatePair.Status.OPEN
    assert pair.score >= 0.5
    assert pair.reasons
    assert "Compared" in out.getvalue()
    rows = list(csv.DictReader((tmp_path / "pairs.csv").open()))
    assert {(row["customer_a"], row["customer_b"]) for row in rows} >= {
        (str(amara.pk), str(again.pk))
    }
    assert Customer.objects.filter(merged_into__isnull=False).count() == 0


def test_running_dedupe_again_adds_nothing_and_keeps_decisions(
    base_with_a_duplicate, signed_in: Client
) -> None:
    call_command("dedupe", stdout=io.StringIO())
    pair = DuplicatePair.objects.get()
    signed_in.post(f"/customers/duplicates/{pair.pk}/dismiss/")

    call_command("dedupe", stdout=io.StringIO())

    pair.refresh_from_db()
    assert DuplicatePair.objects.count() == 1
    assert pair.status == DuplicatePair.Status.DISMISSED


def test_the_review_page_shows_pairs_side_by_side(base_with_a_duplicate, signed_in: Client) -> None:
    amara, again = base_with_a_duplicate
    call_command("dedupe", stdout=io.StringIO())

    page = signed_in.get("/customers/duplicates/").content.decode()

    assert "Amara Osei · Amara Osei" in page
    assert f"/customers/{amara.pk}/merge/?other={again.pk}" in page
    assert "amara.osei@example.com" in page and "a.osei@example.org" in page


def test_merging_a_pair_settles_it(base_with_a_duplicate, associate) -> None:
    amara, again = base_with_a_duplicate
    call_command("dedupe", stdout=io.StringIO())

    customer_merge(actor=associate, survivor_id=amara.pk, merged_id=again.pk)

    assert DuplicatePair.objects.get().status == DuplicatePair.Status.MERGED


def test_an_empty_review_page_says_how_to_look_again(signed_in: Client) -> None:
    page = signed_in.get("/customers/duplicates/").content.decode()

    assert "No likely duplicates to review" in page
