"""The match model learned once and kept as data, for comparing one person with a few.

`everthread dedupe` learns its model afresh from the whole base on every run.
recognise() compares what a channel knows about one person with a few dozen
customers while a colleague waits, so it reads a model learned beforehand by
the same engine (``everthread match_weights``) and stored beside this module
as JSON. Until one has been learned, or when the comparisons have changed
since, it falls back to the engine's own starting point for EM.

The stored model differs from the engine's fit in one way. EM re-estimates how
often unrelated people agree from the candidate pairs, which blocking chose
because they already share a name, a date of birth or an address; agreement on
one of those alone is then common among strangers, and a clue that gives only
a name would never look like anyone. recognise() keeps the learned m (one
person) and household h, and takes u from pairs drawn at random (the engine's
starting point for EM): a clue's fields are compared as evidence against
anyone at all, and fields the clue does not give count for nothing.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from everthread.customers.matching.blocking import candidate_pairs
from everthread.customers.matching.comparisons import COMPARISONS, compare
from everthread.customers.matching.engine import random_pairs, train
from everthread.customers.matching.model import (
    INITIAL_SHARES,
    MatchModel,
    Probabilities,
    agreeing,
    level_frequencies,
)
from everthread.customers.matching.records import CustomerRecord, prepare

WEIGHTS_FILE = Path(__file__).with_name("learned_weights.json")
_CLASSES = ("one person", "one household", "unrelated")


def weights_learn(records: Sequence[CustomerRecord]) -> MatchModel:
    """The engine's model fitted to ``records``, with u from random pairs (see above)."""
    prepared = prepare(records)
    pairs = candidate_pairs(prepared, link_only=False)
    fitted = train(prepared, compare(prepared, pairs.left, pairs.right).levels, link_only=False)
    left, right = random_pairs(prepared, link_only=False)
    chance = level_frequencies(compare(prepared, left, right).levels, _sizes())
    # A household shares no more of its personal fields than strangers do.
    household = tuple(
        u if spec.personal else h for u, h, spec in zip(chance, fitted.h, COMPARISONS, strict=True)
    )
    return MatchModel(m=fitted.m, h=household, u=chance, shares=fitted.shares)


def weights_write(model: MatchModel, *, learned_from: str, path: Path = WEIGHTS_FILE) -> None:
    """Keep ``model`` as JSON a person can read: P(level | class) per comparison."""
    document = {
        "learned_from": learned_from,
        "shares": dict(zip(_CLASSES, model.shares, strict=True)),
        "comparisons": [
            {
                "name": spec.name,
                "levels": list(spec.levels),
                **{
                    kind: [round(float(p), 8) for p in table[column]]
                    for kind, table in zip(_CLASSES, (model.m, model.h, model.u), strict=True)
                },
            }
            for column, spec in enumerate(COMPARISONS)
        ],
    }
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def weights_read(path: Path = WEIGHTS_FILE) -> MatchModel | None:
    """The model kept at ``path``, or None if there is none or it was learned for other
    comparisons (a level added or renamed since) and so cannot be applied."""
    if not path.exists():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    stored = document["comparisons"]
    if [(c["name"], c["levels"]) for c in stored] != [
        (spec.name, list(spec.levels)) for spec in COMPARISONS
    ]:
        return None
    m, h, u = (tuple(np.asarray(c[kind], dtype=np.float64) for c in stored) for kind in _CLASSES)
    shares = document["shares"]
    return MatchModel(
        m=m, h=h, u=u, shares=(shares[_CLASSES[0]], shares[_CLASSES[1]], shares[_CLASSES[2]])
    )


@functools.cache
def recognition_weights() -> MatchModel:
    """The learned model if there is one that fits, else the engine's starting point."""
    return weights_read() or starting_weights()


def starting_weights() -> MatchModel:
    """The guesses EM starts from: agreement likely for one person, rare for strangers."""
    sizes = _sizes()
    m = agreeing(sizes)
    u: Probabilities = tuple(column[::-1].copy() for column in m)
    h = tuple(
        u_k if spec.personal else m_k for u_k, m_k, spec in zip(u, m, COMPARISONS, strict=True)
    )
    return MatchModel(m=m, h=h, u=u, shares=INITIAL_SHARES)


def _sizes() -> list[int]:
    return [len(spec.levels) for spec in COMPARISONS]
