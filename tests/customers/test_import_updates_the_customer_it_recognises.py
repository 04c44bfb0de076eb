"""A row that names a customer we have, by a contact point in any format, updates that
customer with what the row says and adds its new contact points; empty cells clear nothing."""

from __future__ import annotations

import datetime

import pytest

from everthread.customers.models import Customer
from everthread.customers.services import customer_create
from importing import import_csv

pytestmark = pytest.mark.django_db


def test_a_recognised_row_updates_instead_of_duplicating(associate) -> None:
    amara = customer_create(
        actor=associate,
        profile={"given_name": "Amara", "family_name": "Osei", "postcode": "M1 1AA"},
        contact_points=[("email", "amara.osei@example.com")],
    )
    amara.tags = ["vip"]
    amara.save()

    done = import_csv(
        associate,
        "Given name,Surname,E-mail,Mobile,Postcode,Date of birth,Tags,Preferred name\n"
        "Amara,Osei,AMARA.OSEI@EXAMPLE.COM,07700 900101,,1985-03-14,bridal,Mara\n",
    )

    assert (done.created, done.updated, done.unchanged) == (0, 1, 0)
    assert Customer.objects.count() == 1
    amara.refresh_from_db()
    assert amara.postcode == "M1 1AA"  # an empty cell changes nothing
    assert amara.date_of_birth == datetime.date(1985, 3, 14)
    assert amara.preferred_name == "Mara"
    assert amara.tags == ["vip", "bridal"]  # tags are added, never taken away
    assert sorted(amara.contact_points.values_list("value", flat=True)) == [
        "+447700900101",
        "amara.osei@example.com",
    ]


def test_dates_are_read_day_first_as_in_the_uk(associate) -> None:
    import_csv(
        associate,
        "First Name,Email,DOB\n"
        "Amara,amara@example.com,03/04/1985\n"
        "Daniel,daniel@example.com,2.11.1979\n"
        "Rosa,rosa@example.com,1990-07-21\n",
    )

    dates = dict(Customer.objects.values_list("given_name", "date_of_birth"))
    assert dates == {
        "Amara": datetime.date(1985, 4, 3),
        "Daniel": datetime.date(1979, 11, 2),
        "Rosa": datetime.date(1990, 7, 21),
    }


def test_a_nickname_is_the_same_person_not_a_shared_phone(associate) -> None:
    daniel = customer_create(
        actor=associate,
        profile={"given_name": "Daniel", "family_name": "Novak"},
        contact_points=[("phone", "07700 900404")],
    )

    done = import_csv(associate, "Name,Phone,Postcode\nDan Novak,07700900404,LS1 6AB\n")

    assert done.updated == 1
    daniel.refresh_from_db()
    assert daniel.postcode == "LS1 6AB"
