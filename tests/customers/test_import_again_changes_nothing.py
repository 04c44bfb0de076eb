"""Importing the same file twice leaves the customers as the first import made them: every
row of the second is unchanged, and nobody is duplicated."""

from __future__ import annotations

import pytest

from everthread.core.models import AuditEvent
from everthread.customers.models import ContactPoint, Customer
from importing import import_csv

pytestmark = pytest.mark.django_db

CLIENTS = (
    "First Name,Last Name,Email,Mobile,Instagram,Loyalty number,DOB,Postcode,Home store,Tags\n"
    "Amara,Osei,amara.osei@example.com,07700 900101,@amara.styles,HF-1001,14/03/1985,M1 1AA,"
    'manchester-king-street,"VIP, bridal"\n'
    "Daniel,Novak,daniel.novak@example.com,+44 7700 900404,,HF-1002,1979-11-02,LS1 6AB,"
    "Manchester King Street,\n"
    "Rosa,Alvarez,,07700 900303,@rosa_alv,,,,,\n"
)


def test_the_second_import_of_a_file_changes_nothing(associate) -> None:
    first = import_csv(associate, CLIENTS)
    customers = list(Customer.objects.order_by("pk").values())
    audit_rows = AuditEvent.objects.count()

    second = import_csv(associate, CLIENTS)

    assert (first.created, first.updated, first.unchanged, first.rejected) == (3, 0, 0, 0)
    assert (second.created, second.updated, second.unchanged, second.rejected) == (0, 0, 3, 0)
    assert list(Customer.objects.order_by("pk").values()) == customers
    assert ContactPoint.objects.count() == 9
    # Only the import itself is recorded: no customer was touched.
    assert AuditEvent.objects.count() == audit_rows + 1
    # Once imported, the file itself is not kept.
    assert (first.content, second.content) == ("", "")


def test_an_import_fills_the_profile_and_the_contact_points(associate, store) -> None:
    import_csv(associate, CLIENTS)

    amara = Customer.objects.get(given_name="Amara")
    assert amara.home_store == store
    assert amara.tags == ["vip", "bridal"]
    assert str(amara.date_of_birth) == "1985-03-14"
    assert sorted(amara.contact_points.values_list("kind", "value")) == [
        ("email", "amara.osei@example.com"),
        ("instagram", "amara.styles"),
        ("loyalty", "HF1001"),
        ("phone", "+447700900101"),
    ]
    # The store named by its name, not its code, is the same store.
    assert Customer.objects.get(given_name="Daniel").home_store == store
