"""Which nodes and edges a view shows: the ego neighbourhood of a node, papers joined by benchmarks."""

from __future__ import annotations

import networkx as nx

from kg.graph import SharedBenchmarks, find_entity
from kg.graph.queries import benchmarks_of
from kg.text import fold
from kg.views.style import display_name


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


def shared_benchmark_subgraph(G: nx.MultiDiGraph, min_shared: int = 1) -> nx.MultiDiGraph:
    """Papers sharing ``min_shared`` or more benchmarks with another paper (the pairs of
    ``kg.graph.SharedBenchmarks``), the benchmarks two or more of them use, and the edges
    between the two: two papers share a benchmark exactly when both link to its node.

    Drawn this way a benchmark used by n papers is n edges, not n(n-1)/2. The graph's
    ``pairs_total`` attribute tells how many paper pairs share enough.
    """
    pairs = SharedBenchmarks(G).counts(min_shared)
    papers = {p for a, b, _ in pairs for p in (a, b)}
    users: dict[str, set[str]] = {}
    for paper in papers:
        for bench in benchmarks_of(G, paper):
            users.setdefault(bench, set()).add(paper)
    edges = [
        (paper, bench, key)
        for bench, using in users.items()
        if len(using) >= 2
        for paper in using
        for key in G[paper][bench]
    ]
    H = G.edge_subgraph(edges).copy()
    H.graph.update(pairs_total=len(pairs), min_shared=min_shared)
    return H


def unshared_papers(G: nx.MultiDiGraph, drawn: nx.Graph) -> list[str]:
    """Papers evaluated on some benchmark yet sharing none with any paper drawn: a side list."""
    return sorted(
        (
            n
            for n, a in G.nodes(data=True)
            if a.get("label") == "Paper" and n not in drawn and benchmarks_of(G, n)
        ),
        key=lambda n: display_name(n, G.nodes[n]).lower(),
    )
