"""The match score is learned from the data: agreement on a name or date of
birth counts for more among true duplicates than among strangers."""

from __future__ import annotations

from everthread.customers.matching import find_duplicates
from everthread.customers.matching.comparisons import COMPARISONS
from everthread.customers.matching.synthetic import synthetic_base


def test_em_learns_that_agreement_is_evidence_of_one_person() -> None:
    model = find_duplicates(synthetic_base(1000, seed=61).records).model
    assert model is not None

    for name in ("given name", "surname", "date of birth", "email"):
        column = next(k for k, spec in enumerate(COMPARISONS) if spec.name == name)
        same, different = -1, 0
        assert model.m[column][same] > model.u[column][same], name
        assert model.m[column][different] < model.u[column][different], name


def test_the_share_of_duplicates_is_estimated_not_assumed() -> None:
    sparse = find_duplicates(synthetic_base(1000, duplicate_share=0.02, seed=62).records)
    dense = find_duplicates(synthetic_base(1000, duplicate_share=0.2, seed=62).records)

    assert dense.model is not None
    assert sparse.model is not None
    assert dense.model.shares[0] > 3 * sparse.model.shares[0]
