"""Resolution -> networkx MultiDiGraph with exactly the labels and properties of schema/model.json.

Nodes are keyed by id and carry ``label`` plus their properties (lists sorted where the order
means nothing); edges are keyed by relationship type and carry ``type`` plus the properties
of their best evidence, so a reader can see *why* the edge exists.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from kg.graph.model import graph_model
from kg.records import Entity, Evidence, Extraction, LinkRef, Mention, Paper
from kg.resolve.resolver import Resolution

LABEL_OF_KIND = {"method": "Method", "benchmark": "Benchmark"}


def paper_props(paper: Paper) -> dict[str, Any]:
    return {
        "id": paper.id,
        "name": paper.name,
        "title": paper.title,
        "abstract": paper.abstract,
        "date": paper.date,
        "url": paper.url,
        "source": paper.source,
        "authors": list(paper.authors),
        "categories": list(paper.categories),
        "ids": list(paper.ids),
    }


def entity_props(entity: Entity) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": entity.id,
        "name": entity.name,
        "aliases": sorted(entity.aliases),
        "long_form": entity.long_form,
    }
    if entity.kind == "benchmark":
        props["modality"] = entity.attrs.get("modality")
        props["task"] = entity.attrs.get("task")
    return props


def link_props(link: LinkRef) -> dict[str, Any]:
    return {"id": link.id, "url": link.url, "kind": link.kind, "host": urlsplit(link.url).hostname}


def best_evidence(evidence: list[Evidence]) -> Evidence | None:
    """Highest confidence; ties go to the title, then the earliest offset."""
    return min(evidence, key=lambda e: (-e.confidence, e.field != "title", e.start), default=None)


def edge_props(rel: str, paper: Paper, evidence: list[Evidence]) -> dict[str, Any]:
    best = best_evidence(evidence)
    if best is None:
        return {"type": rel}
    text = (paper.title or "") if best.field == "title" else paper.abstract
    return {
        "type": rel,
        "sentence": best.sentence,
        "field": best.field,
        "start": best.start,
        "end": best.end,
        "rule": best.rule,
        "confidence": best.confidence,
        "surface": text[best.start : best.end],
    }


def _relations(ex: Extraction) -> list[tuple[str, Mention | LinkRef]]:
    """The typed edges one extraction implies (see kg.records.Extraction)."""
    rels: list[tuple[str, Mention | LinkRef]] = [("PROPOSES", m) for m in ex.proposed]
    rels += [("MENTIONS", m) for m in ex.methods]
    rels += [("EVALUATED_ON", m) for m in ex.benchmarks]
    rels += [("HAS_CODE" if link.kind == "code" else "LINKS_TO", link) for link in ex.links]
    return rels


_SWAP = {("MENTIONS", "Benchmark"): "EVALUATED_ON", ("EVALUATED_ON", "Method"): "MENTIONS"}


def _fit(rel: str, target_label: str) -> str:
    """The relation the model allows: a benchmark listed under methods is still evaluated on."""
    return _SWAP.get((rel, target_label), rel)


def build_graph(resolution: Resolution) -> nx.MultiDiGraph:
    """One node per paper, entity and link; one edge per (paper, relation, target)."""
    model = graph_model()
    graph = nx.MultiDiGraph()
    for entity in resolution.entities.values():
        graph.add_node(entity.id, label=LABEL_OF_KIND[entity.kind], **entity_props(entity))
    for ex in resolution.extractions:
        paper = ex.paper
        if paper.id not in graph:
            graph.add_node(paper.id, label="Paper", **paper_props(paper))
        for rel, item in _relations(ex):
            if item.id is None:
                continue
            if isinstance(item, LinkRef) and item.id not in graph:
                graph.add_node(item.id, label="Link", **link_props(item))
            rel = _fit(rel, graph.nodes[item.id]["label"])
            if graph.nodes[item.id]["label"] not in model.endpoints[rel][1]:
                continue
            existing = graph.get_edge_data(paper.id, item.id, key=rel)
            props = edge_props(rel, paper, item.evidence)
            if existing is None or props.get("confidence", -1.0) > existing.get("confidence", -1.0):
                graph.add_edge(paper.id, item.id, key=rel, **props)
    return graph
