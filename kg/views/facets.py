"""What a view's filters choose from: each paper's benchmarks and methods, read from the full graph.

A view may not draw a paper's methods (the shared-benchmarks view draws none), so the
filters cannot read them off the drawn edges. Each benchmark and method is listed once
with its name and paper count; papers refer to them by position.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.views.style import display_name

FACET_LABELS = {"benchmark": "Benchmark", "method": "Method"}


def facet_data(G: nx.MultiDiGraph, papers: Iterable[str]) -> dict:
    """{"benchmark": [[id, name, papers]], "method": [...], "of": {paper: [[bench i], [method i]]}}."""
    members: dict[str, dict[str, set[str]]] = {facet: {} for facet in FACET_LABELS}
    by_label = {label: facet for facet, label in FACET_LABELS.items()}
    papers = list(papers)
    for paper in papers:
        for target in G.successors(paper):
            facet = by_label.get(G.nodes[target].get("label"))
            if facet:
                members[facet].setdefault(target, set()).add(paper)
    out: dict = {}
    position: dict[str, dict[str, int]] = {}
    for facet, items in members.items():
        ranked = sorted(items, key=lambda n: (-len(items[n]), display_name(n, G.nodes[n]).lower(), n))
        out[facet] = [[n, display_name(n, G.nodes[n]), len(items[n])] for n in ranked]
        position[facet] = {n: i for i, n in enumerate(ranked)}
    out["of"] = {
        paper: [
            sorted(position[facet][n] for n in G.successors(paper) if n in position[facet])
            for facet in FACET_LABELS
        ]
        for paper in papers
    }
    return out


def carries_confidence(G: nx.Graph) -> bool:
    """Whether any edge or node has a ``confidence``: else the view shows no confidence control."""
    return any(d.get("confidence") is not None for *_, d in G.edges(data=True)) or any(
        a.get("confidence") is not None for _, a in G.nodes(data=True)
    )
