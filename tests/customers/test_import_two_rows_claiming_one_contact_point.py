"""Rows of one file are read in order, each against what the rows before it made, even when
they are imported together: a person listed twice is one customer, a second person giving
the first one's email is refused naming that row, and a refused row leaves nothing."""

from __future__ import annotations

import pytest

from everthread.customers.models import ContactPoint, Customer, CustomerImportReject
from importing import import_csv

pytestmark = pytest.mark.django_db


def test_a_person_listed_twice_is_one_customer_with_both_rows_details(associate) -> None:
    done = import_csv(
        associate,
        "First Name,Last Name,Email,Mobile,Postcode\n"
        "Amara,Osei,amara@example.com,,\n"
        "Amara,Osei,AMARA@EXAMPLE.COM,07700 900101,M1 1AA\n",
    )

    assert (done.created, done.updated, done.unchanged, done.rejected) == (1, 1, 0, 0)
    amara = Customer.objects.get()
    assert amara.postcode == "M1 1AA"
    assert sorted(amara.contact_points.values_list("kind", "value")) == [
        ("email", "amara@example.com"),
        ("phone", "+447700900101"),
    ]


def test_a_second_person_giving_the_same_email_is_refused_naming_the_first_row(
    associate,
) -> None:
    done = import_csv(
        associate,
        "First Name,Last Name,Email,Mobile\n"
        "Amara,Osei,osei.family@example.com,07700 900101\n"
        "Kofi,Osei,osei.family@example.com,07700 900202\n",
    )

    assert (done.created, done.rejected) == (1, 1)
    reject = CustomerImportReject.objects.get()
    assert (reject.row, reject.field) == (3, "Email")
    assert reject.reason.startswith(
        "Email osei.family@example.com belongs to Amara Osei (row 2 of this file), not to Kofi: "
        "if they share it, leave it out of this row"
    )
    # All or nothing: Kofi's phone was not given to anyone.
    assert not ContactPoint.objects.filter(value="+447700900202").exists()


def test_a_row_naming_two_people_of_the_file_is_refused_and_leaves_nothing(associate) -> None:
    done = import_csv(
        associate,
        "First Name,Last Name,Email,Mobile,Postcode\n"
        "Amara,Osei,amara@example.com,,\n"
        "Rosa,Alvarez,rosa@example.com,07700 900303,\n"
        "Amara,Osei,amara@example.com,07700 900303,M1 1AA\n",
    )

    assert (done.created, done.updated, done.rejected) == (2, 0, 1)
    reject = CustomerImportReject.objects.get()
    assert (reject.row, reject.field) == (4, "Mobile")
    assert reject.reason == (
        "Phone +44 7700 900303 belongs to Rosa Alvarez (row 3 of this file), but Email is "
        "Amara Osei's (row 2 of this file): correct the row, or merge the two customers first."
    )
    assert Customer.objects.get(given_name="Amara").postcode == ""
