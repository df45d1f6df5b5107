"""Questions asked of a kg graph, networkx-style: pure functions taking the graph first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import combinations

import networkx as nx

from kg.resolve.keys import surface_key
from kg.resolve.vocabulary import load_vocabulary
from kg.text import fold


def _label(graph: nx.MultiDiGraph, node: str) -> str | None:
    return graph.nodes[node].get("label")


def benchmarks_of(graph: nx.MultiDiGraph, paper_id: str) -> set[str]:
    """Benchmark ids a paper is evaluated on or proposes."""
    return {dst for dst in graph.successors(paper_id) if _label(graph, dst) == "Benchmark"}


def _papers_using(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return {src for src in graph.predecessors(node) if _label(graph, src) == "Paper"}


def _names(graph: nx.MultiDiGraph, ids: set[str]) -> list[str]:
    return sorted(graph.nodes[i].get("name") or i for i in ids)


def _ranked_sharers(
    paper_id: str, mine: Iterable[str], papers_of: Callable[[str], Iterable[str]]
) -> list[tuple[str, set[str]]]:
    """(other paper, shared benchmark ids) for each other paper using one of ``mine``; most first, then id."""
    shared: dict[str, set[str]] = {}
    for bench in mine:
        for other in papers_of(bench):
            if other != paper_id:
                shared.setdefault(other, set()).add(bench)
    return sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def papers_sharing_benchmarks(graph: nx.MultiDiGraph, paper_id: str) -> list[tuple[str, list[str]]]:
    """Other papers with at least one benchmark in common: (paper id, sorted shared benchmark names).

    Most shared first; ties by paper id.
    """
    ranked = _ranked_sharers(paper_id, benchmarks_of(graph, paper_id), lambda b: _papers_using(graph, b))
    return [(other, _names(graph, benches)) for other, benches in ranked]


class SharedBenchmarks:
    """Paper pairs joined by common benchmarks, counted first and named after.

    A benchmark used by 1,300 papers makes ~850k pairs: holding a set of names for each
    is what made this slow, so ``counts`` only counts and ``names`` names the pairs kept.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._papers: dict[str, list[str]] = {}  # benchmark -> sorted papers using it
        self._benchmarks: dict[str, set[str]] = {}  # paper -> benchmarks it uses
        self._name: dict[str, str] = {}
        for node, attrs in graph.nodes(data=True):
            if attrs.get("label") != "Benchmark":
                continue
            self._name[node] = attrs.get("name") or node
            self._papers[node] = sorted(_papers_using(graph, node))
            for paper in self._papers[node]:
                self._benchmarks.setdefault(paper, set()).add(node)

    def counts(self, k: int = 1) -> list[tuple[str, str, int]]:
        """(a, b, how many) for every pair a < b sharing at least ``k``; most first, then by ids."""
        counts: Counter[tuple[str, str]] = Counter()
        for papers in self._papers.values():
            counts.update(combinations(papers, 2))
        pairs = [(a, b, n) for (a, b), n in counts.items() if n >= k]
        pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
        return pairs

    def sharing(self, paper_id: str, limit: int | None = None) -> tuple[int, list[tuple[str, list[str]]]]:
        """How many papers share a benchmark with ``paper_id``, and the first ``limit`` of them as
        ``papers_sharing_benchmarks`` lists them (the same ranking; only those listed are named)."""
        ranked = _ranked_sharers(paper_id, self._benchmarks.get(paper_id, ()), self._papers.__getitem__)
        listed = ranked if limit is None else ranked[:limit]
        return len(ranked), [(other, sorted(self._name[b] for b in benches)) for other, benches in listed]

    def names(self, a: str, b: str) -> list[str]:
        """Sorted names of the benchmarks papers ``a`` and ``b`` both use."""
        return sorted(self._name[x] for x in self._benchmarks.get(a, set()) & self._benchmarks.get(b, set()))


def shared_benchmark_pairs(graph: nx.MultiDiGraph, k: int = 1) -> list[tuple[str, str, list[str]]]:
    """Every paper pair (a < b) sharing at least ``k`` benchmarks, with the shared names; most first."""
    shared = SharedBenchmarks(graph)
    return [(a, b, shared.names(a, b)) for a, b, _ in shared.counts(k)]


def _popularity(graph: nx.MultiDiGraph, label: str) -> list[tuple[str, str, int]]:
    counts = Counter(
        {
            node: len(_papers_using(graph, node))
            for node, a in graph.nodes(data=True)
            if a.get("label") == label
        }
    )
    return [
        (node, graph.nodes[node].get("name") or node, n)
        for node, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def benchmark_popularity(graph: nx.MultiDiGraph) -> list[tuple[str, str, int]]:
    """(benchmark id, name, number of papers) for every benchmark, most used first."""
    return _popularity(graph, "Benchmark")


def method_popularity(graph: nx.MultiDiGraph) -> list[tuple[str, str, int]]:
    """(method id, name, number of papers proposing or mentioning it), most used first."""
    return _popularity(graph, "Method")


def find_entity(graph: nx.MultiDiGraph, alias: str) -> list[str]:
    """Ids of methods/benchmarks with ``alias`` as name, alias or long form (folded); sorted.

    Also found by a size or resolution variant never seen in the text ("ViT-H/14" finds ViT),
    and by a vocabulary alias ("ILSVRC-2012" finds ImageNet even where no paper wrote it).
    """
    vocab = load_vocabulary()
    base = {fold(alias)}
    for kind in ("method", "benchmark"):
        entry = vocab.lookup(alias, kind)
        if entry is not None:
            base.add(fold(entry.name))
    found = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") not in ("Method", "Benchmark"):
            continue
        names = [attrs.get("name") or "", attrs.get("long_form") or "", *(attrs.get("aliases") or [])]
        keys = base | {surface_key(alias, attrs["label"].lower())}
        if any(fold(n) in keys for n in names if n):
            found.append(node)
    return sorted(found)
