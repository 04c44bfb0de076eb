"""Which pairs of records are worth comparing at all.

Comparing every pair grows with the square of the customer base (a million
customers is half a trillion pairs), so only records that share a blocking key
are compared. Several independent rules are used because a duplicate usually
keeps at least one of its fields intact even when others are mistyped. A block
larger than the cap (every "Smith" in one postcode district) is split by a
second key and, if still too large, skipped and counted, so that a common name
never makes the work explode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from everthread.customers.matching.records import (
    Column,
    IntArray,
    PreparedRecords,
    by_code,
)

# A block with more members than this is split by its rule's second key; a
# block of 100 already means ~5,000 comparisons for one key value.
MAX_BLOCK_SIZE = 100
# Dates of birth: blocks split by either name's initial beyond this size, which
# a base reaches at ~250,000 customers (one birthday in seventy years is ~25,000).
DOB_MAX_BLOCK = 10
NAME_MAX_BLOCK = 20
# Sorted-neighbourhood window: each record is compared with the next few in order.
NEIGHBOURHOOD_WINDOW = 4

KeyFunction = Callable[[PreparedRecords], IntArray]


@dataclass(frozen=True, slots=True)
class KeyRule:
    """Records sharing a key are compared; an oversized block is split by ``refine``.

    ``key`` gives one code per record, or a row of codes when a record has
    several (its emails); -1 means the record has no key under this rule.
    """

    name: str
    key: KeyFunction
    refine: KeyFunction
    max_block: int = MAX_BLOCK_SIZE


@dataclass(frozen=True, slots=True)
class NeighbourhoodRule:
    """Records are sorted by ``sort_key`` and each is compared with its next neighbours.

    This catches typos that change every exact key but keep the start of the
    text, and its cost is linear in the number of records. ``sort_key`` gives
    the alphabetical rank of each record's text field by field (most
    significant first); records whose first rank is -1 (empty) are left out.
    """

    name: str
    sort_key: Callable[[PreparedRecords], tuple[IntArray, ...]]
    window: int = NEIGHBOURHOOD_WINDOW


@dataclass(slots=True)
class BlockingReport:
    """How much work blocking let through, so its growth can be watched.

    ``pairs_compared`` counts distinct pairs; ``pairs_by_rule`` counts each
    rule's pairs before overlaps with other rules are removed. Skipped blocks
    are those still over the cap after splitting: their records are compared
    only through the other rules.
    """

    pairs_compared: int = 0
    pairs_by_rule: dict[str, int] = field(default_factory=dict)
    blocks_split: int = 0
    blocks_skipped: int = 0
    records_in_skipped_blocks: int = 0


@dataclass(frozen=True, slots=True)
class CandidatePairs:
    left: IntArray
    right: IntArray
    report: BlockingReport


def candidate_pairs(
    records: PreparedRecords,
    *,
    rules: Sequence[KeyRule | NeighbourhoodRule] | None = None,
    link_only: bool = False,
) -> CandidatePairs:
    """Distinct record pairs (left < right) that share a key under at least one rule.

    With ``link_only`` only pairs from different sources are kept (linking two
    files rather than de-duplicating one).
    """
    report = BlockingReport()
    encoded = [np.empty(0, dtype=np.int64)]
    for rule in DEFAULT_RULES if rules is None else rules:
        if isinstance(rule, KeyRule):
            left, right = _key_pairs(records, rule, report)
        else:
            left, right = _neighbour_pairs(records, rule)
        if link_only:
            keep = records.source[left] != records.source[right]
            left, right = left[keep], right[keep]
        report.pairs_by_rule[rule.name] = len(left)
        encoded.append(np.minimum(left, right) * len(records) + np.maximum(left, right))
    unique = distinct(np.concatenate(encoded))
    report.pairs_compared = len(unique)
    size = max(len(records), 1)
    return CandidatePairs(unique // size, unique % size, report)


def _key_pairs(
    records: PreparedRecords, rule: KeyRule, report: BlockingReport
) -> tuple[IntArray, IntArray]:
    members, keys = _explode(rule.key(records))
    left, right, oversized = _pairs_within_blocks(members, keys, rule.max_block)
    if len(oversized) == 0:
        return left, right
    report.blocks_split += len(distinct(keys[oversized]))
    big_members, big_keys = members[oversized], keys[oversized]
    second = rule.refine(records)[big_members]
    if second.ndim == 2:  # several second keys per record: one entry for each
        big_members = np.repeat(big_members, second.shape[1])
        big_keys = np.repeat(big_keys, second.shape[1])
        second = second.reshape(-1)
    finer = combine_keys(big_keys, second)
    usable = finer >= 0
    more_left, more_right, still = _pairs_within_blocks(
        big_members[usable], finer[usable], rule.max_block
    )
    report.blocks_skipped += len(distinct(finer[usable][still]))
    # Members without a second key cannot be placed in a smaller block either.
    report.records_in_skipped_blocks += len(still) + int((~usable).sum())
    return np.concatenate([left, more_left]), np.concatenate([right, more_right])


def _explode(keys: IntArray) -> tuple[IntArray, IntArray]:
    """(record, key) entries for every present key; a record may have several (emails)."""
    table = keys[:, None] if keys.ndim == 1 else keys
    rows, cols = np.nonzero(table >= 0)
    return rows.astype(np.int64), table[rows, cols]


def _pairs_within_blocks(
    members: IntArray, keys: IntArray, max_block: int
) -> tuple[IntArray, IntArray, IntArray]:
    """All pairs inside each block up to the cap, and the entries of larger blocks.

    Blocks of one size are handled together with one index matrix, so the work
    is vectorised whatever the number of blocks.
    """
    # Members arrive in ascending order within each key, so a stable sort by key
    # keeps them that way.
    order = np.argsort(keys, kind="stable")
    sorted_members, sorted_keys = members[order], keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(sorted_keys)])
    lefts, rights = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    for size in distinct(sizes[(sizes >= 2) & (sizes <= max_block)]):
        block = sorted_members[starts[sizes == size][:, None] + np.arange(size)]
        a, b = np.triu_indices(int(size), 1)
        lefts.append(block[:, a].reshape(-1))
        rights.append(block[:, b].reshape(-1))
    large = sizes > max_block
    oversized = [
        order[start : start + size] for start, size in zip(starts[large], sizes[large], strict=True)
    ]
    left, right = np.concatenate(lefts), np.concatenate(rights)
    apart = left != right
    return left[apart], right[apart], np.concatenate([np.empty(0, np.int64), *oversized])


def _neighbour_pairs(
    records: PreparedRecords, rule: NeighbourhoodRule
) -> tuple[IntArray, IntArray]:
    ranks = rule.sort_key(records)
    present = np.flatnonzero(ranks[0] >= 0)
    if len(ranks) > 2:
        ordered = present[np.lexsort([rank[present] for rank in reversed(ranks)])]
    else:  # two ranks (each below the number of records) fit one int64: a faster sort
        order_key = np.zeros(len(present), dtype=np.int64)
        for rank in ranks:
            order_key = order_key * (len(records) + 2) + rank[present] + 1
        ordered = present[np.argsort(order_key, kind="stable")]
    steps = range(1, min(rule.window, len(ordered)))
    lefts = [np.empty(0, dtype=np.int64), *(ordered[:-step] for step in steps)]
    rights = [np.empty(0, dtype=np.int64), *(ordered[step:] for step in steps)]
    return np.concatenate(lefts), np.concatenate(rights)


def distinct(values: IntArray) -> IntArray:
    """Sorted distinct values, by sorting: numpy's hashing unique is many times slower
    on the structured integers blocking produces (pair codes, combined keys)."""
    ordered = np.sort(values, kind="stable" if values.dtype == object else None)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def combine_keys(*parts: IntArray) -> IntArray:
    """One key code per tuple of key codes (parts broadcast); -1 when any part is missing.

    Codes are comparable across columns only when combined in one call, so a
    multi-column key (given or family name, with the district) is built at once.
    Codes are mixed-radix numbers of the parts, not numbered 0, 1, 2...: they
    are renumbered (a sort) only when the next part could overflow int64.
    """
    shape = np.broadcast_shapes(*(part.shape for part in parts))
    flat = [np.broadcast_to(part, shape).reshape(-1) for part in parts]
    missing = np.zeros(len(flat[0]), dtype=bool)
    combined = np.zeros(len(flat[0]), dtype=np.int64)
    for part in flat:
        missing |= part < 0
        radix = int(part.max(initial=0)) + 2
        if int(combined.max(initial=0)) >= (2**62) // radix:
            combined = np.unique(combined, return_inverse=True)[1].reshape(-1).astype(np.int64)
        combined = combined * radix + part + 1
    combined[missing] = -1
    return combined.reshape(shape)


def _per_record(codes: IntArray, per_code: IntArray) -> IntArray:
    """A value per code spread to the records, -1 where the record has no code."""
    if len(per_code) == 0:
        return codes
    return np.where(codes >= 0, per_code[np.maximum(codes, 0)], -1)


def _prefixes(*columns: Column, length: int) -> list[IntArray]:
    """Per column, a code per record for the first ``length`` characters of its text.

    Worked out once per distinct value; the columns share one vocabulary.
    """
    vocabulary: dict[str, int] = {}
    per_code = np.fromiter(
        (vocabulary.setdefault(text[:length], len(vocabulary)) for text in by_code(*columns)),
        np.int64,
    )
    return [_per_record(column.codes, per_code) for column in columns]


def _ranks(*columns: Column) -> list[IntArray]:
    """Per column, each record's alphabetical rank among the columns' texts, -1 when empty."""
    texts = by_code(*columns).tolist()
    rank_of_code = np.empty(len(texts), dtype=np.int64)
    # Python's sort compares strings directly, several times faster than numpy on objects.
    rank_of_code[sorted(range(len(texts)), key=texts.__getitem__)] = np.arange(len(texts))
    return [_per_record(column.codes, rank_of_code) for column in columns]


def _name_and_district(records: PreparedRecords) -> IntArray:
    """Given and family name each paired with the district, so swapped names still meet."""
    names = np.stack([records.given.codes, records.family.codes], axis=1)
    return combine_keys(names, records.district.codes[:, None])


def _either_name_order(records: PreparedRecords) -> IntArray:
    given, family = records.given.codes, records.family.codes
    return combine_keys(np.minimum(given, family), np.maximum(given, family))


def _postcode_and_house(records: PreparedRecords) -> IntArray:
    return combine_keys(records.postcode.codes, records.house_number.codes)


def _suburb_and_house(records: PreparedRecords) -> IntArray:
    return combine_keys(records.suburb.codes, records.house_number.codes)


def _either_initial(records: PreparedRecords) -> IntArray:
    """The given and the family name's initials, two keys per record (-1 when they agree).

    A duplicate whose given name became a nickname keeps its surname's initial.
    """
    codes = np.stack(_prefixes(records.given, records.family, length=1), axis=1)
    codes[codes[:, 1] == codes[:, 0], 1] = -1
    return codes


def _dob_year(records: PreparedRecords) -> IntArray:
    return _prefixes(records.dob, length=4)[0]


def _given_initial(records: PreparedRecords) -> IntArray:
    return _prefixes(records.given, length=1)[0]


def _family_initial(records: PreparedRecords) -> IntArray:
    return _prefixes(records.family, length=1)[0]


def _surname_then_given(records: PreparedRecords) -> tuple[IntArray, ...]:
    """Ranks of (surname, given name): the order of "surname given", since a
    name key has no character that sorts before the space."""
    given, family = _ranks(records.given, records.family)
    return family, given


def _given_then_surname(records: PreparedRecords) -> tuple[IntArray, ...]:
    given, family = _ranks(records.given, records.family)
    return given, family


def _address_order(records: PreparedRecords) -> tuple[IntArray, ...]:
    return (_ranks(records.address)[0],)


DEFAULT_RULES: tuple[KeyRule | NeighbourhoodRule, ...] = (
    KeyRule("a name, in either field, and postcode district", _name_and_district, _dob_year),
    # A full name repeats by chance in a large base (a few hundred given names
    # times a few thousand surnames); its blocks are split by date of birth early.
    KeyRule(
        "given and family name, either order",
        _either_name_order,
        lambda r: r.dob.codes,
        NAME_MAX_BLOCK,
    ),
    # A date of birth is shared by chance once a base passes a few hundred
    # thousand (one day in seventy years); its blocks are split early.
    KeyRule("date of birth", lambda r: r.dob.codes, _either_initial, DOB_MAX_BLOCK),
    KeyRule("postcode and house number", _postcode_and_house, _family_initial),
    KeyRule("suburb and house number", _suburb_and_house, _family_initial),
    KeyRule("address", lambda r: r.address.codes, _family_initial),
    KeyRule("email", lambda r: r.emails, _given_initial),
    KeyRule("phone", lambda r: r.phones, _given_initial),
    KeyRule("external id", lambda r: r.external_ids, _given_initial),
    NeighbourhoodRule("surname, given name in order", _surname_then_given),
    NeighbourhoodRule("given name, surname in order", _given_then_surname),
    NeighbourhoodRule("address in order", _address_order),
)
