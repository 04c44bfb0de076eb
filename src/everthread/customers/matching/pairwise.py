"""One record against a few others, scored and explained the way dedupe scores pairs.

recognise() asks "which of these customers is the person a channel describes?";
`everthread dedupe` asks "which of these pairs are one person?". Both answer
with the same comparisons, the same kind of learned model and the same reasons
in words, so a colleague reads "same surname and date of birth, postcode
differs by one character" in both places and it means the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from everthread.customers.matching.comparisons import compare
from everthread.customers.matching.model import MatchModel, match_probability
from everthread.customers.matching.reasons import explain
from everthread.customers.matching.records import CustomerRecord, prepare


@dataclass(frozen=True, slots=True)
class Likeness:
    """How likely ``other`` is the same person as the record compared with it, and why."""

    other: CustomerRecord
    match_probability: float
    match_weight: float
    reasons: tuple[str, ...]
    names_swapped: bool


def likenesses(
    record: CustomerRecord, others: Sequence[CustomerRecord], *, model: MatchModel
) -> list[Likeness]:
    """``record`` compared with each of ``others``, in the order given.

    Fields missing on either side are no evidence either way, so a record that
    gives only a name is judged on the name alone.
    """
    if not others:
        return []
    prepared = prepare([record, *others])
    right = np.arange(1, len(others) + 1, dtype=np.int64)
    compared = compare(prepared, np.zeros(len(others), dtype=np.int64), right)
    weights = model.match_weights(compared.levels)
    probabilities = match_probability(weights)
    evidence = model.bayes_factors(compared.levels)
    return [
        Likeness(
            other=other,
            match_probability=float(probabilities[k]),
            match_weight=float(weights[k]),
            reasons=explain(
                prepared,
                0,
                k + 1,
                levels=compared.levels[k],
                names_swapped=bool(compared.names_swapped[k]),
                evidence=evidence[k],
            ),
            names_swapped=bool(compared.names_swapped[k]),
        )
        for k, other in enumerate(others)
    ]
