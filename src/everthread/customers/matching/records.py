"""The records the duplicate finder reads, and their normalised, columnar form.

The engine never touches the database: callers hand it plain records, so one
code path serves `everthread dedupe`, imports and the FEBRL benchmark. Fields
are normalised once here (case, accents, punctuation, spacing) so that every
comparison and blocking key sees the same spelling, and they are held as numpy
columns so comparisons run over all candidate pairs at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt

from everthread.customers.matching.nicknames import FORMAL_NAMES

_Normal = TypeVar("_Normal")
_Other = TypeVar("_Other")
IntArray = npt.NDArray[np.int64]
TextArray = npt.NDArray[np.object_]
# Comparison levels (-1 to a handful): int8 in bulk, any integer type accepted.
LevelArray = npt.NDArray[np.signedinteger[Any]]

# Up to this many phones or emails per record take part in matching; more are
# almost always a shared switchboard or a data-entry error.
CONTACTS_PER_RECORD = 3

_NON_WORD = re.compile(r"[\W_]+")
_NON_DIGIT = re.compile(r"\D+")
# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"})
# Spellings that differ by habit, not by place: "12 High St" is "12 High Street".
_ADDRESS_WORDS = {
    "st": "street",
    "rd": "road",
    "ave": "avenue",
    "av": "avenue",
    "dr": "drive",
    "ln": "lane",
    "cres": "crescent",
    "ct": "court",
    "pl": "place",
    "sq": "square",
    "tce": "terrace",
    "hwy": "highway",
    "apt": "apartment",
    "flt": "flat",
}
# Dots and "+tags" in the local part reach the same mailbox at the big providers.
_EMAIL_DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}
# The national number survives every way of writing a phone (+44 7700..., 07700...).
_PHONE_TAIL_DIGITS = 9


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """What the engine knows about one customer; every field but ``id`` may be empty.

    ``date_of_birth`` may be a date or its digits in year-month-day order
    (``"1956-04-09"``, ``"19560409"``); digits that are not a valid date are
    kept, because a mistyped date still agrees with the true one in most of its
    digits. Phones are E.164. ``external_ids`` are identifiers another system
    gave the customer (loyalty number, CRM id), compared ignoring case and spacing.
    """

    id: str | int
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | str | None = None
    postcode: str = ""
    address_lines: tuple[str, ...] = ()
    suburb: str = ""
    state: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    external_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Column:
    """One normalised text field: the text, and an integer code per distinct value.

    Codes make exact agreement, and blocking on a field, integer work for numpy.
    """

    text: TextArray
    codes: IntArray


@dataclass(frozen=True, slots=True)
class PreparedRecords:
    """All records, normalised, one numpy column per field (row i is record i).

    Given and family names share one vocabulary so that a given name can be
    compared with a family name when the two were entered the wrong way round.
    """

    ids: tuple[str | int, ...]
    source: IntArray
    given: Column
    family: Column
    first_given: TextArray
    formal_given: IntArray
    dob: Column
    dob_digits: IntArray
    postcode: Column
    district: Column
    address: Column
    house_number: Column
    suburb: Column
    state: Column
    phones: IntArray
    phone_tails: IntArray
    emails: IntArray
    email_mailboxes: IntArray
    external_ids: IntArray
    first_external_id: TextArray

    def __len__(self) -> int:
        return len(self.ids)


def fold(text: str) -> str:
    """Lower-case ASCII words: accents, case and punctuation never decide a match."""
    text = text.casefold()
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", text).split())


def name_key(text: str) -> str:
    """A name as one run of letters: "O'Brien", "o brien" and "OBrien" are one name."""
    words = fold(text).split()
    if len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return "".join(words)


def first_name_word(text: str) -> str:
    """The first word of a given name, the part that nicknames stand for ("Mary Ann")."""
    words = [word for word in fold(text).split() if word not in _TITLES]
    return words[0] if words else ""


def dob_key(value: date | str | None) -> str:
    """Eight digits YYYYMMDD, or "" when there is no usable date."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    digits = "".join(char for char in value if char.isdigit())
    return digits if len(digits) == 8 else ""


def postcode_key(text: str) -> str:
    return fold(text).replace(" ", "")


def postcode_district(postcode: str) -> str:
    """The postcode without its final part: a UK outward code ("sw1a"), or a numeric region."""
    return postcode[:-3] if len(postcode) >= 5 else postcode[:2]


def address_key(lines: Iterable[str]) -> str:
    words = fold(" ".join(lines)).split()
    return " ".join(_ADDRESS_WORDS.get(word, word) for word in words)


def house_number_key(address: str) -> str:
    """The first word with a digit in it: the strongest part of a street address."""
    return next((word for word in address.split() if any(c.isdigit() for c in word)), "")


def email_key(text: str) -> str:
    return text.strip().casefold()


def mailbox_key(email: str) -> str:
    """The mailbox an address reaches, so "Jo.Smith+shop@gmail.com" is "josmith@gmail.com"."""
    local, _, domain = email.rpartition("@")
    if not local:
        return ""
    local = local.split("+", 1)[0].replace(".", "")
    return f"{local}@{_EMAIL_DOMAIN_ALIASES.get(domain, domain)}"


def phone_key(text: str) -> str:
    return _NON_DIGIT.sub("", text)


def prepare(
    records: Sequence[CustomerRecord], *, sources: Sequence[int] | None = None
) -> PreparedRecords:
    """Normalise every field once and encode it as numpy columns.

    Each field is normalised once per distinct raw value and spread back to the
    records through dictionary lookups in C (``map``), never a Python loop per
    record: a million customers share a few thousand names and dates.
    """
    given_raw = [r.given_name for r in records]
    given = _Field(given_raw, name_key)
    family = _Field([r.family_name for r in records], name_key)
    first_given = _Field(given_raw, first_name_word)
    vocabulary: dict[str, int] = {}
    addresses = _Field([r.address_lines for r in records], address_key)
    phones = _Field([r.phones for r in records], _phone_keys)
    emails = _Field([r.emails for r in records], _email_keys)
    dobs = _Field([r.date_of_birth for r in records], dob_key)
    postcodes = _Field([r.postcode for r in records], postcode_key)
    external_ids = _Field([r.external_ids for r in records], _identifier_keys)
    first_external = external_ids.derive(lambda ids: ids[0] if ids else "")
    return PreparedRecords(
        ids=tuple(r.id for r in records),
        source=np.asarray(sources if sources is not None else [0] * len(records), dtype=np.int64),
        given=given.column(vocabulary),
        family=family.column(vocabulary),
        first_given=first_given.text(),
        formal_given=_formal_codes(first_given),
        dob=dobs.column({}),
        dob_digits=_digits(dobs),
        postcode=postcodes.column({}),
        district=postcodes.derive(postcode_district).column({}),
        address=addresses.column({}),
        house_number=addresses.derive(house_number_key).column({}),
        suburb=_Field([r.suburb for r in records], fold).column({}),
        state=_Field([r.state for r in records], fold).column({}),
        phones=_multi_codes(phones),
        phone_tails=_multi_codes(phones.derive(_phone_tails)),
        emails=_multi_codes(emails),
        email_mailboxes=_multi_codes(emails.derive(_mailboxes)),
        external_ids=_multi_codes(external_ids),
        first_external_id=first_external.text(),
    )


class _Field(Generic[_Normal]):
    """One field: its distinct normalised values and, per record, which one it has.

    ``normalise`` runs once per distinct raw value; the per-record work is a
    dictionary lookup done by ``map`` in C.
    """

    def __init__(self, raw: Sequence[Hashable], normalise: Callable[[Any], _Normal]) -> None:
        positions = {value: k for k, value in enumerate(dict.fromkeys(raw))}
        self.values: list[_Normal] = [normalise(value) for value in positions]
        self.index = np.fromiter(map(positions.__getitem__, raw), np.int64, len(raw))

    @classmethod
    def _of(cls, values: list[_Normal], index: IntArray) -> _Field[_Normal]:
        field = cls.__new__(cls)
        field.values, field.index = values, index
        return field

    def derive(self, normalise: Callable[[_Normal], _Other]) -> _Field[_Other]:
        """A further normalisation, again once per distinct value."""
        return _Field._of([normalise(value) for value in self.values], self.index)

    def text(self) -> TextArray:
        distinct = np.empty(len(self.values), dtype=object)
        distinct[:] = self.values
        return np.asarray(distinct[self.index], dtype=object)

    def codes(self, vocabulary: dict[Any, int]) -> IntArray:
        """Integer code per record, -1 for empty; the vocabulary grows as values are met."""
        distinct = np.fromiter(
            (
                vocabulary.setdefault(value, len(vocabulary)) if value else -1
                for value in self.values
            ),
            np.int64,
            len(self.values),
        )
        return np.asarray(distinct[self.index], dtype=np.int64)

    def column(self: _Field[str], vocabulary: dict[Any, int]) -> Column:
        return Column(text=self.text(), codes=self.codes(vocabulary))


def _phone_keys(phones: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(filter(None, map(phone_key, phones)))


def _phone_tails(phones: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(phone[-_PHONE_TAIL_DIGITS:] for phone in phones)


def _email_keys(emails: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(filter(None, map(email_key, emails)))


def _mailboxes(emails: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(mailbox_key, emails))


def _identifier_keys(identifiers: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(filter(None, (fold(value).replace(" ", "") for value in identifiers)))


def _formal_codes(first_words: _Field[str]) -> IntArray:
    """Codes of the formal names each given name can stand for (-1 padded).

    Names outside the nickname table get none: their agreement is a matter of
    spelling, which the name comparison measures directly.
    """
    vocabulary: dict[str, int] = {}
    width = max(len(formals) for formals in FORMAL_NAMES.values())
    distinct = np.full((len(first_words.values), width), -1, dtype=np.int64)
    for row, word in enumerate(first_words.values):
        formals = sorted(FORMAL_NAMES.get(word, ()))
        for col, formal in enumerate(formals):
            distinct[row, col] = vocabulary.setdefault(formal, len(vocabulary))
    return distinct[first_words.index]


def _digits(dobs: _Field[str]) -> IntArray:
    """Dates of birth as an (n, 8) digit matrix, -1 where the date is missing."""
    distinct = np.full((len(dobs.values), 8), -1, dtype=np.int64)
    for row, dob in enumerate(dobs.values):
        if dob:
            distinct[row] = [ord(char) - 48 for char in dob]
    return distinct[dobs.index]


def _multi_codes(values: _Field[tuple[str, ...]]) -> IntArray:
    """Codes of up to CONTACTS_PER_RECORD values per record, -1 padded.

    Built column by column over the distinct tuples: most hold one value, and
    a column's codes come from one dictionary pass in C.
    """
    vocabulary: dict[str, int] = {}
    kept = [
        tuple(dict.fromkeys(filter(None, items)))[:CONTACTS_PER_RECORD] for items in values.values
    ]
    distinct = np.full((len(kept), CONTACTS_PER_RECORD), -1, dtype=np.int64)
    for col in range(CONTACTS_PER_RECORD):
        rows = [row for row, items in enumerate(kept) if len(items) > col]
        if not rows:
            break
        items = [kept[row][col] for row in rows]
        for item in dict.fromkeys(items):
            vocabulary.setdefault(item, len(vocabulary))
        distinct[rows, col] = np.fromiter(map(vocabulary.__getitem__, items), np.int64, len(items))
    return distinct[values.index]
