"""The match model: Fellegi-Sunter with a household class, learned from the data by EM.

For each comparison and level the model holds m (how often a pair that is one
person shows that level) and u (how often two unrelated people do). The
parameters are learned from the candidate pairs by EM, never set by hand, so
the same code adapts to a base where surnames are very common or dates of
birth are often missing.

Plain Fellegi-Sunter assumes fields agree independently of each other among
non-matches. Households break that: a couple shares surname, address,
postcode, landline and often an email, so six independent pieces of evidence
are really one, and a two-class model merges them. A third class, "same
household", is learned alongside: its pairs agree on where people live and
how they are reached, while their *personal* fields (given name, date of
birth, external id) agree no more than unrelated people's do (those
parameters are tied to u). A pair is a match only when it looks more like one
person than like either kind of non-match.

EM runs over the distinct level patterns with their counts, so its cost does
not grow with the number of pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from everthread.customers.matching.comparisons import (
    MISSING,
    UNSCORED_NOT_SAME,
    FloatArray,
)
from everthread.customers.matching.records import IntArray

Probabilities = tuple[FloatArray, ...]

# EM stops when no match probability moves by more than this between iterations.
EM_TOLERANCE = 1e-5
EM_MAX_ITERATIONS = 100
# A level never observed still gets a sliver of probability, so no single
# comparison can veto a match (or force one) with an infinite weight.
PSEUDO_COUNT = 0.5
# Only a starting point for EM: shares of one person / household / unrelated.
INITIAL_SHARES = (0.1, 0.05, 0.85)


@dataclass(frozen=True, slots=True)
class MatchModel:
    """Learned parameters: per comparison, P(level | class) for the three classes.

    ``shares`` are the proportions of candidate pairs that are one person, one
    household and unrelated; they act as the prior.
    """

    m: Probabilities
    h: Probabilities
    u: Probabilities
    shares: tuple[float, float, float]

    def class_scores(self, levels: IntArray) -> FloatArray:
        """log2 of share x likelihood per pair and class (columns: person, household, unrelated)."""
        scores = np.zeros((len(levels), 3), dtype=np.float64)
        for column in range(levels.shape[1]):
            present = levels[:, column] != MISSING
            observed = levels[present, column]
            for kind, table in enumerate((self.m, self.h, self.u)):
                scores[present, kind] += np.log2(table[column][observed])
        return scores + np.log2(np.asarray(self.shares))

    def match_weights(self, levels: IntArray) -> FloatArray:
        """log2 odds of one person against either kind of non-match.

        Scored once per distinct level pattern: a million pairs show a few
        thousand patterns.
        """
        patterns, inverse, _ = level_patterns(levels)
        scores = self.class_scores(patterns)
        return (scores[:, 0] - np.logaddexp2(scores[:, 1], scores[:, 2]))[inverse]

    def weight_bound(self, levels: IntArray) -> FloatArray:
        """An upper bound of ``match_weights`` for levels a screen left partly unscored.

        The weight is log2 of one person against household or unrelated, so it is
        at most the log odds against either alone: each a sum over comparisons,
        bounded by taking an unscored comparison at its most favourable level
        (not "same" where the values are known to differ; missing counts 0).
        """
        bounds = []
        for other, share in ((self.u, self.shares[2]), (self.h, self.shares[1])):
            total = np.full(len(levels), np.log2(self.shares[0]) - np.log2(share))
            for column in range(levels.shape[1]):
                factors = np.log2(self.m[column]) - np.log2(other[column])
                # Indexed by level + 3: not same, unscored, missing, then each level.
                table = np.concatenate(
                    [[factors[:-1].max(), max(0.0, factors.max()), 0.0], factors]
                )
                total += table[levels[:, column].astype(np.int64) - UNSCORED_NOT_SAME]
            bounds.append(total)
        return np.minimum(*bounds)

    def bayes_factors(self, levels: IntArray) -> FloatArray:
        """log2(m/u) per pair and comparison, 0 where a side is missing: the evidence in reasons."""
        out = np.zeros(levels.shape, dtype=np.float64)
        for column, (m, u) in enumerate(zip(self.m, self.u, strict=True)):
            present = levels[:, column] != MISSING
            observed = levels[present, column]
            out[present, column] = np.log2(m[observed]) - np.log2(u[observed])
        return out


def level_patterns(levels: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Distinct rows of ``levels``, the row each pair maps to, and how many pairs each has.

    Rows are packed into one integer first: sorting integers is many times
    faster than numpy's row-wise unique.
    """
    if len(levels) == 0:
        return levels, np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    radix = int(levels.max()) + 2
    packed = np.zeros(len(levels), dtype=np.int64)
    for column in range(levels.shape[1] - 1, -1, -1):  # column by column: no int64 copy
        packed *= radix
        packed += levels[:, column]
        packed += 1
    _, first, inverse, counts = np.unique(
        packed, return_index=True, return_inverse=True, return_counts=True
    )
    return levels[first], inverse.reshape(-1), counts


def match_probability(weights: FloatArray) -> FloatArray:
    return 1.0 / (1.0 + np.exp2(-weights))


def level_frequencies(
    levels: IntArray, sizes: Sequence[int], weights: FloatArray | None = None
) -> Probabilities:
    """Share of pairs at each level per comparison, ignoring missing, smoothed."""
    weights = np.ones(len(levels)) if weights is None else weights
    out = []
    for column, size in enumerate(sizes):
        present = levels[:, column] != MISSING
        counts = np.bincount(levels[present, column], weights=weights[present], minlength=size)
        out.append((counts + PSEUDO_COUNT) / (counts.sum() + PSEUDO_COUNT * size))
    return tuple(out)


def agreeing(sizes: Sequence[int]) -> Probabilities:
    """A starting guess for a class that mostly agrees: probability doubling level by level."""
    return tuple(np.exp2(np.arange(size, dtype=np.float64)) / (2.0**size - 1) for size in sizes)


def fit(
    levels: IntArray,
    *,
    u: Probabilities,
    personal: Sequence[bool],
    weights: FloatArray | None = None,
) -> MatchModel:
    """Fit the three-class mixture to the candidate pairs' levels by EM.

    ``u`` (from random pairs) is the starting point for unrelated pairs;
    ``personal`` marks the comparisons a household does not share. ``weights``
    say how many candidate pairs each row stands for (1 when not given).
    """
    patterns, inverse, counts = level_patterns(levels)
    totals = np.asarray(
        counts if weights is None else np.bincount(inverse, weights, len(patterns)),
        dtype=np.float64,
    )
    design = _Design(patterns, totals, [len(column) for column in u])
    start = agreeing(design.sizes)
    h = tuple(u_k if own else m_k for u_k, m_k, own in zip(u, start, personal, strict=True))
    model = MatchModel(m=start, h=h, u=u, shares=INITIAL_SHARES)
    for _ in range(EM_MAX_ITERATIONS):
        updated = design.maximise(design.responsibilities(model), personal)
        settled = _largest_change(model, updated) < EM_TOLERANCE
        model = updated
        if settled:
            break
    return model


class _Design:
    """Level patterns as indices into one flat table of all comparisons' levels.

    Each EM step is then a gather and a bincount, whatever the number of
    comparisons; a missing level points at a slot that always holds log 1 = 0.
    """

    def __init__(self, patterns: IntArray, counts: FloatArray, sizes: Sequence[int]) -> None:
        self.sizes = list(sizes)
        self.offsets = np.cumsum([0, *self.sizes[:-1]])
        self.missing_slot = sum(self.sizes)
        flat = patterns + self.offsets
        self.index = np.where(patterns == MISSING, self.missing_slot, flat)
        self.counts = counts

    def responsibilities(self, model: MatchModel) -> FloatArray:
        shares = np.log2(np.asarray(model.shares))
        scores = np.stack(
            [self._log_table(t)[self.index].sum(axis=1) for t in (model.m, model.h, model.u)],
            axis=1,
        )
        scores += shares
        scores -= scores.max(axis=1, keepdims=True)
        weights = np.exp2(scores)
        return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)

    def maximise(self, resp: FloatArray, personal: Sequence[bool]) -> MatchModel:
        weighted = resp * self.counts[:, None]
        m, h_own, u_own, pooled = (
            self._frequencies(w)
            for w in (weighted[:, 0], weighted[:, 1], weighted[:, 2], weighted[:, 1:].sum(axis=1))
        )
        h = tuple(p if own else x for p, x, own in zip(pooled, h_own, personal, strict=True))
        u = tuple(p if own else x for p, x, own in zip(pooled, u_own, personal, strict=True))
        m = tuple(_agreement_favours_one_person(a, b) for a, b in zip(m, u, strict=True))
        totals = weighted.sum(axis=0) / self.counts.sum()
        return MatchModel(
            m=m, h=h, u=u, shares=(float(totals[0]), float(totals[1]), float(totals[2]))
        )

    def _log_table(self, table: Probabilities) -> FloatArray:
        return np.concatenate([*(np.log2(column) for column in table), [0.0]])

    def _frequencies(self, weights: FloatArray) -> Probabilities:
        per_cell = np.repeat(weights, self.index.shape[1])
        totals = np.bincount(self.index.reshape(-1), per_cell, minlength=self.missing_slot + 1)
        out = []
        for offset, size in zip(self.offsets, self.sizes, strict=True):
            counts = totals[offset : offset + size]
            out.append((counts + PSEUDO_COUNT) / (counts.sum() + PSEUDO_COUNT * size))
        return tuple(out)


def _agreement_favours_one_person(m: FloatArray, u: FloatArray) -> FloatArray:
    """Keep "different" no likelier, and "same" no rarer, for one person than for strangers.

    Without this (Winkler's constrained EM), a base with few real duplicates
    lets EM call any large cluster of look-alike pairs "one person", even one
    whose given names all differ. The clamp only binds in that failure.
    """
    bounded = m.copy()
    bounded[0] = min(m[0], u[0])
    bounded[-1] = max(m[-1], u[-1])
    free = np.ones(len(m), dtype=bool)
    free[[0, -1]] = bounded[[0, -1]] == m[[0, -1]]
    room = 1.0 - bounded[~free].sum()
    share = bounded[free] if bounded[free].sum() > 0 else u[free]
    bounded[free] = room * share / max(share.sum(), 1e-300)
    return bounded


def _largest_change(before: MatchModel, after: MatchModel) -> float:
    """How far the one-person class moved.

    Only it decides matches; on data without households the two non-match
    classes can keep trading pairs of near-identical look for many iterations
    while the match side has long settled.
    """
    share = abs(before.shares[0] - after.shares[0])
    return max(share, *(float(np.abs(a - b).max()) for a, b in zip(before.m, after.m, strict=True)))
