"""Questions asked of a kg graph, networkx-style: pure functions taking the graph first."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

from kg.resolve.keys import surface_key
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


def papers_sharing_benchmarks(graph: nx.MultiDiGraph, paper_id: str) -> list[tuple[str, list[str]]]:
    """Other papers with at least one benchmark in common: (paper id, sorted shared benchmark names).

    Most shared first; ties by paper id.
    """
    mine = benchmarks_of(graph, paper_id)
    shared: dict[str, set[str]] = {}
    for bench in mine:
        for other in _papers_using(graph, bench) - {paper_id}:
            shared.setdefault(other, set()).add(bench)
    ranked = sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [(other, _names(graph, benches)) for other, benches in ranked]


def shared_benchmark_pairs(graph: nx.MultiDiGraph, k: int = 1) -> list[tuple[str, str, list[str]]]:
    """Every paper pair (a < b) sharing at least ``k`` benchmarks, with the shared names; most first."""
    shared: dict[tuple[str, str], set[str]] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") != "Benchmark":
            continue
        for a, b in combinations(sorted(_papers_using(graph, node)), 2):
            shared.setdefault((a, b), set()).add(node)
    pairs = [(a, b, benches) for (a, b), benches in shared.items() if len(benches) >= k]
    pairs.sort(key=lambda p: (-len(p[2]), p[0], p[1]))
    return [(a, b, _names(graph, benches)) for a, b, benches in pairs]


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

    Also found by a size or resolution variant never seen in the text ("ViT-H/14" finds ViT).
    """
    key = fold(alias)
    found = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") not in ("Method", "Benchmark"):
            continue
        names = [attrs.get("name") or "", attrs.get("long_form") or "", *(attrs.get("aliases") or [])]
        keys = {key, surface_key(alias, attrs["label"].lower())}
        if any(fold(n) in keys for n in names if n):
            found.append(node)
    return sorted(found)
