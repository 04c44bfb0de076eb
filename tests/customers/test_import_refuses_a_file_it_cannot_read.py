"""A file in the wrong encoding, without a name column, or not CSV at all is refused with a
message naming the file and what to do, and nothing is written."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from everthread.core.errors import ImportFileRefused
from everthread.customers.models import Customer, CustomerImport
from importing import import_csv

pytestmark = pytest.mark.django_db

WINDOWS_1252 = "First Name,Surname,Email\nRené,Côté,rene@example.com\n".encode("cp1252")


def test_a_file_that_is_not_utf8_names_the_byte_and_line(associate) -> None:
    with pytest.raises(ImportFileRefused) as refused:
        import_csv(associate, WINDOWS_1252, file_name="legacy.csv")

    assert refused.value.message.startswith(
        "legacy.csv is not UTF-8 text: byte 28 (line 2) is 0xe9."
    )
    assert 'save it as "CSV UTF-8"' in refused.value.message
    assert not CustomerImport.objects.exists()
    assert not Customer.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        "First Name,Email\nRené,rene@example.com\n".encode(),
        "\ufeffFirst Name,Email\nRené,rene@example.com\n".encode(),
        "First Name\tEmail\r\nRené\trene@example.com\r\n".encode("utf-16"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 with BOM (Excel Unicode text)"],
)
def test_unicode_files_are_read_with_or_without_a_byte_order_mark(associate, data) -> None:
    done = import_csv(associate, data)

    assert done.created == 1
    assert Customer.objects.get().given_name == "René"


def test_a_file_without_a_name_column_lists_what_it_found_and_what_is_needed(associate) -> None:
    with pytest.raises(ImportFileRefused) as refused:
        import_csv(associate, "Email,Mobile,Shoe size\nx@example.com,07700 900101,7\n")

    message = refused.value.message
    assert "customers.csv has no name column." in message
    assert "Found: 'Email', 'Mobile', 'Shoe size'." in message
    assert (
        "Needed: a given name column (First Name, Given name, forename) or a full Name" in message
    )
    assert not CustomerImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "customers.csv is empty."),
        (b"PK\x03\x04rest-of-a-zip", "customers.csv is a spreadsheet workbook, not CSV"),
        (b"First Name\nAmara\x00\n", "customers.csv has a NUL character on line 2"),
    ],
)
def test_files_that_are_not_csv_text_are_refused(associate, data: bytes, message: str) -> None:
    with pytest.raises(ImportFileRefused, match=message):
        import_csv(associate, data)


def test_the_command_line_shows_the_same_message_without_a_traceback(associate, tmp_path) -> None:
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(WINDOWS_1252)

    with pytest.raises(CommandError, match=r"legacy.csv is not UTF-8 text: byte 28 \(line 2\)"):
        call_command("import", "customers", str(legacy), "--as", "tom", stdout=io.StringIO())
    assert not Customer.objects.exists()
