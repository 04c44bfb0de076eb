"""Files from other systems name their columns in many ways; the import knows the usual ones
and says which columns it will leave out."""

from __future__ import annotations

import datetime

import pytest

from everthread.core.csv_files import csv_records
from everthread.core.errors import ImportFileRefused
from everthread.customers.csv_files import csv_columns, csv_row_read


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("First Name", "given_name"),
        ("first_name", "given_name"),
        ("Given name", "given_name"),
        ("forename", "given_name"),
        ("Last Name", "family_name"),
        ("Surname", "family_name"),
        ("email_address", "email"),
        ("E-mail", "email"),
        ("Mobile", "phone"),
        ("Phone", "phone"),
        ("Telephone", "phone"),
        ("Instagram", "instagram"),
        ("Twitter", "x"),
        ("X", "x"),
        ("Loyalty number", "loyalty"),
        ("DOB", "date_of_birth"),
        ("Date of birth", "date_of_birth"),
        ("Postcode", "postcode"),
        ("Zip", "postcode"),
        ("Home store", "home_store"),
        ("Tags", "tags"),
        ("Preferred name", "preferred_name"),
        ("Language", "language"),
        ("CRM id", "crm"),
        ("external_id", "crm"),
        ("  EMAIL ADDRESS ", "email"),
    ],
)
def test_a_common_header_name_fills_its_field(header: str, field: str) -> None:
    columns = csv_columns(f"Name,{header}\n", file_name="clients.csv")

    assert columns.fields == ("full_name", field)


def test_unknown_columns_are_listed_as_ignored() -> None:
    columns = csv_columns("First Name,Favourite biscuit,Email\n", file_name="clients.csv")

    assert columns.fields == ("given_name", None, "email")
    assert columns.ignored == ["Favourite biscuit"]


def test_a_semicolon_separated_file_is_read_as_such() -> None:
    text = "First name;Surname;E-mail\nAmélie;Dubois;amelie@example.com\n"

    columns = csv_columns(text, file_name="clients.csv")
    [(number, cells)] = csv_records(text, delimiter=columns.delimiter, file_name="clients.csv")

    assert columns.delimiter == ";"
    assert cells == ["Amélie", "Dubois", "amelie@example.com"]
    assert number == 2


def test_two_columns_for_one_profile_field_are_refused_by_name() -> None:
    with pytest.raises(ImportFileRefused, match=r"two columns for the date of birth: 'DOB' and"):
        csv_columns("First Name,DOB,Date of birth\n", file_name="clients.csv")


def test_a_row_reads_as_plain_values() -> None:
    text = (
        "Name,Mobile,Phone,Tags,DOB,Notes\n"
        'Amara Osei,07700 900101,"020 7946 0000; 020 7946 0001","VIP, Bridal",14/03/1985,x\n'
    )
    columns = csv_columns(text, file_name="clients.csv")
    [(number, cells)] = csv_records(text, delimiter=columns.delimiter, file_name="clients.csv")

    row = csv_row_read(number, cells, columns)

    assert row.profile == {
        "given_name": "Amara",
        "family_name": "Osei",
        "tags": ["vip", "bridal"],
        "date_of_birth": datetime.date(1985, 3, 14),
    }
    assert [(p.kind, p.value, p.column) for p in row.contact_points] == [
        ("phone", "07700 900101", "Mobile"),
        ("phone", "020 7946 0000", "Phone"),
        ("phone", "020 7946 0001", "Phone"),
    ]
