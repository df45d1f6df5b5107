"""Executor side: one resolved extraction -> its Paper, Link and edge rows, by ``kg.graph``'s rules.

Edges belong to one paper, so they need no shuffle: each paper is turned into a
one-paper graph by ``kg.graph.build_graph`` itself (same edge choice, same evidence,
same model checks as the local build) and that graph's rows are emitted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.graph.build import build_graph, paper_props
from kg.records import Entity, Extraction
from kg.resolve.alias_table import AliasKey, alias_key
from kg.resolve.resolver import Resolution, all_mentions, link_id

EDGE_PROPS = ("sentence", "field", "start", "end", "rule", "confidence", "surface")


def assign_ids(ex: Extraction, ids: dict[AliasKey, str | None]) -> Extraction:
    """Write the globally resolved ids onto one extraction (what ``resolve`` does at its end)."""
    for mention in all_mentions(ex):
        mention.id = ids.get(alias_key(mention))
    for link in ex.links:
        link.id = link_id(link.url)
    return ex


def graph_rows(item: tuple[tuple, Extraction], ids: dict[AliasKey, str | None]) -> Iterator[tuple[str, Any]]:
    """("paper", props), ("link", (id, (position, props))) and ("edge", row) for one paper."""
    position, ex = item
    assign_ids(ex, ids)
    stubs = {m.id: Entity(id=m.id, kind=m.kind, name=m.name) for m in all_mentions(ex) if m.id}
    graph = build_graph(Resolution(extractions=[ex], entities=stubs))
    yield "paper", paper_props(ex.paper)
    for node, attrs in graph.nodes(data=True):
        if attrs["label"] == "Link":
            props = {k: v for k, v in attrs.items() if k != "label"}
            yield "link", (node, (position, props))
    for src, dst, rel, attrs in graph.edges(keys=True, data=True):
        row = {"start_id": src, "type": rel, "end_id": dst, "end_label": graph.nodes[dst]["label"]}
        row.update({k: attrs.get(k) for k in EDGE_PROPS})
        yield "edge", row
