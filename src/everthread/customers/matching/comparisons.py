"""Field-by-field comparison of candidate pairs, each field giving a discrete level.

Levels rather than raw similarities because the match model learns, from the
data, how much each level says about two records being one person: "same date
of birth" and "one digit differs" carry very different evidence, and neither
should be a hand-set constant. Level 0 is always "different"; higher levels
are closer agreement; -1 means one side is missing, which is no evidence at all.

Every comparison works on whole arrays of pairs at once (numpy, and rapidfuzz's
``cpdist`` in C++), because there are hundreds of thousands of pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, JaroWinkler

from everthread.customers.matching.records import (
    IntArray,
    LevelArray,
    PreparedRecords,
    TextArray,
    by_code,
)

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

MISSING = -1
# Levels a screen leaves for comparisons it did not make (see ``screen``): any
# level may still come out, or any but "same" because the two values differ.
UNSCORED = -2
UNSCORED_NOT_SAME = -3
# Cross-matching given with family name must beat the straight reading by this
# much in summed Jaro-Winkler similarity before the names count as swapped.
SWAP_MARGIN = 0.2
# Jaro-Winkler cut-offs for "loosely similar", "similar" and "nearly the same"
# names; where within a band a pair falls is left for the model to weigh.
NAME_BANDS = (0.75, 0.88, 0.94)


@dataclass(frozen=True, slots=True)
class ComparisonSpec:
    """One field comparison: its name and the label of each level (index = level).

    ``personal`` fields belong to the person, not the household: two people at
    one address share surname, phone and email far more often than chance,
    but not their given name, date of birth or an id another system gave them.
    """

    name: str
    levels: tuple[str, ...]
    personal: bool = False

    def level(self, label: str) -> int:
        return self.levels.index(label)


GIVEN_NAME = ComparisonSpec(
    "given name",
    (
        "different",
        "same initial",
        "loosely similar",
        "similar",
        "nearly the same",
        "nickname",
        "same",
    ),
    personal=True,
)
FAMILY_NAME = ComparisonSpec(
    "surname", ("different", "loosely similar", "similar", "nearly the same", "same")
)
DATE_OF_BIRTH = ComparisonSpec(
    "date of birth",
    (
        "different",
        "same year",
        "two digits differ",
        "one digit differs",
        "digits transposed",
        "same",
    ),
    personal=True,
)
POSTCODE = ComparisonSpec(
    "postcode", ("different", "same district", "one character differs", "same")
)
ADDRESS = ComparisonSpec(
    "address", ("different", "loosely similar", "similar", "nearly the same", "same")
)
SUBURB = ComparisonSpec("suburb", ("different", "similar", "nearly the same", "same"))
STATE = ComparisonSpec("state", ("different", "same"))
PHONE = ComparisonSpec("phone", ("different", "same number written differently", "same"))
EMAIL = ComparisonSpec("email", ("different", "same mailbox written differently", "same"))
EXTERNAL_ID = ComparisonSpec(
    "external id",
    ("different", "two characters differ", "one character differs", "same"),
    personal=True,
)

COMPARISONS: tuple[ComparisonSpec, ...] = (
    GIVEN_NAME,
    FAMILY_NAME,
    DATE_OF_BIRTH,
    POSTCODE,
    ADDRESS,
    SUBURB,
    STATE,
    PHONE,
    EMAIL,
    EXTERNAL_ID,
)


@dataclass(frozen=True, slots=True)
class ComparedPairs:
    """The level of every comparison for every pair (columns in COMPARISONS order).

    Levels are small (-1 to 6), so they are held as int8: ten columns for ten
    million pairs are 100 MB rather than 800.
    """

    levels: LevelArray
    names_swapped: BoolArray


# Pairs are compared this many at a time, so the temporaries of one field's
# comparison (gathered codes, digits, texts) stay small whatever the base size.
CHUNK_PAIRS = 1_000_000


def compare(
    records: PreparedRecords,
    left: IntArray,
    right: IntArray,
    *,
    tables: ComparisonTables | None = None,
) -> ComparedPairs:
    """Compare each pair (left[k], right[k]) on every field.

    ``tables`` may be given when the same records are compared more than once.
    """
    tables = tables if tables is not None else ComparisonTables(records)
    chunks = [
        _compare_chunk(
            records, tables, left[start : start + CHUNK_PAIRS], right[start : start + CHUNK_PAIRS]
        )
        for start in range(0, max(len(left), 1), CHUNK_PAIRS)
    ]
    return ComparedPairs(
        levels=np.concatenate([levels for levels, _ in chunks]),
        names_swapped=np.concatenate([swapped for _, swapped in chunks]),
    )


def screen(records: PreparedRecords, left: IntArray, right: IntArray) -> LevelArray:
    """The comparisons that cost next to nothing, for pairs most of which are strangers.

    Date of birth, state, phone, email and external id are compared in full.
    Names, postcode, address and suburb are only read for equal or missing
    values (an integer test): otherwise they are left UNSCORED (names, which
    may prove swapped) or UNSCORED_NOT_SAME. The model's ``weight_bound`` then
    tells which pairs could still reach the threshold; only those need the
    string comparisons of ``compare``. Callers pass the pairs a chunk at a
    time, to keep the temporaries small.
    """
    given, family = records.given.codes, records.family.codes
    same_names = (
        (given[left] == given[right])
        & (family[left] == family[right])
        & (given[left] >= 0)
        & (family[left] >= 0)
    )
    names = np.where(same_names, GIVEN_NAME.level("same"), UNSCORED)
    columns = [
        names,
        np.where(same_names, FAMILY_NAME.level("same"), UNSCORED),
        _date_of_birth(records, left, right),
        _unscored(records.postcode.codes, left, right, POSTCODE),
        _unscored(records.address.codes, left, right, ADDRESS),
        _unscored(records.suburb.codes, left, right, SUBURB),
        _state(records, left, right),
        _contact(records.phones, records.phone_tails, left, right),
        _contact(records.emails, records.email_mailboxes, left, right),
        _external_id(records, left, right),
    ]
    return np.stack(columns, axis=1).astype(np.int8)


class RoughScreen:
    """A first screen of every candidate pair, reading one packed row per record.

    Each record's codes (names, date of birth, postcode, address, suburb,
    state, and its phones, emails and external ids) sit side by side in one
    int32 row, so a pair costs two row reads however many fields are checked:
    with millions of pairs it is reading scattered memory, not comparing, that
    takes the time. Only equality is read: a date of birth or an id that
    differs is left UNSCORED_NOT_SAME (a typo there is for ``screen`` to find).
    """

    # The single-valued fields, in COMPARISONS order (their columns are its columns).
    _SINGLE = (GIVEN_NAME, FAMILY_NAME, DATE_OF_BIRTH, POSTCODE, ADDRESS, SUBURB, STATE)

    def __init__(self, records: PreparedRecords) -> None:
        assert COMPARISONS[: len(self._SINGLE)] == self._SINGLE
        single = [
            records.given.codes,
            records.family.codes,
            records.dob.codes,
            records.postcode.codes,
            records.address.codes,
            records.suburb.codes,
            records.state.codes,
        ]
        multi = [
            records.phones,
            records.phone_tails,
            records.emails,
            records.email_mailboxes,
            records.external_ids,
        ]
        # Where each multi-valued field's columns start (and the last one ends).
        self.starts = np.cumsum([len(single), *(codes.shape[1] for codes in multi)])
        self.rows = np.concatenate([np.stack(single, axis=1), *multi], axis=1).astype(np.int32)

    def levels(self, left: IntArray, right: IntArray) -> LevelArray:
        a, b = self.rows[left], self.rows[right]
        single = slice(0, len(self._SINGLE))
        agree = a[:, single] == b[:, single]
        missing = (a[:, single] < 0) | (b[:, single] < 0)
        levels = np.full((len(left), len(COMPARISONS)), UNSCORED_NOT_SAME, dtype=np.int8)
        same_names = agree[:, 0] & agree[:, 1] & ~missing[:, 0] & ~missing[:, 1]
        for column, spec in enumerate(self._SINGLE):
            if spec in (GIVEN_NAME, FAMILY_NAME):  # names may yet prove swapped
                levels[:, column] = np.where(same_names, spec.level("same"), UNSCORED)
            elif spec is STATE:  # compared in full: equal or not
                levels[:, column] = np.where(agree[:, column], STATE.level("same"), 0)
            else:
                levels[agree[:, column], column] = spec.level("same")
        levels[:, single][missing] = MISSING
        phones, tails, emails, mailboxes, external = (
            self._shared(a, b, field) for field in range(len(self.starts) - 1)
        )
        for spec, exact, variant in ((PHONE, phones, tails), (EMAIL, emails, mailboxes)):
            column = COMPARISONS.index(spec)
            written_differently = spec.level(spec.levels[1])
            levels[:, column] = np.where(
                exact, spec.level("same"), np.where(variant, written_differently, 0)
            )
        column = COMPARISONS.index(EXTERNAL_ID)
        levels[:, column] = np.where(external, EXTERNAL_ID.level("same"), UNSCORED_NOT_SAME)
        for spec, field in ((PHONE, 0), (EMAIL, 2), (EXTERNAL_ID, 4)):
            column, first = COMPARISONS.index(spec), self.starts[field]
            if first == self.starts[field + 1]:  # no record has one
                levels[:, column] = MISSING
            else:
                levels[(a[:, first] < 0) | (b[:, first] < 0), column] = MISSING
        return levels

    def _shared(self, a: npt.NDArray[np.int32], b: npt.NDArray[np.int32], field: int) -> BoolArray:
        """Whether the two records share a value of a multi-valued field."""
        shared = np.zeros(len(a), dtype=bool)
        columns = range(self.starts[field], self.starts[field + 1])
        for i in columns:
            present = a[:, i] >= 0
            for j in columns:
                shared |= (a[:, i] == b[:, j]) & present
        return shared


def _unscored(codes: IntArray, left: IntArray, right: IntArray, spec: ComparisonSpec) -> IntArray:
    a, b = codes[left], codes[right]
    levels = np.where(a == b, spec.level("same"), UNSCORED_NOT_SAME)
    levels[(a < 0) | (b < 0)] = MISSING
    return levels


class ComparisonTables:
    """What the comparisons read per distinct value rather than per record: each
    field's text by code, the address with its spaces removed, and name initials."""

    def __init__(self, records: PreparedRecords) -> None:
        self.names = by_code(records.given, records.family)
        self.postcode = by_code(records.postcode)
        self.suburb = by_code(records.suburb)
        self.address = by_code(records.address)
        packed = np.empty(len(self.address), dtype=object)
        # Folded addresses hold no newline, so all of them are unspaced in one call.
        packed[:] = "\n".join(self.address).replace(" ", "").split("\n") if len(packed) else []
        self.packed_address = packed
        self.name_length = np.fromiter(map(len, self.names), np.int64, len(self.names))
        self.name_initial = np.fromiter(
            (ord(name[0]) if name else -1 for name in self.names), np.int64, len(self.names)
        )


def _compare_chunk(
    records: PreparedRecords, tables: ComparisonTables, left: IntArray, right: IntArray
) -> tuple[LevelArray, BoolArray]:
    given, family, swapped = _names(records, tables, left, right)
    columns = [
        given,
        family,
        _date_of_birth(records, left, right),
        _postcode(records, tables, left, right),
        _address(records, tables, left, right),
        _suburb(records, tables, left, right),
        _state(records, left, right),
        _contact(records.phones, records.phone_tails, left, right),
        _contact(records.emails, records.email_mailboxes, left, right),
        _external_id(records, left, right),
    ]
    return np.stack(columns, axis=1).astype(np.int8), swapped


def _scores(
    table: TextArray,
    a: IntArray,
    b: IntArray,
    scorer: Callable[..., float],
    *,
    same: float,
    missing: float,
    cutoff: float | None = None,
) -> FloatArray:
    """``scorer`` of the texts with codes a[k] and b[k], computed once per distinct pair.

    A million candidate pairs hold far fewer distinct pairs of names or places
    (and equal codes need no scoring at all), so the string work is done on
    those only, in C++ on every core. ``same`` is the score of equal codes,
    ``missing`` that of a code against a missing one (-1). With ``cutoff``
    the scorer may stop early on pairs beyond it (rapidfuzz's score_cutoff):
    only for scores that are banded, where beyond the cutoff is all one level.
    """
    out = np.where(a == b, same, missing)
    todo = np.flatnonzero((a != b) & (a >= 0) & (b >= 0))
    if len(todo) == 0:
        return np.asarray(out, dtype=np.float64)
    low, high = np.minimum(a[todo], b[todo]), np.maximum(a[todo], b[todo])
    distinct, inverse = np.unique(low * len(table) + high, return_inverse=True)
    scored = process.cpdist(
        table[distinct // len(table)],
        table[distinct % len(table)],
        scorer=scorer,
        score_cutoff=cutoff,
        workers=-1,
    )
    out[todo] = np.asarray(scored, dtype=np.float64)[inverse.reshape(-1)]
    return np.asarray(out, dtype=np.float64)


def _names(
    records: PreparedRecords, tables: ComparisonTables, left: IntArray, right: IntArray
) -> tuple[IntArray, IntArray, BoolArray]:
    """Given and family name levels, read crosswise when the names were entered swapped."""
    given, family = records.given, records.family
    left_given, left_family = given.codes[left], family.codes[left]
    right_given, right_family = given.codes[right], family.codes[right]
    straight_given = _similarity(tables.names, left_given, right_given)
    straight_family = _similarity(tables.names, left_family, right_family)
    cross_given = _similarity(tables.names, left_given, right_family)
    cross_family = _similarity(tables.names, left_family, right_given)
    swapped = cross_given + cross_family > straight_given + straight_family + SWAP_MARGIN
    right_given, right_family = (
        np.where(swapped, right_family, right_given),
        np.where(swapped, right_given, right_family),
    )

    loose = GIVEN_NAME.level("loosely similar")
    given_levels = _bands(np.where(swapped, cross_given, straight_given), NAME_BANDS, loose)
    initial = _initial_only(tables, left_given, right_given) & ~swapped & (given_levels < loose)
    given_levels[initial] = GIVEN_NAME.level("same initial")
    nickname = _shares(records.formal_given, left, right) & ~swapped
    given_levels[nickname] = GIVEN_NAME.level("nickname")
    given_levels[left_given == right_given] = GIVEN_NAME.level("same")
    given_levels[(left_given < 0) | (right_given < 0)] = MISSING

    first = FAMILY_NAME.level("loosely similar")
    family_levels = _bands(np.where(swapped, cross_family, straight_family), NAME_BANDS, first)
    family_levels[left_family == right_family] = FAMILY_NAME.level("same")
    family_levels[(left_family < 0) | (right_family < 0)] = MISSING
    return given_levels, family_levels, swapped


def _similarity(
    table: TextArray, a: IntArray, b: IntArray, *, cutoff: float | None = None
) -> FloatArray:
    """Jaro-Winkler similarity; an empty text is 0 against any other, 1 against itself."""
    return _scores(
        table, a, b, JaroWinkler.normalized_similarity, same=1.0, missing=0.0, cutoff=cutoff
    )


def _bands(similarity: FloatArray, cuts: tuple[float, ...], first_level: int) -> IntArray:
    """Level first_level + i for similarity at or above cuts[i] (cuts ascending), else 0."""
    levels = np.zeros(len(similarity), dtype=np.int64)
    for offset, cut in enumerate(cuts):
        levels[similarity >= cut] = first_level + offset
    return levels


def _with_missing(levels: IntArray, codes: IntArray, left: IntArray, right: IntArray) -> IntArray:
    levels[(codes[left] < 0) | (codes[right] < 0)] = MISSING
    return levels


def _initial_only(tables: ComparisonTables, a: IntArray, b: IntArray) -> BoolArray:
    """One given name is just an initial, and it is the other's first letter."""
    present = (a >= 0) & (b >= 0)
    a, b = np.where(present, a, 0), np.where(present, b, 0)
    one_letter = (tables.name_length[a] == 1) | (tables.name_length[b] == 1)
    same = tables.name_initial[a] == tables.name_initial[b]
    return np.asarray(present & one_letter & same, dtype=bool)


def _shares(codes: IntArray, left: IntArray, right: IntArray) -> BoolArray:
    """The two records have at least one code in common (codes is -1 padded, one row each).

    Column by column; ``prepare`` keeps only the columns some record fills, so
    where everyone has one phone this is one comparison, not three by three.
    """
    out = np.zeros(len(left), dtype=bool)
    right_columns = [codes[right, j] for j in range(codes.shape[1])]
    for i in range(codes.shape[1]):
        a = codes[left, i]
        present = a >= 0
        for b in right_columns:
            out |= (a == b) & present
    return out


def _date_of_birth(records: PreparedRecords, left: IntArray, right: IntArray) -> IntArray:
    """Equal dates by their codes; the digits are read only for dates that differ."""
    codes = records.dob.codes
    levels = np.full(len(left), DATE_OF_BIRTH.level("same"), dtype=np.int64)
    todo = np.flatnonzero(codes[left] != codes[right])
    a, b = records.dob_digits[left[todo]], records.dob_digits[right[todo]]
    differs = a != b
    different_digits = differs.sum(axis=1)
    found = np.where(
        differs[:, :4].any(axis=1),
        DATE_OF_BIRTH.level("different"),
        DATE_OF_BIRTH.level("same year"),
    )
    found[different_digits == 2] = DATE_OF_BIRTH.level("two digits differ")
    found[different_digits == 1] = DATE_OF_BIRTH.level("one digit differs")
    # A transposition changes two digits, a day and month swapped at most four.
    near = np.flatnonzero(different_digits <= 4)
    a, b = a[near], b[near]
    slipped = transposed_digits(a, b) | day_month_swapped(a, b)
    found[near[slipped]] = DATE_OF_BIRTH.level("digits transposed")
    levels[todo] = found
    return _with_missing(levels, codes, left, right)


def transposed_digits(a: IntArray, b: IntArray) -> BoolArray:
    """Exactly two neighbouring digits differ, and they are each other's swap."""
    differs = a != b
    swapped = (a[:, :-1] == b[:, 1:]) & (a[:, 1:] == b[:, :-1]) & differs[:, :-1] & differs[:, 1:]
    return np.asarray(swapped.any(axis=1) & (differs.sum(axis=1) == 2), dtype=bool)


def day_month_swapped(a: IntArray, b: IntArray) -> BoolArray:
    """YYYYMMDD against YYYYDDMM: the American and European way of writing a date."""
    same_year = (a[:, :4] == b[:, :4]).all(axis=1)
    crossed = (a[:, 4:6] == b[:, 6:8]).all(axis=1) & (a[:, 6:8] == b[:, 4:6]).all(axis=1)
    return np.asarray(same_year & crossed & (a != b).any(axis=1), dtype=bool)


def _edits(text: TextArray, left: IntArray, right: IntArray) -> IntArray:
    """Optimal-string-alignment distance: a swap of two neighbours is one edit."""
    edits = process.cpdist(text[left], text[right], scorer=OSA.distance, workers=-1)
    return np.asarray(edits, dtype=np.int64)


def _postcode(
    records: PreparedRecords, tables: ComparisonTables, left: IntArray, right: IntArray
) -> IntArray:
    codes = records.postcode.codes
    # A missing side is overruled below, so its score does not matter.
    distance = _scores(
        tables.postcode, codes[left], codes[right], OSA.distance, same=0, missing=9, cutoff=2
    )
    edits = distance.astype(np.int64)
    levels = np.zeros(len(left), dtype=np.int64)
    same_district = records.district.codes[left] == records.district.codes[right]
    levels[same_district] = POSTCODE.level("same district")
    levels[edits == 1] = POSTCODE.level("one character differs")
    levels[edits == 0] = POSTCODE.level("same")
    return _with_missing(levels, records.postcode.codes, left, right)


def _address(
    records: PreparedRecords, tables: ComparisonTables, left: IntArray, right: IntArray
) -> IntArray:
    """Word-order-free similarity, or spacing-free: "hopegoodplace" is "hopegood place"."""
    a, b = records.address.codes[left], records.address.codes[right]
    by_words = _scores(
        tables.address, a, b, fuzz.token_set_ratio, same=100.0, missing=0.0, cutoff=60.0
    )
    by_letters = _scores(
        tables.packed_address, a, b, fuzz.ratio, same=100.0, missing=0.0, cutoff=60.0
    )
    scores = np.maximum(by_words, by_letters)
    levels = _bands(scores, (60.0, 80.0, 90.0), ADDRESS.level("loosely similar"))
    levels[records.address.codes[left] == records.address.codes[right]] = ADDRESS.level("same")
    return _with_missing(levels, records.address.codes, left, right)


def _suburb(
    records: PreparedRecords, tables: ComparisonTables, left: IntArray, right: IntArray
) -> IntArray:
    codes = records.suburb.codes
    similarity = _similarity(tables.suburb, codes[left], codes[right], cutoff=0.8)
    levels = _bands(similarity, (0.8, 0.92), SUBURB.level("similar"))
    levels[records.suburb.codes[left] == records.suburb.codes[right]] = SUBURB.level("same")
    return _with_missing(levels, records.suburb.codes, left, right)


def _state(records: PreparedRecords, left: IntArray, right: IntArray) -> IntArray:
    codes = records.state.codes
    return _with_missing((codes[left] == codes[right]).astype(np.int64), codes, left, right)


def _contact(exact: IntArray, variant: IntArray, left: IntArray, right: IntArray) -> IntArray:
    """Phones or emails: shared as written, shared once written alike, or none shared."""
    levels = np.zeros(len(left), dtype=np.int64)
    levels[_shares(variant, left, right)] = PHONE.level("same number written differently")
    levels[_shares(exact, left, right)] = PHONE.level("same")
    levels[(exact[left, 0] < 0) | (exact[right, 0] < 0)] = MISSING
    return levels


def _external_id(records: PreparedRecords, left: IntArray, right: IntArray) -> IntArray:
    """Loyalty or CRM ids: any shared, or the first ids one or two keystrokes apart."""
    ids = records.external_ids
    levels = np.full(len(left), MISSING, dtype=np.int64)
    both = np.flatnonzero((ids[left, 0] >= 0) & (ids[right, 0] >= 0))
    if len(both) == 0:
        return levels
    left, right = left[both], right[both]
    edits = _edits(records.first_external_id, left, right)
    found = np.zeros(len(left), dtype=np.int64)
    found[edits == 2] = EXTERNAL_ID.level("two characters differ")
    found[edits == 1] = EXTERNAL_ID.level("one character differs")
    found[_shares(ids, left, right)] = EXTERNAL_ID.level("same")
    levels[both] = found
    return levels
