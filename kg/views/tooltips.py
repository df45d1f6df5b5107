"""Tooltip HTML for nodes and edges: our own tags around html-escaped text.

Titles, abstracts, evidence sentences, names and URLs all come from abstracts or
input files, so every one goes through ``html.escape`` here; the page may then use
the result as HTML (bold, line breaks) without any of that text becoming markup.
"""

from __future__ import annotations

import html

import networkx as nx

from kg.views.style import display_name, short_label

TITLE_CHARS = 300
ABSTRACT_CHARS = 280
SENTENCE_CHARS = 300
MAX_LISTED = 8


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _listing(items: list[str]) -> str:
    shown = ", ".join(esc(item) for item in items[:MAX_LISTED])
    more = len(items) - MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def evidence_html(evidence: dict) -> str:
    """The evidence sentence with the matched surface form marked, all escaped."""
    sentence = short_label(evidence.get("sentence") or "", SENTENCE_CHARS)
    if not sentence:
        return ""
    surface = str(evidence.get("surface") or "")
    at = sentence.find(surface) if surface else -1
    if at < 0:
        body = esc(sentence)
    else:
        end = at + len(surface)
        body = f"{esc(sentence[:at])}<mark>{esc(surface)}</mark>{esc(sentence[end:])}"
    return f'<div class="tip-evidence">“{body}”</div>'


def _evidence_meta(evidence: dict) -> str:
    parts = [str(evidence[key]) for key in ("field", "rule") if evidence.get(key)]
    if evidence.get("confidence") is not None:
        parts.append(f"confidence {float(evidence['confidence']):.2f}")
    return esc(" · ".join(parts))


def _linked(G: nx.MultiDiGraph, node: str, label: str) -> list[str]:
    found = [display_name(v, G.nodes[v]) for v in G.successors(node) if G.nodes[v].get("label") == label]
    return sorted(set(found))


def _best_evidence(G: nx.MultiDiGraph, node: str) -> dict | None:
    evidence = [data for _, _, data in G.in_edges(node, data=True) if data.get("sentence")]
    return max(evidence, key=lambda d: float(d.get("confidence") or 0)) if evidence else None


def _paper(G: nx.MultiDiGraph, node: str, attrs: dict) -> list[str]:
    meta = " · ".join(esc(v) for v in ("Paper", attrs.get("date"), node) if v)
    title = short_label(display_name(node, attrs), TITLE_CHARS)
    parts = [f'<div class="tip-kind">{meta}</div>', f"<b>{esc(title)}</b>"]
    if attrs.get("abstract"):
        parts.append(f'<div class="tip-abstract">{esc(short_label(attrs["abstract"], ABSTRACT_CHARS))}</div>')
    proposed = sorted(
        {display_name(v, G.nodes[v]) for _, v, key in G.out_edges(node, keys=True) if key == "PROPOSES"}
    )
    if proposed:
        parts.append(f"<div>Proposes: {_listing(proposed)}</div>")
    benchmarks = _linked(G, node, "Benchmark")
    if benchmarks:
        parts.append(f"<div>Benchmarks: {_listing(benchmarks)}</div>")
    links = [G.nodes[v].get("url") or v for v in G.successors(node) if G.nodes[v].get("label") == "Link"]
    if attrs.get("url"):
        links.insert(0, attrs["url"])
    if links:
        shown = "<br>".join(esc(url) for url in links[:MAX_LISTED])
        parts.append(f'<div class="tip-links">{shown}</div>')
    return parts


def _entity(G: nx.MultiDiGraph, node: str, attrs: dict, label: str) -> list[str]:
    papers = {u for u, _ in G.in_edges(node)}
    parts = [
        f'<div class="tip-kind">{esc(label)} · {len(papers)} paper{"s" if len(papers) != 1 else ""}</div>',
        f"<b>{esc(display_name(node, attrs))}</b>",
    ]
    if attrs.get("long_form"):
        parts.append(f"<div>{esc(attrs['long_form'])}</div>")
    aliases = [a for a in attrs.get("aliases") or [] if a != attrs.get("name")]
    if aliases:
        parts.append(f"<div>Also: {_listing(sorted(aliases))}</div>")
    evidence = _best_evidence(G, node)
    if evidence:
        parts.append(evidence_html(evidence))
    return parts


def _link(G: nx.MultiDiGraph, node: str, attrs: dict) -> list[str]:
    papers = {u for u, _ in G.in_edges(node)}
    kind = " · ".join(esc(v) for v in ("Link", attrs.get("kind"), attrs.get("host")) if v)
    parts = [f'<div class="tip-kind">{kind} · {len(papers)} paper(s)</div>']
    parts.append(f'<div class="tip-links">{esc(attrs.get("url") or node)}</div>')
    evidence = _best_evidence(G, node)
    if evidence:
        parts.append(evidence_html(evidence))
    return parts


def node_tooltip(G: nx.MultiDiGraph, node: str) -> str:
    """Tooltip for one node of the full graph (papers show title, abstract start and links)."""
    attrs = G.nodes[node]
    label = attrs.get("label", "")
    if label == "Paper":
        parts = _paper(G, node, attrs)
    elif label == "Link":
        parts = _link(G, node, attrs)
    else:
        parts = _entity(G, node, attrs, label or "Node")
    return "".join(parts)


def edge_tooltip(relations: list[tuple[str, dict]]) -> str:
    """Tooltip for the edges between one pair of nodes: each relation with its evidence."""
    parts = []
    for relation, data in relations:
        meta = _evidence_meta(data)
        parts.append(f"<div><b>{esc(relation)}</b> <span class='tip-kind'>{meta}</span></div>")
        parts.append(evidence_html(data))
    return "".join(parts)
