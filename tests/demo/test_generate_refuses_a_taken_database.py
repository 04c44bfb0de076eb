"""A second `everthread generate` into the same database is refused with a message,
unless it is told to --append, when it numbers on from the first run; so is a database
holding customers no run generated, unless it is told to --alongside."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from everthread.core.models import AuditEvent
from everthread.customers.models import ContactPoint, Customer
from factories import CustomerFactory
from generating import generate

pytestmark = pytest.mark.django_db


def test_a_second_run_is_refused(associate) -> None:
    generate("--customers", "30", "--interactions", "60")

    with pytest.raises(CommandError, match=r"already holds generated customers.*--append"):
        generate("--customers", "30", "--interactions", "60")
    assert Customer.objects.count() == 30


def test_append_adds_more_customers_after_the_first(associate) -> None:
    generate("--customers", "30", "--interactions", "60")

    printed = generate("--customers", "40", "--interactions", "80", "--append")

    assert Customer.objects.count() == 70
    crm_ids = ContactPoint.objects.filter(kind="crm").values_list("value", flat=True)
    assert len(crm_ids) == len(set(crm_ids)) > 30
    assert AuditEvent.objects.filter(action="demo.generated").count() == 2
    assert "customer numbers from" in printed


def test_nothing_to_generate_is_refused(associate) -> None:
    with pytest.raises(CommandError, match="at least one customer"):
        generate("--customers", "0", "--interactions", "10")


def test_a_database_with_other_customers_is_refused_unless_told(associate) -> None:
    CustomerFactory(given_name="Rosa")

    with pytest.raises(CommandError, match=r"1 customers that no earlier run generated"):
        generate("--customers", "20", "--interactions", "40")
    assert Customer.objects.count() == 1

    generate("--customers", "20", "--interactions", "40", "--alongside")
    assert Customer.objects.count() == 21
    # The earlier run's customers are its own: adding more needs only --append.
    generate("--customers", "5", "--interactions", "5", "--append", "--alongside")
    with pytest.raises(CommandError, match="no earlier run generated"):
        generate("--customers", "5", "--interactions", "5", "--append")
