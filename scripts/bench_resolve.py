"""Time global resolution over a distinct-alias table (``kg.resolve.alias_table.resolve_table``).

It runs single-threaded between the two passes of a streaming build, so at a million papers
its seconds count against the whole budget. The table is built from a spill file of
extractions (``kg.streaming.spill`` format) or, without one, from the bundled corpus.

    .venv/bin/python scripts/bench_resolve.py [SPILL] [--repeat N]

Compare two trees side by side with the same input, e.g. a copy of the old code first on
``PYTHONPATH``. The first run is reported apart: it fills the process-wide key caches that a
real build starts without.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from pathlib import Path

import kg
from kg.api import bundled_corpus, default_vocabulary
from kg.extract.parallel import extract_parallel
from kg.resolve.alias_table import AliasRow, resolve_table
from kg.sources import ReadReport, read_papers
from kg.streaming import AliasTable, unspill


def alias_rows(spill: Path | None) -> list[AliasRow]:
    table = AliasTable()
    extractions = (
        unspill(spill) if spill else extract_parallel(read_papers(bundled_corpus(), ReadReport()), 1)
    )
    for ex in extractions:
        table.add(ex)
    return list(table.rows.values())


def timed(rows: list[AliasRow], vocab: object) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU time is steadier on a shared machine)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    resolve_table(rows, vocab)
    return time.perf_counter() - wall, time.process_time() - cpu


def peak_mib(rows: list[AliasRow], vocab: object) -> float:
    """Peak Python allocation during one call (tracemalloc slows it, so it is not timed)."""
    gc.collect()
    tracemalloc.start()
    resolve_table(rows, vocab)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "spill", nargs="?", type=Path, help="spill file of extractions (default: bundled corpus)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the first (best is reported)")
    args = parser.parse_args()
    rows = alias_rows(args.spill)
    vocab = default_vocabulary()
    first = timed(rows, vocab)
    runs = [timed(rows, vocab) for _ in range(args.repeat)] or [first]
    print(f"kg: {Path(kg.__file__).parent}")
    print(f"input: {args.spill or 'bundled corpus'}")
    print(f"rows: {len(rows)}")
    for label, (wall, cpu) in (
        ("first run", first),
        (f"best of {len(runs)}", (min(w for w, _ in runs), min(c for _, c in runs))),
    ):
        print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU ({len(rows) / wall:,.0f} rows/s)")
    print(f"peak traced memory: {peak_mib(rows, vocab):.0f} MiB")


if __name__ == "__main__":
    main()
