"""A row whose phone already belongs to someone else is set aside with its row, column and
reason; nothing of it is kept, and the rows around it are imported."""

from __future__ import annotations

import pytest

from everthread.customers.models import ContactPoint, Customer, CustomerImportReject
from everthread.customers.services import customer_create
from importing import import_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def amara(associate) -> Customer:
    return customer_create(
        actor=associate,
        profile={"given_name": "Amara", "family_name": "Osei"},
        contact_points=[("phone", "07700 900101")],
    )


@pytest.fixture
def daniel(associate) -> Customer:
    return customer_create(
        actor=associate,
        profile={"given_name": "Daniel", "family_name": "Novak"},
        contact_points=[("email", "daniel.novak@example.com")],
    )


def test_a_phone_owned_by_another_customer_rejects_only_that_row(associate, amara, daniel) -> None:
    done = import_csv(
        associate,
        "First Name,Last Name,Email,Mobile\n"
        "Rosa,Alvarez,rosa@example.com,07700 900303\n"
        "Daniel,Novak,daniel.novak@example.com,07700 900101\n"
        "Chloe,Martin,chloe@example.com,\n",
    )

    assert (done.created, done.updated, done.unchanged, done.rejected) == (2, 0, 0, 1)
    reject = CustomerImportReject.objects.get()
    assert (reject.row, reject.field) == (3, "Mobile")
    assert reject.reason == (
        f"Phone +44 7700 900101 belongs to Amara Osei (id {amara.pk}), but Email is "
        f"Daniel Novak's (id {daniel.pk}): correct the row, or merge the two customers first."
    )
    assert reject.values == ["Daniel", "Novak", "daniel.novak@example.com", "07700 900101"]
    # All or nothing: Daniel got no phone, and Amara kept hers.
    assert not daniel.contact_points.filter(kind="phone").exists()
    assert ContactPoint.objects.get(value="+447700900101").customer == amara
    assert set(Customer.objects.values_list("given_name", flat=True)) == {
        "Amara",
        "Daniel",
        "Rosa",
        "Chloe",
    }


def test_a_shared_household_phone_never_turns_one_person_into_another(associate, amara) -> None:
    done = import_csv(associate, "First Name,Last Name,Telephone\nKofi,Osei,07700 900101\n")

    assert done.rejected == 1
    reject = CustomerImportReject.objects.get()
    assert reject.field == "Telephone"
    assert reject.reason.startswith(
        f"Phone +44 7700 900101 belongs to Amara Osei (id {amara.pk}), not to Kofi: "
        "if they share it, leave it out of this row"
    )
    assert Customer.objects.get(pk=amara.pk).given_name == "Amara"


@pytest.mark.parametrize(
    ("cells", "field", "reason"),
    [
        ("Rosa,not-an-email,,", "Email", "'not-an-email' is not a valid email address"),
        ("Rosa,,0770,", "Mobile", "'0770' is not a valid phone number"),
        ("Rosa,rosa@example.com,,31/02/1990", "DOB", "'31/02/1990' is not a date"),
        ("Rosa,rosa@example.com,,01/01/2999", "DOB", "Date of birth must be between 1900"),
        (",rosa@example.com,,", "First Name", "Enter the customer's given name."),
        ("Rosa,,,", "", "The row has no email, phone, handle, loyalty or CRM id"),
        ("Rosa,rosa@example.com,,,extra", "", "The row has 5 cells but the header has 4"),
    ],
)
def test_each_bad_value_is_named_by_its_column(associate, cells, field, reason) -> None:
    done = import_csv(associate, f"First Name,Email,Mobile,DOB\n{cells}\n")

    assert done.rejected == 1
    reject = CustomerImportReject.objects.get()
    assert (reject.row, reject.field) == (2, field)
    assert reject.reason.startswith(reason)
    assert not Customer.objects.exists()
