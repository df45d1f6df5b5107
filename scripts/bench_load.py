"""Benchmark the embedded store: load rate (rows/s) and library query latency next to networkx.

    .venv/bin/python scripts/bench_load.py                # 10k and 100k relationships
    .venv/bin/python scripts/bench_load.py --sizes 10000 --no-index-check

Rows = nodes + relationships sent in UNWIND batches (the same statements ``kg load`` sends).
Target: >= 30k rows/s with indexes. The query table shows the median of ``--repeat`` runs of
each library query on the embedded store and the time networkx takes to answer the same
question on the same graph. Synthetic graphs come from tests/store_fixtures.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import store_fixtures as fx  # noqa: E402

from kg.graph import benchmark_popularity, find_entity, papers_sharing_benchmarks, shared_benchmark_pairs  # noqa: E402
from kg.stores.cypher_library import load_library  # noqa: E402
from kg.stores.falkor_store import EmbeddedStore  # noqa: E402
from kg.stores.load_plan import graph_rows, load_steps  # noqa: E402


def timed(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_load(relationships: int, batch_size: int) -> dict[str, float]:
    """A fresh store: first load (all created) and reload (all matched)."""
    graph = fx.graph_with_rows(relationships)
    rows = graph_rows(graph).row_count
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(tmp) as store:
        first = store.load(graph, batch_size=batch_size)
        again = store.load(graph, batch_size=batch_size)
    return {
        "relationships": graph.number_of_edges(),
        "rows": rows,
        "load_rows_per_s": first.rows_per_second,
        "reload_rows_per_s": again.rows_per_second,
    }


def bench_no_index(relationships: int, batch_size: int) -> float:
    """The same MERGE statements without the id indexes (why the schema goes in first)."""
    graph = fx.graph_with_rows(relationships)
    steps = list(load_steps(graph_rows(graph), batch_size))
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(tmp) as store:
        started = time.perf_counter()
        for step in steps:
            store.query(step.statement, {"rows": step.rows})
        seconds = time.perf_counter() - started
    return sum(len(s.rows) for s in steps) / seconds


def bench_queries(graph: Any, repeat: int) -> list[tuple[str, float, float]]:
    library = load_library()
    paper = next(n for n, a in graph.nodes(data=True) if a["label"] == "Paper")
    bench = next(a["name"] for _, a in graph.nodes(data=True) if a["label"] == "Benchmark")
    cases: dict[str, tuple[dict[str, Any], Callable[[], Any]]] = {
        "papers_sharing_benchmarks": ({"paper_id": paper}, lambda: papers_sharing_benchmarks(graph, paper)),
        "shared_benchmark_pairs": ({"k": 3}, lambda: shared_benchmark_pairs(graph, 3)),
        "benchmark_popularity": ({}, lambda: benchmark_popularity(graph)),
        "benchmark_methods": ({"benchmark": bench}, lambda: fx.nx_benchmark_methods(graph, bench)),
        "method_lineage": ({}, lambda: fx.nx_method_lineage(graph)),
        "papers_with_code": ({}, lambda: fx.nx_papers_with_code(graph)),
        "find_entity": ({"alias": "method-7"}, lambda: find_entity(graph, "method-7")),
    }
    out = []
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(tmp) as store:
        store.load(graph, batch_size=5000)
        for name, query in library.queries.items():
            params, nx_answer = cases[name]
            store_s = timed(lambda q=query, p=params: store.query(q.text, p, read_only=True), repeat)
            out.append((name, store_s, timed(nx_answer, repeat)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], metavar="RELS")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median reported)")
    parser.add_argument(
        "--query-size", type=int, default=10_000, metavar="RELS",
        help="graph size for query latency (all-pairs queries grow with the square of papers per benchmark)",
    )  # fmt: skip
    parser.add_argument("--no-index-check", action="store_true", help="skip the slow load without indexes")
    args = parser.parse_args(argv)

    print(f"{'relationships':>13} {'rows':>8} {'load rows/s':>12} {'reload rows/s':>14}")
    for size in args.sizes:
        row = bench_load(size, args.batch_size)
        print(f"{row['relationships']:>13,} {row['rows']:>8,} {row['load_rows_per_s']:>12,.0f} "
              f"{row['reload_rows_per_s']:>14,.0f}")  # fmt: skip
    if not args.no_index_check:
        rate = bench_no_index(args.sizes[0], args.batch_size)
        print(f"without id indexes ({args.sizes[0]:,} rels): {rate:,.0f} rows/s")
    graph = fx.graph_with_rows(args.query_size)
    print(f"\nlibrary queries on {graph.number_of_edges():,} relationships (median of {args.repeat} runs):")
    print(f"{'query':<28} {'embedded ms':>12} {'networkx ms':>12}")
    for name, store_s, nx_s in bench_queries(graph, args.repeat):
        print(f"{name:<28} {store_s * 1000:>12.1f} {nx_s * 1000:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
