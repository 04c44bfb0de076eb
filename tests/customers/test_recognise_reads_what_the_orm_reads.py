"""The customer and contact point recognise() hands back are what the ORM would load, field
for field and type for type, however the lookup builds them; its query is seen by everything
that watches queries, and a connection closed and opened again is simply used."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError

from everthread.customers.models import ContactPoint, Customer
from everthread.customers.recognition import Clues, recognise
from everthread.customers.services import customer_create

pytestmark = pytest.mark.django_db(transaction=True)

UNREAD = {"sort_key", "search_text", "created_at"}


@pytest.fixture
def sofia(associate, store):
    return customer_create(
        actor=associate,
        profile={
            "given_name": "Sofia",
            "family_name": "Marchetti",
            "preferred_name": "Sof",
            "date_of_birth": datetime.date(1988, 6, 2),
            "postcode": "M2 4WU",
            "home_store": store,
            "preferences": {"colours": ["navy"]},
            "tags": ["vip", "bridal"],
        },
        contact_points=[("email", "sofia.marchetti@example.com"), ("loyalty", "HF-200417")],
    )


def loaded(instance: Customer | ContactPoint) -> dict[str, object]:
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.attname not in UNREAD
    }


@pytest.mark.parametrize("typed", ["Sofia.Marchetti@Example.com", "hf 200417"])
def test_the_recognised_customer_is_the_one_the_orm_loads(sofia, typed: str) -> None:
    recognition = recognise(clues=Clues(contact_point=typed), region="GB")
    customer, point = recognition.customer, recognition.matched_on

    stored = Customer.objects.get(pk=sofia.pk)
    assert loaded(customer) == loaded(stored)
    assert customer.updated_at.tzinfo is stored.updated_at.tzinfo
    assert customer.get_deferred_fields() == UNREAD
    assert (customer._state.adding, customer._state.db) == (False, "default")
    assert loaded(point) == loaded(ContactPoint.objects.get(pk=point.pk))
    assert point.get_deferred_fields() == {"created_at"}
    assert point.customer is customer


def test_the_recognised_customer_saves_like_any_other(sofia) -> None:
    customer = recognise(clues=Clues(contact_point="hf-200417"), region="GB").customer

    customer.preferred_name = "Sofi"
    customer.save(update_fields=["preferred_name"])

    assert Customer.objects.get(pk=sofia.pk).preferred_name == "Sofi"
    assert customer.sort_key == sofia.sort_key  # a deferred field still loads when read


def test_the_lookup_is_seen_by_query_watchers(sofia) -> None:
    seen: list[str] = []

    def watch(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        recognise(clues=Clues(contact_point="sofia.marchetti@example.com"), region="GB")

    assert len(seen) == 1
    assert "customers_contactpoint" in seen[0]


def test_a_connection_closed_and_opened_again_is_used(sofia) -> None:
    recognise(clues=Clues(contact_point="sofia.marchetti@example.com"), region="GB")
    connection.close()

    recognition = recognise(clues=Clues(contact_point="sofia.marchetti@example.com"), region="GB")

    assert recognition.customer == sofia


def test_no_lookup_runs_in_a_transaction_that_has_failed(sofia) -> None:
    with transaction.atomic():
        connection.needs_rollback = True
        with pytest.raises(TransactionManagementError):
            recognise(clues=Clues(contact_point="sofia.marchetti@example.com"), region="GB")
