"""Find likely duplicate customers, or link two files of customers, with reasons.

The pipeline: normalise (records) -> candidate pairs (blocking) -> field levels
(comparisons) -> a match model learned from those pairs by EM (model) -> the
pairs at or above a fixed probability, each with reasons a person can check
(reasons). Pairs are only ever suggested: merging stays a decision for staff.

A large base has tens of millions of candidate pairs, nearly all of them
strangers who differ in date of birth, phone and email. Those are told apart
by integer comparisons and the model's bound on what the rest could add; the
string comparisons (rapidfuzz) are made only for a sample and for the pairs
that could still be one person (see ``_match``).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from everthread.customers.matching.blocking import BlockingReport, CandidatePairs, candidate_pairs
from everthread.customers.matching.comparisons import (
    COMPARISONS,
    ComparedPairs,
    ComparisonTables,
    FloatArray,
    RoughScreen,
    compare,
    screen,
)
from everthread.customers.matching.model import (
    MatchModel,
    fit,
    level_frequencies,
    match_probability,
)
from everthread.customers.matching.reasons import explain
from everthread.customers.matching.records import (
    CustomerRecord,
    IntArray,
    PreparedRecords,
    prepare,
)

# Fixed in advance, never tuned on known answers: a pair is suggested when the
# model finds it more likely than not to be one person.
MATCH_THRESHOLD = 0.5
# Random pairs give EM its starting view of how often unrelated people agree.
RANDOM_PAIRS = 20_000
# The first model learns from at most this many candidate pairs, drawn at
# random: a sample is all that needs every comparison made before a model exists.
TRAINING_PAIRS = 100_000
# The first model only decides what is compared in full, so it shortlists
# pairs whose weight could come within this many bits (a factor of 64 in the
# odds) of the threshold: the model learned next may weigh them a little higher.
SHORTLIST_MARGIN = 6.0
# Pairs are screened this many at a time: the screen's temporaries (a dozen
# integer columns per pair) stay a few tens of MB whatever the base size.
SCREEN_CHUNK_PAIRS = 100_000
# Sampling is seeded so the same records always give the same suggestions.
SEED = 5


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """Two records that are probably one person, with the evidence in words."""

    left_id: str | int
    right_id: str | int
    match_probability: float
    match_weight: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Suggested pairs, most likely first, with the work it took to find them."""

    pairs: list[ScoredPair]
    blocking: BlockingReport
    model: MatchModel | None  # None when no two records shared a blocking key


def find_duplicates(
    records: Sequence[CustomerRecord], *, threshold: float = MATCH_THRESHOLD
) -> MatchResult:
    """Pairs of records in one base that are probably the same customer."""
    with _no_cyclic_gc():
        return _match(prepare(records), link_only=False, threshold=threshold)


def link(
    records_a: Sequence[CustomerRecord],
    records_b: Sequence[CustomerRecord],
    *,
    threshold: float = MATCH_THRESHOLD,
) -> MatchResult:
    """Pairs (a record of A, a record of B) that are probably the same customer."""
    sources = [0] * len(records_a) + [1] * len(records_b)
    with _no_cyclic_gc():
        prepared = prepare([*records_a, *records_b], sources=sources)
        return _match(prepared, link_only=True, threshold=threshold)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector for the run.

    The engine makes millions of short-lived strings and tuples but no cycles;
    with a million records alive, every collection the allocations trigger
    walks them all again, which took a third of the run at 1M records.
    Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _match(prepared: PreparedRecords, *, link_only: bool, threshold: float) -> MatchResult:
    """Learn the model from the candidate pairs, then score them.

    When the candidates outnumber TRAINING_PAIRS, a first model is learned
    from a random sample of them, compared in full. Every other pair is then
    screened: a pair whose best possible weight, given what the cheap
    comparisons already show, is well below the threshold cannot be suggested,
    so its names and address are never compared. The model is learned again
    from all that was compared in full, the shortlist as it is and the sample
    outside it weighted up to stand for every pair outside it, and that model
    scores the shortlist: nearly all of the one-person pairs are in the
    shortlist, so their levels are counted rather than sampled.
    """
    candidates = candidate_pairs(prepared, link_only=link_only)
    if len(candidates.left) == 0:
        return MatchResult(pairs=[], blocking=candidates.report, model=None)
    tables = ComparisonTables(prepared)
    left, right = candidates.left, candidates.right
    sample = training_sample(len(left))
    compared = compare(prepared, left[sample], right[sample], tables=tables)
    model = train(prepared, compared.levels, link_only=link_only, tables=tables)
    if len(sample) < len(left):
        least = _threshold_weight(threshold) - SHORTLIST_MARGIN
        chosen = shortlist(prepared, candidates, model, least)
        outside = ~np.isin(sample, chosen, assume_unique=True)
        sampled_levels = compared.levels[outside]
        compared = compare(prepared, left[chosen], right[chosen], tables=tables)
        stands_for = (len(left) - len(chosen)) / max(int(outside.sum()), 1)
        weights = np.r_[np.ones(len(chosen)), np.full(len(sampled_levels), stands_for)]
        levels = np.concatenate([compared.levels, sampled_levels])
        model = train(prepared, levels, link_only=link_only, tables=tables, weights=weights)
        sample = chosen
    pairs = _suggestions(prepared, left[sample], right[sample], compared, model, threshold)
    return MatchResult(pairs=pairs, blocking=candidates.report, model=model)


def _threshold_weight(threshold: float) -> float:
    """The match weight (log2 odds) of match probability ``threshold``."""
    return float(np.log2(threshold / (1.0 - threshold))) if threshold < 1.0 else np.inf


def training_sample(pairs: int) -> IntArray:
    """Positions of the candidate pairs EM learns from: all, or a seeded sample."""
    if pairs <= TRAINING_PAIRS:
        return np.arange(pairs)
    rng = np.random.default_rng(SEED)
    return np.sort(rng.choice(pairs, TRAINING_PAIRS, replace=False))


def shortlist(
    prepared: PreparedRecords, candidates: CandidatePairs, model: MatchModel, least: float
) -> IntArray:
    """Positions of the candidate pairs whose match weight could reach ``least``.

    Two screens, each giving the model's best possible weight: a rough one of
    equal codes over every pair, then ``screen`` (dates of birth digit by
    digit, external ids by edits) over the pairs the first lets through.
    """
    least -= 1e-6  # the bound is a sum in another order: no rounding may drop a pair
    rough = RoughScreen(prepared)

    def chunk(start: int) -> IntArray:
        end = start + SCREEN_CHUNK_PAIRS
        left, right = candidates.left[start:end], candidates.right[start:end]
        passed = np.flatnonzero(model.weight_bound(rough.levels(left, right)) >= least)
        levels = screen(prepared, left[passed], right[passed])
        return start + passed[model.weight_bound(levels) >= least]

    # numpy lets go of the GIL while it gathers and compares, so chunks screen
    # side by side on every core; map keeps them in order.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        kept = list(pool.map(chunk, range(0, len(candidates.left), SCREEN_CHUNK_PAIRS)))
    return np.concatenate([np.empty(0, dtype=np.int64), *kept])


def train(
    prepared: PreparedRecords,
    levels: IntArray,
    *,
    link_only: bool,
    tables: ComparisonTables | None = None,
    weights: FloatArray | None = None,
) -> MatchModel:
    """Learn the model from the candidate pairs' levels, starting u from random pairs.

    ``weights``: how many candidate pairs each row of ``levels`` stands for.
    """
    sizes = [len(spec.levels) for spec in COMPARISONS]
    left, right = random_pairs(prepared, link_only=link_only)
    chance = level_frequencies(compare(prepared, left, right, tables=tables).levels, sizes)
    personal = [spec.personal for spec in COMPARISONS]
    return fit(levels, u=chance, personal=personal, weights=weights)


def random_pairs(prepared: PreparedRecords, *, link_only: bool) -> tuple[IntArray, IntArray]:
    """A seeded sample of pairs of distinct records, drawn uniformly."""
    rng = np.random.default_rng(SEED)
    if link_only:
        side_a = np.flatnonzero(prepared.source == 0)
        side_b = np.flatnonzero(prepared.source != 0)
        return rng.choice(side_a, RANDOM_PAIRS), rng.choice(side_b, RANDOM_PAIRS)
    n = max(len(prepared), 2)
    left = rng.integers(0, n, RANDOM_PAIRS)
    return left, (left + rng.integers(1, n, RANDOM_PAIRS)) % n


def _suggestions(
    prepared: PreparedRecords,
    left: IntArray,
    right: IntArray,
    compared: ComparedPairs,
    model: MatchModel,
    threshold: float,
) -> list[ScoredPair]:
    """Pairs at or above the threshold, strongest first, with their reasons."""
    weights = model.match_weights(compared.levels)
    probabilities = match_probability(weights)
    chosen = np.flatnonzero(probabilities >= threshold)
    left, right = left[chosen], right[chosen]
    order = np.lexsort((right, left, -weights[chosen]))
    chosen, left, right = chosen[order], left[order], right[order]
    evidence = model.bayes_factors(compared.levels[chosen])
    return [
        ScoredPair(
            left_id=prepared.ids[a],
            right_id=prepared.ids[b],
            match_probability=float(probabilities[k]),
            match_weight=float(weights[k]),
            reasons=explain(
                prepared,
                int(a),
                int(b),
                levels=compared.levels[k],
                names_swapped=bool(compared.names_swapped[k]),
                evidence=factors,
            ),
        )
        for k, a, b, factors in zip(chosen, left, right, evidence, strict=True)
    ]
