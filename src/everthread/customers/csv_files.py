"""Customer CSV files: reading what people export from other systems, writing our own.

Pure functions, no database: the file's encoding, which column is which (from
the header names people actually use), and each row as plain values. Whether a
value is a real phone number, a known store or a free contact point is for the
import service to decide.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass
from typing import Any

from everthread.core.csv_files import csv_cell_read, csv_cell_written, csv_header, header_key
from everthread.core.errors import ImportFileRefused, ImportRowRefused
from everthread.customers.contact_points import ContactKind
from everthread.customers.models import Customer

# What each column can fill: profile fields, contact point kinds, and two that are neither.
FIELD_LABELS = {
    "everthread_id": "Everthread id (matches that customer)",
    "given_name": "Given name",
    "family_name": "Family name",
    "full_name": "Full name (split into given and family name)",
    "preferred_name": "Preferred name",
    "email": "Email",
    "phone": "Phone",
    "instagram": "Instagram",
    "x": "X (Twitter)",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "loyalty": "Loyalty ID",
    "crm": "External CRM ID",
    "order": "Order number",
    "date_of_birth": "Date of birth",
    "postcode": "Postcode",
    "home_store": "Home store (code or name)",
    "tags": "Tags",
    "language": "Language",
    "time_zone": "Time zone",
}
CONTACT_FIELDS = frozenset(ContactKind.values)
NAME_FIELDS = ("given_name", "full_name")

# Header names as people write them, compared without case, spaces or punctuation.
_ALIASES = {
    "everthread_id": "everthreadid",
    "given_name": "firstname firstnames givenname givennames forename forenames first fname",
    "family_name": "lastname surname familyname last lname",
    "full_name": "name fullname customername clientname contactname",
    "preferred_name": "preferredname knownas nickname preferredfirstname",
    "email": "email emails emailaddress emailaddresses mail",
    "phone": (
        "phone phones phonenumber mobile mobilenumber mobilephone mobileno cell cellphone "
        "telephone telephonenumber tel landline homephone workphone whatsapp whatsappnumber"
    ),
    "instagram": "instagram instagramhandle ig insta",
    "x": "x twitter twitterhandle xhandle xtwitter twitterx",
    "facebook": "facebook facebookhandle",
    "tiktok": "tiktok tiktokhandle",
    "loyalty": (
        "loyalty loyaltyid loyaltynumber loyaltyno loyaltycard loyaltycardnumber "
        "membershipnumber membernumber"
    ),
    "crm": "crm crmid externalid externalcrmid crmreference",
    "order": "order orders ordernumber ordernumbers orderid",
    "date_of_birth": "dob dateofbirth birthdate birthday",
    "postcode": "postcode postalcode zip zipcode",
    "home_store": "homestore store storecode storename preferredstore",
    "tags": "tags tag",
    "language": "language lang preferredlanguage locale",
    "time_zone": "timezone tz",
}
HEADER_FIELDS = {alias: field for field, names in _ALIASES.items() for alias in names.split()}
# Columns another app reads (consent, say), by field: that app's name for them.
OTHER_FIELDS: dict[str, str] = {}


def csv_fields_add(*, owner: str, labels: dict[str, str], aliases: dict[str, str]) -> None:
    """Let another app's columns be recognised; their cells reach it, not the profile."""
    for field, label in labels.items():
        FIELD_LABELS[field] = label
        OTHER_FIELDS[field] = owner
    for field, names in aliases.items():
        HEADER_FIELDS.update(dict.fromkeys(names.split(), field))


# Several contact points of one kind share a cell, separated like this.
_LIST_SEPARATORS = re.compile(r"[;,]")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ][\d:.+Z-]*")


@dataclass(frozen=True)
class Columns:
    """Which field each column of a file fills (None: ignored), in file order."""

    headers: tuple[str, ...]
    fields: tuple[str | None, ...]
    delimiter: str = ","

    @classmethod
    def from_stored(cls, stored: list[dict[str, Any]], delimiter: str) -> Columns:
        return cls(
            headers=tuple(column["header"] for column in stored),
            fields=tuple(column["field"] for column in stored),
            delimiter=delimiter,
        )

    def stored(self) -> list[dict[str, Any]]:
        return [
            {"header": header, "field": field}
            for header, field in zip(self.headers, self.fields, strict=True)
        ]

    @property
    def ignored(self) -> list[str]:
        return [h for h, f in zip(self.headers, self.fields, strict=True) if f is None and h]

    def column_for(self, field: str | None) -> str:
        """The header a person should look at for a problem with ``field``."""
        wanted: set[str | None] = {field}
        if field in ("given_name", "family_name"):
            wanted.add("full_name")
        for header, mapped in zip(self.headers, self.fields, strict=True):
            if mapped in wanted:
                return header
        return field or ""


@dataclass(frozen=True)
class ContactCell:
    kind: str
    value: str
    column: str


@dataclass(frozen=True)
class CustomerRow:
    """One row as plain values; only the cells that had something in them."""

    number: int
    profile: dict[str, Any]
    contact_points: tuple[ContactCell, ...]
    everthread_id: int | None = None
    # Cells of other apps' columns, by owner then field.
    other: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)


def csv_columns(text: str, *, file_name: str) -> Columns:
    """Read the header row: which column is which, or a refusal saying what is missing."""
    headers, delimiter = csv_header(text, known=HEADER_FIELDS, file_name=file_name)
    fields = tuple(HEADER_FIELDS.get(header_key(header)) for header in headers)
    if not any(field in NAME_FIELDS for field in fields):
        raise ImportFileRefused(
            f"{file_name} has no name column. Found: {_listed(headers)}. Needed: a given name "
            "column (First Name, Given name, forename) or a full Name column; also recognised: "
            "Last Name or Surname, Email, Mobile or Phone, Instagram, Twitter, Loyalty number, "
            "DOB, Postcode, Home store, Tags, Preferred name, Language, CRM id.",
            field="file",
        )
    _refuse_twice(headers, fields, file_name)
    return Columns(headers=tuple(headers), fields=fields, delimiter=delimiter)


def _refuse_twice(headers: list[str], fields: tuple[str | None, ...], file_name: str) -> None:
    """A profile field from two columns would be a guess; contact points may repeat."""
    seen: dict[str, str] = {}
    for header, field in zip(headers, fields, strict=True):
        if field is None or field in CONTACT_FIELDS:
            continue
        if field in seen:
            raise ImportFileRefused(
                f"{file_name} has two columns for the {FIELD_LABELS[field].lower()}: "
                f"{seen[field]!r} and {header!r}. Remove or rename one.",
                field="file",
            )
        seen[field] = header


def _listed(headers: list[str]) -> str:
    return ", ".join(repr(header) for header in headers if header) or "no named columns"


def csv_row_read(number: int, cells: list[str], columns: Columns) -> CustomerRow:
    """One row as plain values, or ImportRowRefused naming the column."""
    width = len(columns.headers)
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        raise ImportRowRefused(
            f"The row has {len(cells)} cells but the header has {width}; "
            "a value with a comma in it needs quotes.",
            field="",
        )
    profile: dict[str, Any] = {}
    contact_points: list[ContactCell] = []
    other: dict[str, dict[str, str]] = {}
    everthread_id, full_name = None, ""
    for header, field, cell in zip(columns.headers, columns.fields, cells, strict=False):
        if field is None:
            continue
        value = csv_cell_read(cell)
        if not value:
            continue
        if field in OTHER_FIELDS:
            other.setdefault(OTHER_FIELDS[field], {})[field] = value
        elif field in CONTACT_FIELDS:
            parts = _LIST_SEPARATORS.split(value) if ";" in value or "," in value else [value]
            contact_points.extend(
                ContactCell(kind=field, value=part.strip(), column=header)
                for part in parts
                if part.strip()
            )
        elif field == "everthread_id":
            everthread_id = _whole_number(value, header)
        elif field == "full_name":
            full_name = value
        else:
            profile[field] = _READERS.get(field, _text)(value, header)
    if full_name and "given_name" not in profile and "family_name" not in profile:
        *given, family = full_name.split()
        names = {"given_name": " ".join(given), "family_name": family} if given else {}
        profile.update(names or {"given_name": family})
    return CustomerRow(
        number=number,
        profile=profile,
        contact_points=tuple(contact_points),
        everthread_id=everthread_id,
        other=other,
    )


def _whole_number(value: str, header: str) -> int:
    if not value.isdigit():
        raise ImportRowRefused(f"{value!r} is not an Everthread id (a whole number).", field=header)
    return int(value)


def csv_date_read(value: str, header: str) -> datetime.date:
    """ISO (1985-03-14, also with a time after it) or day first, as in the UK (14/03/1985)."""
    day_first = _DAY_FIRST.fullmatch(value)
    iso = _ISO_DATE_TIME.fullmatch(value)
    try:
        if day_first:
            day, month, year = (int(part) for part in day_first.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(iso.group(1) if iso else value)
    except ValueError:
        raise ImportRowRefused(
            f"{value!r} is not a date: use YYYY-MM-DD or DD/MM/YYYY.", field=header
        ) from None


def _tags(value: str, header: str) -> list[str]:
    tags = (tag.strip().lower() for tag in _LIST_SEPARATORS.split(value))
    return list(dict.fromkeys(tag for tag in tags if tag))


def _text(value: str, header: str) -> str:
    return value


_READERS = {"date_of_birth": csv_date_read, "tags": _tags}


# The columns an export writes, in order; each is a header the import recognises.
EXPORT_HEADERS = (
    "everthread_id",
    "given_name",
    "family_name",
    "preferred_name",
    "email",
    "phone",
    "instagram",
    "x",
    "facebook",
    "tiktok",
    "loyalty_id",
    "crm_id",
    "order_numbers",
    "date_of_birth",
    "postcode",
    "home_store",
    "tags",
    "language",
    "time_zone",
)
_EXPORT_KINDS = (
    ContactKind.EMAIL,
    ContactKind.PHONE,
    ContactKind.INSTAGRAM,
    ContactKind.X,
    ContactKind.FACEBOOK,
    ContactKind.TIKTOK,
    ContactKind.LOYALTY,
    ContactKind.CRM,
    ContactKind.ORDER,
)


def csv_export_row(customer: Customer) -> list[str]:
    """One customer as a row of EXPORT_HEADERS; contact points and store must be fetched."""
    by_kind: dict[str, list[str]] = {}
    for point in customer.contact_points.all():
        by_kind.setdefault(point.kind, []).append(point.value)
    cells = [
        str(customer.pk),
        customer.given_name,
        customer.family_name,
        customer.preferred_name,
        *("; ".join(by_kind.get(kind, [])) for kind in _EXPORT_KINDS),
        customer.date_of_birth.isoformat() if customer.date_of_birth else "",
        customer.postcode,
        customer.home_store.code if customer.home_store else "",
        ", ".join(customer.tags),
        customer.language,
        customer.time_zone,
    ]
    phone = EXPORT_HEADERS.index("phone")
    # A stored phone is "+" and digits only: a number to a spreadsheet, never a formula.
    return [cell if i == phone else csv_cell_written(cell) for i, cell in enumerate(cells)]
