"""Which nodes and edges a view shows: the ego neighbourhood of a node, papers joined by benchmarks."""

from __future__ import annotations

import networkx as nx

from kg.graph import SharedBenchmarks, find_entity
from kg.text import fold

MAX_SHARED_EDGES = 5000  # beyond this a pair view is a hairball; the strongest pairs are kept


def find_node(G: nx.MultiDiGraph, name: str) -> str | None:
    """The node a reader means by ``name``: an id, a method/benchmark by any alias
    (``kg.graph.find_entity``), else a paper by title or a link by URL, equal under ``fold``.

    Several matches go to the most connected one.
    """
    if name in G:
        return name
    matches = find_entity(G, name)
    if not matches:
        key = fold(name)
        matches = [
            node
            for node, attrs in G.nodes(data=True)
            if key and any(fold(str(attrs[f])) == key for f in ("title", "url") if attrs.get(f))
        ]
    return max(matches, key=lambda n: (G.degree(n), str(n))) if matches else None


def ego_subgraph(G: nx.MultiDiGraph, center: str, depth: int = 2) -> nx.MultiDiGraph:
    """Everything within ``depth`` hops of ``center``, whichever way the edges point."""
    if depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth}")
    return nx.ego_graph(G, center, radius=depth, undirected=True).copy()


def shared_benchmark_graph(
    G: nx.MultiDiGraph, min_shared: int = 1, max_edges: int = MAX_SHARED_EDGES
) -> nx.Graph:
    """Papers joined by an edge when they share ``min_shared`` or more benchmarks
    (the pairs of ``kg.graph.shared_benchmark_pairs``).

    Edge attributes: ``weight`` (how many shared) and ``shared`` (their names). When more
    than ``max_edges`` pairs qualify, the pairs sharing most are kept, and only those are
    named; the graph's ``pairs_total`` attribute tells how many there were.
    """
    shared = SharedBenchmarks(G)
    pairs = shared.counts(min_shared)
    H = nx.Graph(pairs_total=len(pairs), min_shared=min_shared)
    for a, b, n in pairs[:max_edges]:
        for paper in (a, b):
            if paper not in H:
                H.add_node(paper, **G.nodes[paper])
        H.add_edge(a, b, weight=n, shared=shared.names(a, b))
    return H
