"""Turn a (sub)graph into the data a view page draws, with pyvis as the node/edge builder.

pyvis checks ``n_id in node_ids`` (a list) on every ``add_node`` and ``add_edge``,
O(n) each; a list with a set beside it makes building a 10k-node view linear.
Undirected pyvis networks also rescan every edge on each ``add_edge``, so views are
always built directed and switch arrows off where direction means nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx
from pyvis.network import Network

from kg.text import fold
from kg.views.facets import carries_confidence, facet_data
from kg.views.geometry import footprint
from kg.views.layout import layout
from kg.views.panels import panel_data
from kg.views.select import unshared_papers
from kg.views.style import (
    BASE_FONT,
    FONT_FACE,
    LABEL_STYLES,
    RELATION_COLORS,
    display_name,
    font_size,
    node_label,
    node_size,
    style_for,
)
from kg.views.tooltips import edge_tooltip, node_tooltip

LARGE_GRAPH = 2000  # from here on, hide edges while dragging/zooming and drop arrows


class _IdList(list):
    """pyvis's ``node_ids`` list, with O(1) membership."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item) -> bool:
        return item in self._members


@dataclass
class ViewData:
    """Everything one page needs: vis nodes/edges, tooltips, search index, legend, options."""

    nodes: list[dict]
    edges: list[dict]
    node_tips: dict[str, str]
    edge_tips: list[str]
    search: list[tuple[str, str, str]]  # (folded name/alias/title, node id, shown name), best first
    legend: list[dict]
    options: dict = field(default_factory=dict)
    hint: str = ""  # what node size and edge width mean in this view
    edge_legend: list[dict] = field(default_factory=list)  # colour and relation of each edge kind drawn
    panels: dict = field(default_factory=dict)  # kg.views.panels.panel_data: what a click shows
    facets: dict = field(default_factory=dict)  # kg.views.facets.facet_data: what the filters choose from
    aside: list[tuple[str, str]] = field(default_factory=list)  # (id, name) listed beside the graph
    aside_title: str = ""
    confidence: bool = False  # whether nodes or edges carry a confidence to filter on

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    @property
    def edge_count(self) -> int:
        return len(self.edges)


def _network() -> Network:
    net = Network(directed=True, cdn_resources="remote")
    net.node_ids = _IdList()
    return net


def _drop_arrows(net: Network) -> list[dict]:
    """pyvis puts ``arrows: "to"`` on every directed edge; the view's options decide instead."""
    for edge in net.edges:
        edge.pop("arrows", None)
    return net.edges


def vis_options(n_nodes: int, arrows: bool = True) -> dict:
    """Frozen physics and precomputed positions: the page draws once and is interactive at once."""
    large = n_nodes >= LARGE_GRAPH
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"face": FONT_FACE, "size": BASE_FONT, "strokeWidth": 3, "strokeColor": "#ffffff"},
            # labels under 6 px on screen are not drawn (vis skips those under drawThreshold - 1);
            # the layout keeps room for every label, so drawing small ones clutters nothing
            "scaling": {"label": {"drawThreshold": 7}},
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "color": {"opacity": 0.6},
            "arrows": {"to": {"enabled": arrows and not large, "scaleFactor": 0.5}},
        },
    }


def _legend(labels: Counter) -> list[dict]:
    order = [*LABEL_STYLES, *sorted(set(labels) - set(LABEL_STYLES))]
    entries = []
    for label in order:
        if labels[label]:
            style = style_for(label)
            entries.append(
                {"label": label, "count": labels[label], "color": style.color, "symbol": style.symbol}
            )
    return entries


def _search_index(G: nx.Graph, degree: dict) -> list[tuple[str, str, str]]:
    ranked = sorted(G.nodes, key=lambda n: (G.nodes[n].get("label") == "Paper", -degree[n], str(n)))
    index: list[tuple[str, str, str]] = []
    for node in ranked:
        attrs = G.nodes[node]
        names = [attrs.get("name"), attrs.get("title"), attrs.get("url"), *(attrs.get("aliases") or [])]
        shown = display_name(node, attrs)
        for key in dict.fromkeys(fold(str(n)) for n in names if n):
            if key:
                index.append((key, node, shown))
    return index


def _add_nodes(net: Network, G: nx.Graph, source: nx.MultiDiGraph, seed: int) -> dict[str, str]:
    """Nodes with their labels, styles and frozen positions; returns the tooltips by node id."""
    degree = dict(G.degree())
    top = max(degree.values(), default=0)
    looks = {}
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("label", "")
        text = node_label(display_name(node, attrs), kind)
        looks[node] = (kind, text, node_size(degree[node], top), font_size(degree[node], top, len(degree)))
    footprints = {node: footprint(text, size, font) for node, (_, text, size, font) in looks.items()}
    positions = layout(G, seed=seed, footprints=footprints)
    tips = {}
    for node, (kind, text, size, font) in looks.items():
        style = style_for(kind)
        x, y = positions[node]
        extra = {"font": {"size": font}} if font != BASE_FONT else {}  # per-node options cost vis time
        if G.nodes[node].get("confidence") is not None:
            extra["conf"] = float(G.nodes[node]["confidence"])
        net.add_node(
            node, label=text, shape=style.shape, color=style.color, size=size, x=x, y=y, kind=kind, **extra
        )
        tips[node] = node_tooltip(source, node) if node in source else ""
    return tips


def _edge_legend(kinds: Counter) -> list[dict]:
    return [
        {"label": rel.replace("_", " ").lower(), "count": kinds[rel], "color": color}
        for rel, color in RELATION_COLORS.items()
        if kinds[rel]
    ]


def _view_data(
    net: Network,
    G: nx.Graph,
    source: nx.MultiDiGraph,
    node_tips: dict,
    edge_tips: list[str],
    arrows: bool,
    hint: str,
    aside: list[str] = (),
) -> ViewData:
    labels = Counter(G.nodes[n].get("label", "") for n in G)
    kinds = Counter(str(d.get("type") or k) for *_, k, d in G.edges(keys=True, data=True))
    papers = [n for n in (*G, *aside) if source.nodes[n].get("label") == "Paper"]
    return ViewData(
        nodes=net.nodes,
        edges=_drop_arrows(net),
        node_tips=node_tips,
        edge_tips=edge_tips,
        search=_search_index(G, dict(G.degree())),
        legend=_legend(labels),
        options=vis_options(G.number_of_nodes(), arrows=arrows),
        hint=hint,
        edge_legend=_edge_legend(kinds),
        panels=panel_data(source, [*G, *aside]),
        facets=facet_data(source, papers),
        aside=[(n, display_name(n, source.nodes[n])) for n in aside],
        confidence=carries_confidence(G),
    )


def _confidence(values: list) -> float | None:
    known = [float(v) for v in values if v is not None]
    return max(known) if known else None


def graph_view_data(
    G: nx.MultiDiGraph,
    source: nx.MultiDiGraph | None = None,
    seed: int = 0,
    hint: str = "size = number of links",
    aside_title: str = "Not linked to anything here",
) -> ViewData:
    """View data for a part of the knowledge graph: one vis edge per linked pair, relations in its tooltip.

    ``source`` is the full graph, read for tooltips and panels (a paper's links, the papers
    sharing its benchmarks). Nodes with no edge in ``G`` are not drawn: they are listed aside.
    """
    source = G if source is None else source
    alone = sorted((n for n in G if G.degree(n) == 0), key=lambda n: display_name(n, G.nodes[n]).lower())
    drawn = G.subgraph(n for n in G if G.degree(n) > 0) if alone else G
    net = _network()
    node_tips = _add_nodes(net, drawn, source, seed)
    by_pair: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for u, v, key, data in drawn.edges(keys=True, data=True):
        by_pair[(u, v)].append((str(data.get("type") or key), data))
    edge_tips = []
    for i, ((u, v), relations) in enumerate(by_pair.items()):
        kinds = [rel for rel, _ in relations]
        main = "PROPOSES" if "PROPOSES" in kinds else kinds[0]
        confidence = _confidence([data.get("confidence") for _, data in relations])
        extra = {"conf": confidence} if confidence is not None else {}
        net.add_edge(
            u,
            v,
            id=i,
            color=RELATION_COLORS.get(main, "#bab0ac"),
            width=2 if main == "PROPOSES" else 1,
            **extra,
        )
        edge_tips.append(edge_tooltip(relations))
    data = _view_data(net, drawn, source, node_tips, edge_tips, arrows=True, hint=hint, aside=alone)
    data.aside_title = aside_title if alone else ""
    return data


def shared_view_data(H: nx.MultiDiGraph, source: nx.MultiDiGraph, seed: int = 0) -> ViewData:
    """The shared-benchmarks view (``select.shared_benchmark_subgraph``): papers around the benchmarks
    they share, papers whose benchmarks nobody else uses listed aside."""
    data = graph_view_data(H, source, seed=seed, hint="size = papers or benchmarks linked")
    alone = unshared_papers(source, H)
    data.aside = [(n, display_name(n, source.nodes[n])) for n in alone]
    data.aside_title = "Evaluated on benchmarks no other paper uses" if alone else ""
    extra = panel_data(source, alone)
    for key in ("panels", "cards", "names"):
        data.panels[key].update(extra[key])
    return data
