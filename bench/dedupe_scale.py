"""Duplicate finding at scale: our engine against splink on a generated base.

The base comes from ``everthread.customers.matching.synthetic``: N distinct
customers (default 100,000), then ~10% planted duplicates (typos, nicknames,
swapped names, mistyped or missing dates of birth, moved house, phones written
nationally, email case and gmail variants, contact details dropped) and ~5%
household members, who share an address, a landline and usually an email with
someone without being that person. A household pair reported as a match is a
wrongly merged household.

Both systems get the same fields (names, date of birth, postcode, address
line, suburb, phone, email) as the records hold them, and a match threshold
fixed in advance: probability 0.5. Splink runs the same standard model as in
``dedupe_febrl.py`` (random-sample u, EM on two blocking rules), with phone and
email added to its comparisons and blocking rules. Neither sees the truth.

Each system runs once in a fresh child process, which reports the wall time,
the peak memory (peak RSS during the run, Linux VmHWM reset just before it,
minus the RSS just before it) and the scores. The base is generated once per
size and seed and cached in a pickle, outside any timing. Splink's pairs
compared are counted by its own blocking analysis after the timed run.

Usage: .venv/bin/python bench/dedupe_scale.py [--customers N] [--seed S]
       [--systems everthread,splink] [--benchmarks-md]
(--customers 1000000 is the full run.)
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import pickle
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import splink
import splink.comparison_library as cl
from benchmarks_md import RESULTS_DIR, section_write
from linkage_baseline import SPLINK_THRESHOLD, Pair, pair_key, scores, splink_predict, status_kb
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.blocking_analysis import count_comparisons_from_blocking_rules
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from everthread.customers.matching import MATCH_THRESHOLD, CustomerRecord, find_duplicates
from everthread.customers.matching.records import dob_key
from everthread.customers.matching.synthetic import SyntheticBase, synthetic_base

RESULTS = RESULTS_DIR / "dedupe_scale.json"
DUPLICATE_SHARE = 0.1
HOUSEHOLD_SHARE = 0.05


def _cache_path(customers: int, seed: int) -> Path:
    return Path(tempfile.gettempdir()) / f"everthread-dedupe-scale-{customers}-{seed}.pickle"


def base(customers: int, seed: int) -> SyntheticBase:
    """The generated base, from the cache when this size and seed were generated before."""
    path = _cache_path(customers, seed)
    if path.exists():
        with path.open("rb") as file:
            loaded: SyntheticBase = pickle.load(file)
        return loaded
    generated = synthetic_base(
        customers, duplicate_share=DUPLICATE_SHARE, household_share=HOUSEHOLD_SHARE, seed=seed
    )
    with path.open("wb") as file:
        pickle.dump(generated, file, protocol=pickle.HIGHEST_PROTOCOL)
    return generated


def splink_frame(records: list[CustomerRecord]) -> pd.DataFrame:
    """The records as splink's input table: one column per field, None where empty."""

    def first(values: tuple[str, ...]) -> str | None:
        return values[0] if values else None

    return pd.DataFrame(
        {
            "unique_id": [str(r.id) for r in records],
            "given_name": [r.given_name or None for r in records],
            "surname": [r.family_name or None for r in records],
            "date_of_birth": [dob_key(r.date_of_birth) or None for r in records],
            "postcode": [r.postcode or None for r in records],
            "address_1": [first(r.address_lines) for r in records],
            "suburb": [r.suburb or None for r in records],
            "phone": [first(r.phones) for r in records],
            "email": [first(r.emails) for r in records],
        }
    )


# What the system found, and the pairs it compared when the run itself reports them.
Found = tuple[frozenset[Pair], int | None]


def run_ours(records: list[CustomerRecord], _: pd.DataFrame | None) -> Found:
    result = find_duplicates(records)
    pairs = frozenset(pair_key(str(p.left_id), str(p.right_id)) for p in result.pairs)
    return pairs, result.blocking.pairs_compared


SPLINK_BLOCKING: list[BlockingRuleCreator | dict[str, Any]] = [
    block_on("given_name", "surname"),
    CustomRule("l.given_name = r.surname and l.surname = r.given_name"),
    block_on("surname", "postcode"),
    block_on("given_name", "postcode"),
    block_on("date_of_birth"),
    block_on("postcode", "address_1"),
    block_on("suburb", "address_1"),
    block_on("phone"),
    block_on("email"),
]


def _splink_settings() -> SettingsCreator:
    comparisons: list[ComparisonCreator | dict[str, Any]] = [
        cl.NameComparison("given_name"),
        cl.NameComparison("surname"),
        cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
        cl.LevenshteinAtThresholds("postcode", [1]),
        cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
        cl.JaroWinklerAtThresholds("suburb", [0.9, 0.7]),
        cl.ExactMatch("phone"),
        cl.EmailComparison("email"),
    ]
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=SPLINK_BLOCKING,
        comparisons=comparisons,
        retain_matching_columns=False,
    )


def run_splink(_: list[CustomerRecord], frame: pd.DataFrame | None) -> Found:
    """The standard splink 5 model of dedupe_febrl.py on these fields."""
    db_api = DuckDBAPI()
    table = db_api.register(frame)
    linker = Linker(table, _splink_settings(), log_level=logging.ERROR)
    found = splink_predict(linker)
    pairs = frozenset(
        pair_key(a, b) for a, b in zip(found["unique_id_l"], found["unique_id_r"], strict=True)
    )
    return pairs, None


def splink_pairs_compared(frame: pd.DataFrame) -> int:
    counts = count_comparisons_from_blocking_rules(
        DuckDBAPI().register(frame),
        blocking_rules=SPLINK_BLOCKING,
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        record_sample_proportion=1.0,
    )
    return int(counts[-1]["cumulative_comparison_count"])


SYSTEMS: dict[str, Callable[[list[CustomerRecord], pd.DataFrame | None], Found]] = {
    "everthread": run_ours,
    "splink": run_splink,
}


def _child(system: str, customers: int, seed: int) -> None:
    """One system, one run, in this fresh process: print its figures as JSON."""
    generated = base(customers, seed)
    frame = splink_frame(generated.records) if system == "splink" else None
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # restart the peak-RSS mark (Linux)
    before = status_kb("VmRSS")
    started, cpu_started = time.perf_counter(), time.process_time()
    found, pairs_compared = SYSTEMS[system](generated.records, frame)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # every thread of the process
    peak_mb = (status_kb("VmHWM") - before) / 1024
    truth = frozenset(pair_key(*pair) for pair in generated.duplicates)
    households = frozenset(pair_key(*pair) for pair in generated.households)
    if pairs_compared is None and frame is not None:
        pairs_compared = splink_pairs_compared(frame)
    figures = {
        **scores(found, truth),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_memory_mb": peak_mb,
        "pairs_compared": pairs_compared,
        "pairs_found": len(found),
        "true_pairs": len(truth),
        "households_merged": len(found & households),
        "household_pairs": len(households),
    }
    print(json.dumps(figures))


def measure(customers: int, seed: int, systems: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    generated = base(customers, seed)
    records = len(generated.records)
    print(f"base: {records:,} records ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    del generated
    results: dict[str, Any] = {"records": records, "systems": {}}
    for system in systems:
        # Other work shares the machine: how busy it was is part of the figure.
        load = os.getloadavg()[0]
        completed = subprocess.run(
            [sys.executable, __file__, "--child", system, str(customers), str(seed)],
            capture_output=True,
            text=True,
            check=True,
        )
        results["systems"][system] = {
            **json.loads(completed.stdout.strip().splitlines()[-1]),
            "load_average": load,
        }
        print(f"{system}: {results['systems'][system]}", file=sys.stderr)
    return results


def environment(customers: int, seed: int) -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "splink": splink.__version__,
        "threshold": {"everthread": MATCH_THRESHOLD, "splink": SPLINK_THRESHOLD},
        "customers": customers,
        "seed": seed,
        "duplicate_share": DUPLICATE_SHARE,
        "household_share": HOUSEHOLD_SHARE,
        "runs": 1,
    }


def markdown(runs: dict[str, Any]) -> str:
    lines = [
        "| customers | records | system | precision | recall | F1 | time (s) | CPU (s) "
        "| peak memory (MB) | pairs compared | households merged | load average at start |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for customers, run in sorted(runs.items(), key=lambda item: int(item[0])):
        for system, r in run["results"]["systems"].items():
            lines.append(
                f"| {int(customers):,} | {run['results']['records']:,} | {system} "
                f"| {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} "
                f"| {r['seconds']:.1f} | {_kept(r, 'cpu_seconds')} | {r['peak_memory_mb']:.0f} "
                f"| {r['pairs_compared']:,} "
                f"| {r['households_merged']} of {r['household_pairs']:,} "
                f"| {_kept(r, 'load_average')} |"
            )
    return "\n".join(lines)


def _kept(result: dict[str, Any], figure: str) -> str:
    """A figure that runs before it was kept lack: n/a."""
    return f"{result[figure]:.1f}" if figure in result else "n/a"


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--benchmarks-md", action="store_true")
    args = parser.parse_args()
    results = measure(args.customers, args.seed, args.systems.split(","))
    # One entry per base size, so the 100k and 1M runs sit side by side.
    runs: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    runs[str(args.customers)] = {
        "environment": environment(args.customers, args.seed),
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(runs, indent=2))
    table = markdown(runs)
    print(table)
    if args.benchmarks_md:
        section_write("dedupe-scale", f"{BENCHMARKS_MD_INTRO}\n\n{table}")


BENCHMARKS_MD_INTRO = """## Duplicate finding at scale (issue 4)

`bench/dedupe_scale.py`: a generated base (`matching.synthetic`: N customers, 10%
planted duplicates, 5% household members sharing an address, a landline and usually
an email), our engine and splink 5 (DuckDB) on the same fields in one run, match
threshold 0.5 fixed in advance for both. One run per system, each in a fresh process:
time is its wall time, peak memory its RSS growth. A household pair found as a match
is a wrongly merged household. The 2 cores are shared with other work: the load
average when each run began says how busy they were (2.0 is both cores taken), and
CPU is the run's own processor time over all its threads (splink's DuckDB uses both
cores; ours is mostly one)."""


if __name__ == "__main__":
    main()
