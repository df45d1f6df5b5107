"""What the click-to-trace side panel says about a node, as data the page renders with textContent.

The facts come from ``kg.graph.queries`` (a paper's list is ``SharedBenchmarks.sharing``,
ranked and named as ``papers_sharing_benchmarks`` does, most shared first, its total always
given), so a panel says exactly what the graph questions answer. Text stays
text: the page builds the panel with DOM calls, never innerHTML, and only http(s) URLs
ever become links (``safe_href``); a ``javascript:`` URL is shown, not linked.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import networkx as nx

from kg.graph.queries import SharedBenchmarks, benchmarks_of
from kg.views.style import display_name

MAX_LISTED = 100  # papers listed in one panel; the total is always given


def safe_href(url: object) -> str | None:
    """``url`` if it may be a link target (http or https with a host), else None."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _links(G: nx.MultiDiGraph, paper: str) -> list[list]:
    """[text, href or None, kind] for the paper's own URL and each link it cites, code first."""
    attrs = G.nodes[paper]
    found = [[attrs["url"], safe_href(attrs["url"]), "paper"]] if attrs.get("url") else []
    links = []
    for _, target, key in G.out_edges(paper, keys=True):
        if G.nodes[target].get("label") == "Link":
            url = G.nodes[target].get("url") or target
            links.append([url, safe_href(url), "code" if key == "HAS_CODE" else "link"])
    links.sort(key=lambda link: (link[2] != "code", link[0]))
    return found + links


def _evidence(data: dict) -> list:
    """[sentence, surface, confidence or None] of an edge's best evidence."""
    return [data.get("sentence") or "", data.get("surface") or "", data.get("confidence")]


def _paper_panel(G: nx.MultiDiGraph, shared: SharedBenchmarks, paper: str) -> dict:
    total, sharing = shared.sharing(paper, MAX_LISTED)
    benches = sorted(display_name(b, G.nodes[b]) for b in benchmarks_of(G, paper))
    return {"benchmarks": benches, "shared_total": total, "shared": [[o, names] for o, names in sharing]}


def _entity_panel(G: nx.MultiDiGraph, node: str) -> dict:
    """Every paper linked to a benchmark or method, with the relation and its evidence sentence."""
    rows = []
    for paper, _, key, data in G.in_edges(node, keys=True, data=True):
        if G.nodes[paper].get("label") == "Paper":
            rows.append([paper, key, *_evidence(data)])
    rows.sort(key=lambda row: (display_name(row[0], G.nodes[row[0]]).lower(), row[0], row[1]))
    attrs = G.nodes[node]
    aliases = sorted(a for a in attrs.get("aliases") or [] if a != attrs.get("name"))
    return {"aliases": aliases, "long_form": attrs.get("long_form") or "", "papers": rows}


def panel_data(G: nx.MultiDiGraph, nodes: Iterable[str]) -> dict:
    """Panels for ``nodes`` and a card (name, links) for every paper any of them lists."""
    panels: dict[str, dict] = {}
    papers: set[str] = set()
    shared = SharedBenchmarks(G)
    for node in nodes:
        label = G.nodes[node].get("label")
        if label == "Paper":
            panel = _paper_panel(G, shared, node)
            papers.add(node)
            papers.update(other for other, _ in panel["shared"])
        elif label in ("Benchmark", "Method"):
            panel = _entity_panel(G, node)
            papers.update(row[0] for row in panel["papers"])
        else:
            continue
        panel["kind"] = label
        panels[node] = panel
    cards = {}
    for paper in papers:
        attrs = G.nodes[paper]
        meta = " · ".join(str(v) for v in (attrs.get("date"), paper) if v)
        cards[paper] = [display_name(paper, attrs), meta, _links(G, paper)]
    names = {node: display_name(node, G.nodes[node]) for node in panels}
    return {"panels": panels, "cards": cards, "names": names}
