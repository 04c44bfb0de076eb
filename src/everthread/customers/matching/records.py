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
from itertools import chain, count
from operator import attrgetter, eq, itemgetter
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
# The same for ASCII, as a table for str.translate (newlines separate texts).
_ASCII_NON_WORD = {
    code: " " for code in range(128) if not chr(code).isalnum() and chr(code) != "\n"
}
_ASCII_NON_DIGIT = {code: None for code in range(128) if not chr(code).isdigit() and code != 10}
# In each folded line, after the words without a digit, the first word with one.
_HOUSE_NUMBER_LINE = re.compile(r"^(?:[^ \n\d]+ )*([^ \n]*\d[^ \n]*)?", re.MULTILINE)
_NON_DIGIT_IN_LINE = re.compile(r"[^\d\n]+")
_ADDRESS_WORD = re.compile(r"\b(?:" + "|".join(_ADDRESS_WORDS) + r")\b")
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
    dob_digits: LevelArray  # int8 digits, -1 where the date is missing
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


def by_code(*columns: Column) -> TextArray:
    """The text of each code of columns that share one vocabulary ("" for unused codes)."""
    size = max((int(column.codes.max(initial=-1)) for column in columns), default=-1) + 1
    table = np.full(size, "", dtype=object)
    for column in columns:
        present = column.codes >= 0
        table[column.codes[present]] = column.text[present]
    return table


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
    record: a million customers share a few thousand names and dates. Fields
    that are nearly unique per record (addresses, postcodes, phones, emails)
    are normalised a whole list at a time, with string methods and regular
    expressions mapped in C rather than a Python function called per value.
    """
    given_as_typed: _Field[str] = _Field(_all(records, "given_name"), str)
    given = given_as_typed.derive(name_key)
    first_given = given_as_typed.derive(first_name_word)
    family = _Field(_all(records, "family_name"), name_key)
    vocabulary: dict[str, int] = {}
    addresses = _Field(_all(records, "address_lines"), batch=_address_keys, repeats=False)
    phones = _Multi(_all(records, "phones"), _phone_keys)
    emails = _Multi(_all(records, "emails"), _email_keys)
    dobs = _Field(_all(records, "date_of_birth"), dob_key)
    postcodes = _Field(_all(records, "postcode"), batch=_postcode_keys, repeats=False)
    external_ids = _Multi(_all(records, "external_ids"), _identifier_keys)
    return PreparedRecords(
        ids=tuple(map(attrgetter("id"), records)),
        source=np.asarray(sources if sources is not None else [0] * len(records), dtype=np.int64),
        given=given.column(vocabulary),
        family=family.column(vocabulary),
        first_given=first_given.text(),
        formal_given=_formal_codes(first_given),
        dob=dobs.column(),
        dob_digits=_digits(dobs),
        postcode=postcodes.column(),
        district=postcodes.derive_all(_districts).column(),
        address=addresses.column(),
        house_number=addresses.derive_all(_house_numbers).column(),
        suburb=_Field(_all(records, "suburb"), batch=fold_all).column(),
        state=_Field(_all(records, "state"), batch=fold_all).column(),
        phones=phones.codes(),
        phone_tails=phones.derive(_phone_tails).codes(),
        emails=emails.codes(),
        email_mailboxes=emails.derive(_mailboxes).codes(),
        external_ids=external_ids.codes(),
        first_external_id=external_ids.first(),
    )


Batch = Callable[[list[Any]], list[str]]


def _all(records: Sequence[CustomerRecord], field: str) -> list[Any]:
    """One field of every record, read in C."""
    return list(map(attrgetter(field), records))


class _Field(Generic[_Normal]):
    """One field: its distinct normalised values and, per record, which one it has.

    ``normalise`` runs once per distinct raw value (or ``batch`` once over the
    list of them); the per-record work is a dictionary lookup done by ``map`` in C.
    """

    def __init__(
        self,
        raw: Sequence[Hashable],
        normalise: Callable[[Any], _Normal] | None = None,
        *,
        batch: Callable[[list[Any]], list[_Normal]] | None = None,
        repeats: bool = True,
    ) -> None:
        """``repeats=False`` for a field nearly unique per record (an address):
        finding its distinct values would cost more than it saves."""
        if not repeats:
            assert batch is not None
            self.values: list[_Normal] = batch(list(raw))
            self.index = np.arange(len(raw))
            return
        # One pass over the records: each value maps to the first record that has it.
        first_of: dict[Hashable, int] = {}
        firsts = np.fromiter(map(first_of.setdefault, raw, count()), np.int64, len(raw))
        distinct = list(first_of)
        if batch is not None:
            self.values = batch(distinct)
        else:
            assert normalise is not None
            self.values = list(map(normalise, distinct))
        ordinal = np.empty(len(raw), dtype=np.int64)  # of each first record, in `distinct`
        ordinal[np.fromiter(first_of.values(), np.int64, len(first_of))] = np.arange(len(first_of))
        self.index = ordinal[firsts]

    @classmethod
    def _of(cls, values: list[_Normal], index: IntArray) -> _Field[_Normal]:
        field = cls.__new__(cls)
        field.values, field.index = values, index
        return field

    def derive(self, normalise: Callable[[_Normal], _Other]) -> _Field[_Other]:
        """A further normalisation, again once per distinct value."""
        return _Field._of(list(map(normalise, self.values)), self.index)

    def derive_all(self, batch: Callable[[list[_Normal]], list[_Other]]) -> _Field[_Other]:
        """A further normalisation of the whole list of distinct values at once."""
        return _Field._of(batch(self.values), self.index)

    def text(self) -> TextArray:
        distinct = np.empty(len(self.values), dtype=object)
        distinct[:] = self.values
        return np.asarray(distinct[self.index], dtype=object)

    def codes(self: _Field[str], vocabulary: dict[Any, int] | None = None) -> IntArray:
        """Integer code per record, -1 for empty.

        With a ``vocabulary`` (shared by several fields) it grows as values are met.
        """
        if vocabulary is None:
            return np.asarray(encode(self.values)[self.index], dtype=np.int64)
        distinct = np.fromiter(
            (
                vocabulary.setdefault(value, len(vocabulary)) if value else -1
                for value in self.values
            ),
            np.int64,
            len(self.values),
        )
        return np.asarray(distinct[self.index], dtype=np.int64)

    def column(self: _Field[str], vocabulary: dict[Any, int] | None = None) -> Column:
        return Column(text=self.text(), codes=self.codes(vocabulary))


class _Multi:
    """A field with several values per record (phones, emails), as one flat list.

    Every record's values are flattened so that they are normalised in one
    batch; which record and position each value came from is kept in numpy.
    """

    def __init__(self, raw: Sequence[tuple[str, ...]], batch: Batch) -> None:
        self.index = np.arange(len(raw))
        self.owner = np.repeat(self.index, np.fromiter(map(len, raw), np.int64, len(raw)))
        self.flat = batch(list(chain.from_iterable(raw)))
        self.rows = len(raw)

    def derive(self, batch: Batch) -> _Multi:
        """A further normalisation of every value (empty values stay empty)."""
        derived = _Multi.__new__(_Multi)
        derived.index, derived.owner, derived.rows = self.index, self.owner, self.rows
        derived.flat = batch(self.flat)
        return derived

    def codes(self) -> IntArray:
        """Codes of each record's first CONTACTS_PER_RECORD distinct non-empty values, -1 padded.

        Only as many columns as some record fills (at least one): most records
        have one phone, and every comparison reads every column.
        """
        codes = encode(self.flat)
        kept = np.flatnonzero(codes >= 0)
        owners = self.owner[kept]
        if len(kept) == 0 or (owners[1:] != owners[:-1]).all():  # one value a record at most
            distinct = np.full((self.rows, 1), -1, dtype=np.int64)
            distinct[owners, 0] = codes[kept]
            return distinct[self.index]
        # Drop a value its record already has: sort by (record, value, position).
        order = kept[np.lexsort((kept, codes[kept], owners))]
        repeat = np.r_[
            False,
            (self.owner[order[1:]] == self.owner[order[:-1]])
            & (codes[order[1:]] == codes[order[:-1]]),
        ]
        kept = np.sort(order[~repeat])
        owners = self.owner[kept]
        starts = np.r_[0, np.flatnonzero(owners[1:] != owners[:-1]) + 1]
        sizes = np.diff(np.r_[starts, len(owners)])
        position = np.arange(len(owners)) - np.repeat(starts, sizes)
        within = position < CONTACTS_PER_RECORD
        width = int(position[within].max()) + 1
        distinct = np.full((self.rows, width), -1, dtype=np.int64)
        distinct[owners[within], position[within]] = codes[kept[within]]
        return distinct[self.index]

    def first(self) -> TextArray:
        """Each record's first non-empty value, "" when it has none."""
        firsts = np.full(self.rows, "", dtype=object)
        present = np.fromiter(map(bool, self.flat), bool, len(self.flat))
        flat = np.empty(len(self.flat), dtype=object)
        flat[:] = self.flat
        kept = np.flatnonzero(present)[::-1]  # the first of a record is written last
        firsts[self.owner[kept]] = flat[kept]
        return np.asarray(firsts[self.index], dtype=object)


def encode(values: list[str]) -> IntArray:
    """A code per value, equal for equal values and -1 for "" (codes may skip numbers).

    Values that mostly repeat (house numbers, districts) are numbered through
    a dictionary. Values that are nearly all distinct (addresses, phones) are
    grouped by their hash, sorted as integers by numpy, and only values that
    share a hash are compared: a million distinct addresses cost no million-entry
    dictionary. A hash collision (never seen in practice) falls back to one.
    """
    sample = values[:: max(1, len(values) // 1000)]
    if len(set(sample)) <= len(sample) // 2:
        return _encode_by_dictionary(values)
    hashes = np.fromiter(map(hash, values), np.int64, len(values))
    order = np.argsort(hashes)
    ordered = hashes[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    group = np.cumsum(starts) - 1
    codes = np.empty(len(values), dtype=np.int64)
    codes[order] = group
    # Every value sharing a hash must equal its group's first value.
    leaders = order[np.flatnonzero(starts)]
    followers = order[~starts]
    if len(followers) and not all(
        map(eq, _items(values, followers), _items(values, leaders[group[~starts]]))
    ):
        return _encode_by_dictionary(values)
    empty = np.flatnonzero(hashes == hash(""))
    codes[empty[[not value for value in _items(values, empty)]]] = -1
    return codes


def _encode_by_dictionary(values: list[str]) -> IntArray:
    vocabulary = dict.fromkeys(values)
    vocabulary.update(zip(vocabulary, range(len(vocabulary)), strict=True))
    vocabulary[""] = -1
    return np.fromiter(map(vocabulary.__getitem__, values), np.int64, len(values))


def _items(values: list[str], positions: IntArray) -> tuple[str, ...]:
    """values[k] for each k in positions, as a tuple (fetched in C)."""
    if len(positions) == 0:
        return ()
    fetched = itemgetter(*positions.tolist())(values)
    return fetched if len(positions) > 1 else (fetched,)


def fold_all(texts: list[str]) -> list[str]:
    """``fold`` of every text, done on all of them joined by newlines.

    ASCII punctuation becomes spaces through one ``translate`` (a table lookup
    per character in C); only lines with other characters are folded one by one.
    """
    joined = _joined(texts)
    if joined is None:
        return list(map(fold, texts))
    lines = joined.casefold().translate(_ASCII_NON_WORD).split("\n")
    if all(map(str.isascii, lines)):
        return list(map(" ".join, map(str.split, lines)))
    return [" ".join(line.split()) if line.isascii() else fold(line) for line in lines]


def _joined(texts: list[str]) -> str | None:
    """The texts joined by newlines, or None when there are none or one holds a newline."""
    joined = "\n".join(texts)
    return joined if texts and joined.count("\n") == len(texts) - 1 else None


def _address_keys(lines: list[tuple[str, ...]]) -> list[str]:
    folded = fold_all(list(map(" ".join, lines)))
    if not folded:
        return []
    return _ADDRESS_WORD.sub(_spelled_out, "\n".join(folded)).split("\n")


def _spelled_out(word: re.Match[str]) -> str:
    return _ADDRESS_WORDS[word.group()]


def _house_numbers(addresses: list[str]) -> list[str]:
    """house_number_key of every normalised address (no newlines: fold removed them)."""
    found: list[str] = _HOUSE_NUMBER_LINE.findall("\n".join(addresses)) if addresses else []
    return found


def _postcode_keys(postcodes: list[str]) -> list[str]:
    folded = fold_all(postcodes)
    return "\n".join(folded).replace(" ", "").split("\n") if folded else []


def _districts(postcodes: list[str]) -> list[str]:
    return [code[:-3] if len(code) >= 5 else code[:2] for code in postcodes]


def _phone_keys(phones: list[str]) -> list[str]:
    joined = _joined(phones)
    if joined is None:
        return list(map(phone_key, phones))
    if joined.isascii():  # E.164 and its national forms: one translate drops the rest
        return joined.translate(_ASCII_NON_DIGIT).split("\n")
    return _NON_DIGIT_IN_LINE.sub("", joined).split("\n")


def _phone_tails(phones: list[str]) -> list[str]:
    return [phone[-_PHONE_TAIL_DIGITS:] for phone in phones]


def _email_keys(emails: list[str]) -> list[str]:
    return list(map(str.casefold, map(str.strip, emails)))


def _mailboxes(emails: list[str]) -> list[str]:
    return list(map(mailbox_key, emails))


def _identifier_keys(identifiers: list[str]) -> list[str]:
    return [value.replace(" ", "") for value in fold_all(identifiers)]


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


def _digits(dobs: _Field[str]) -> LevelArray:
    """Dates of birth as an (n, 8) digit matrix, -1 where the date is missing."""
    distinct = np.full((len(dobs.values), 8), -1, dtype=np.int8)
    for row, dob in enumerate(dobs.values):
        if dob:
            distinct[row] = [ord(char) - 48 for char in dob]
    return distinct[dobs.index]
