"""The paper x benchmark matrix: rows papers, columns benchmarks, a cell where a paper is evaluated on one.

Columns follow a reverse Cuthill-McKee ordering of the paper-benchmark graph
(``networkx.utils.reverse_cuthill_mckee_ordering``), which puts benchmarks used by the same
papers side by side; rows are sorted by the columns they fill, leftmost first, so the papers
on a benchmark form one run of rows and those sharing two sit next to each other within it.
Components come largest first. The page draws only the cells in sight, so the
matrix stays quick at thousands of rows and columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.graph.queries import benchmarks_of
from kg.views.facets import carries_confidence, facet_data
from kg.views.panels import panel_data
from kg.views.style import display_name


@dataclass
class MatrixData:
    """Everything the matrix page needs; cells refer to rows and columns by position."""

    rows: list[list]  # [paper id, name, benchmarks it has]
    columns: list[list]  # [benchmark id, name, papers on it]
    cells: list[list]  # [row, column, sentence, surface, confidence or None]
    panels: dict
    facets: dict
    confidence: bool

    @property
    def paper_count(self) -> int:
        return len(self.rows)

    @property
    def benchmark_count(self) -> int:
        return len(self.columns)


def _best_edge(G: nx.MultiDiGraph, paper: str, bench: str) -> dict:
    """The paper-benchmark edge with the highest confidence (EVALUATED_ON, or another relation)."""
    edges = list(G[paper][bench].values())
    return max(edges, key=lambda d: (d.get("type") == "EVALUATED_ON", float(d.get("confidence") or 0)))


def _evaluations(G: nx.MultiDiGraph, B: nx.Graph, papers: list[str]) -> nx.MultiDiGraph:
    return G.edge_subgraph((p, b, k) for p in papers for b in B[p] for k in G[p][b])


def cluster_order(B: nx.Graph) -> list[str]:
    """Nodes of the bipartite graph ``B`` ordered so linked nodes sit close: RCM per component,
    components largest first (ties by their first node's id, for a stable order)."""
    components = sorted(nx.connected_components(B), key=lambda c: (-len(c), min(map(str, c))))
    order: list[str] = []
    for component in components:
        sub = B.subgraph(component)
        order.extend(nx.utils.reverse_cuthill_mckee_ordering(sub))
    return order


def matrix_data(G: nx.MultiDiGraph) -> MatrixData:
    """The matrix of every paper evaluated on at least one benchmark."""
    B = nx.Graph()
    for node, attrs in G.nodes(data=True):
        if attrs.get("label") == "Paper":
            B.add_edges_from((node, bench) for bench in benchmarks_of(G, node))
    order = cluster_order(B)
    benches = [n for n in order if G.nodes[n].get("label") == "Benchmark"]
    column = {b: i for i, b in enumerate(benches)}
    # rows by the columns they fill, leftmost first: each column's papers start as one run
    papers = sorted(
        (n for n in order if G.nodes[n].get("label") == "Paper"),
        key=lambda p: (sorted(column[b] for b in B[p]), p),
    )
    cells = []
    for r, paper in enumerate(papers):
        for bench in sorted(B[paper], key=column.__getitem__):
            data = _best_edge(G, paper, bench)
            evidence = [data.get("sentence") or "", data.get("surface") or "", data.get("confidence")]
            cells.append([r, column[bench], *evidence])
    return MatrixData(
        rows=[[p, display_name(p, G.nodes[p]), B.degree(p)] for p in papers],
        columns=[[b, display_name(b, G.nodes[b]), B.degree(b)] for b in benches],
        cells=cells,
        panels=panel_data(G, [*papers, *benches]),
        facets=facet_data(G, papers),
        confidence=carries_confidence(_evaluations(G, B, papers)),
    )
