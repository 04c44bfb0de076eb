"""What the two duplicate-finding benchmarks share: scoring pairs against the truth,
reading a process's memory, and training splink the same standard way."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from splink import Linker, block_on

SPLINK_THRESHOLD = 0.5  # chosen before any run, like ours
# Splink's prior comes from rules that are near-certain matches and a guess at
# their recall; 0.7 is a guess made before looking at any result.
SPLINK_DETERMINISTIC_RECALL = 0.7

Pair = tuple[str, str]


def pair_key(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def scores(found: frozenset[Pair], truth: frozenset[Pair]) -> dict[str, float]:
    true_positives = len(found & truth)
    precision = true_positives / len(found) if found else 0.0
    recall = true_positives / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if true_positives else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def status_kb(field: str) -> int:
    """A figure from /proc/self/status (VmRSS, VmHWM), in kB."""
    line = next(
        x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith(field)
    )
    return int(line.split()[1])


def splink_predict(linker: Linker) -> pd.DataFrame:
    """A standard splink 5 model: random-sample u, EM on two blocking rules, fixed threshold."""
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth"), block_on("surname", "address_1")],
        recall=SPLINK_DETERMINISTIC_RECALL,
    )
    training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    return linker.inference.predict(
        threshold_match_probability=SPLINK_THRESHOLD
    ).as_pandas_dataframe()
