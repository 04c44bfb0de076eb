"""Each benchmark owns one section of BENCHMARKS.md and rewrites only that section."""

from __future__ import annotations

import datetime
import os
import platform
import re
import statistics
from pathlib import Path

# Where figures go: the repository's BENCHMARKS.md and bench/results/, unless the suite is
# run only to prove the benchmarks still work (`make bench SCALE=ci` points both elsewhere).
BENCHMARKS_MD = Path(
    os.environ.get("BENCHMARKS_MD") or Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
)
RESULTS_DIR = Path(
    os.environ.get("BENCHMARKS_RESULTS") or Path(__file__).resolve().parent / "results"
)
HEADER = """# Benchmarks

Figures measured by the scripts in `bench/`; each script rewrites only its own
section. Medians and ratios against a baseline measured in the same run; the
absolute times depend on the machine, the ratios much less.
"""


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.machine()}, {cpus} cores, Python {platform.python_version()}"


def section_write(name: str, body: str) -> None:
    """Replace (or add) the section called ``name`` with ``body`` and today's date."""
    text = BENCHMARKS_MD.read_text() if BENCHMARKS_MD.exists() else HEADER
    stamp = f"_Measured {datetime.date.today().isoformat()} on {machine()}._"
    block = f"<!-- {name}:start -->\n{body.strip()}\n\n{stamp}\n<!-- {name}:end -->"
    pattern = re.compile(
        rf"<!-- {re.escape(name)}:start -->.*?<!-- {re.escape(name)}:end -->", re.S
    )
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else f"{text.rstrip()}\n\n{block}\n"
    )
    BENCHMARKS_MD.write_text(text)


def percentiles(samples: list[float]) -> dict[str, float]:
    """The median, p95 and p99 of timings, as every section reports them."""
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {"p50": statistics.median(ordered), "p95": at(0.95), "p99": at(0.99)}
