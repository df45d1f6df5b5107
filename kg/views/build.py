"""Turn a (sub)graph into the data a view page draws, with pyvis as the node/edge builder.

pyvis checks ``n_id in node_ids`` (a list) on every ``add_node`` and ``add_edge``,
O(n) each; a list with a set beside it makes building a 10k-node view linear.
Undirected pyvis networks also rescan every edge on each ``add_edge``, so views are
always built directed and switch arrows off where direction means nothing.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx
from pyvis.network import Network

from kg.text import fold
from kg.views.layout import layout
from kg.views.style import (
    BASE_FONT,
    LABEL_STYLES,
    RELATION_COLORS,
    SHARED_EDGE_COLOR,
    display_name,
    font_size,
    node_size,
    short_label,
    style_for,
)
from kg.views.tooltips import edge_tooltip, node_tooltip, shared_tooltip

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
            "font": {"face": "sans-serif", "size": BASE_FONT, "strokeWidth": 3, "strokeColor": "#ffffff"},
            # labels smaller than this on screen are not drawn: only hubs are named when zoomed out
            "scaling": {"label": {"drawThreshold": 9}},
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


def _add_nodes(net: Network, G: nx.Graph, source: nx.MultiDiGraph, positions: dict) -> dict[str, str]:
    degree = dict(G.degree())
    top = max(degree.values(), default=0)
    tips = {}
    for node, attrs in G.nodes(data=True):
        label = attrs.get("label", "")
        style = style_for(label)
        x, y = positions[node]
        font = font_size(degree[node], top, len(degree))
        extra = {"font": {"size": font}} if font != BASE_FONT else {}  # per-node options cost vis time
        net.add_node(
            node,
            label=short_label(display_name(node, attrs), 28 if label == "Paper" else 32),
            shape=style.shape,
            color=style.color,
            size=node_size(degree[node], top),
            x=x,
            y=y,
            kind=label,
            **extra,
        )
        tips[node] = node_tooltip(source, node) if node in source else ""
    return tips


def _view_data(
    net: Network, G: nx.Graph, node_tips: dict, edge_tips: list[str], arrows: bool, hint: str
) -> ViewData:
    labels = Counter(G.nodes[n].get("label", "") for n in G)
    return ViewData(
        nodes=net.nodes,
        edges=_drop_arrows(net),
        node_tips=node_tips,
        edge_tips=edge_tips,
        search=_search_index(G, dict(G.degree())),
        legend=_legend(labels),
        options=vis_options(G.number_of_nodes(), arrows=arrows),
        hint=hint,
    )


def graph_view_data(G: nx.MultiDiGraph, source: nx.MultiDiGraph | None = None, seed: int = 0) -> ViewData:
    """View data for a part of the knowledge graph: one vis edge per linked pair, relations in its tooltip.

    ``source`` is the full graph, read for tooltips (a paper's links, an entity's paper count).
    """
    source = G if source is None else source
    net = _network()
    node_tips = _add_nodes(net, G, source, layout(G, seed=seed))
    by_pair: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for u, v, key, data in G.edges(keys=True, data=True):
        by_pair[(u, v)].append((str(data.get("type") or key), data))
    edge_tips = []
    for i, ((u, v), relations) in enumerate(by_pair.items()):
        kinds = [rel for rel, _ in relations]
        main = "PROPOSES" if "PROPOSES" in kinds else kinds[0]
        net.add_edge(
            u,
            v,
            id=i,
            color=RELATION_COLORS.get(main, "#bab0ac"),
            width=2 if main == "PROPOSES" else 1,
        )
        edge_tips.append(edge_tooltip(relations))
    hint = "size = number of links · red edge = proposes"
    return _view_data(net, G, node_tips, edge_tips, arrows=True, hint=hint)


def shared_view_data(H: nx.Graph, source: nx.MultiDiGraph, seed: int = 0) -> ViewData:
    """View data for papers joined by shared benchmarks: edge width grows with the number shared."""
    net = _network()
    node_tips = _add_nodes(net, H, source, layout(H, seed=seed))
    edge_tips = []
    for i, (u, v, data) in enumerate(H.edges(data=True)):
        shared = list(data.get("shared") or [])
        net.add_edge(
            u,
            v,
            id=i,
            color=SHARED_EDGE_COLOR,
            width=round(1 + 2.5 * math.log2(max(1, data.get("weight", len(shared)))), 1),
        )
        edge_tips.append(shared_tooltip(shared))
    hint = "edge width = benchmarks shared · size = papers joined"
    return _view_data(net, H, node_tips, edge_tips, arrows=False, hint=hint)
