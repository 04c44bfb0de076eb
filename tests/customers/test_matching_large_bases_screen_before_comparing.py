"""A large base is learned from a sample of its candidate pairs and the rest
are screened with cheap comparisons first; that never costs a suggestion the
model would have made, and finds the planted duplicates as well as before."""

from __future__ import annotations

import numpy as np
import pytest

from everthread.customers.matching import engine, find_duplicates
from everthread.customers.matching.blocking import candidate_pairs
from everthread.customers.matching.comparisons import compare
from everthread.customers.matching.records import prepare
from everthread.customers.matching.synthetic import synthetic_base


def test_the_screen_keeps_every_pair_the_model_could_suggest() -> None:
    prepared = prepare(synthetic_base(3000, seed=71).records)
    candidates = candidate_pairs(prepared)
    levels = compare(prepared, candidates.left, candidates.right).levels
    model = engine.train(prepared, levels, link_only=False)
    weights = model.match_weights(levels)

    for least in (0.0, -6.0):
        kept = engine.shortlist(prepared, candidates, model, least)

        assert set(np.flatnonzero(weights >= least)) <= set(kept.tolist())
    assert len(kept) < len(candidates.left) / 5  # the screen does screen


def test_a_sample_of_pairs_finds_the_planted_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    base = synthetic_base(3000, seed=72)
    monkeypatch.setattr(engine, "TRAINING_PAIRS", 5000)  # far fewer than the candidates

    result = find_duplicates(base.records)

    assert result.blocking.pairs_compared > 5 * engine.TRAINING_PAIRS
    found = {frozenset((str(p.left_id), str(p.right_id))) for p in result.pairs}
    truth = {frozenset(pair) for pair in base.duplicates}
    households = {frozenset(pair) for pair in base.households}
    assert len(found & truth) >= 0.99 * len(truth)
    assert len(found - truth) <= 0.01 * len(truth)
    assert not found & households
