"""The graph as files: ``graph.json`` (networkx node-link, read back losslessly) and ``graph.graphml``.

GraphML only holds scalars, so lists are joined with "|" and missing values dropped there;
graph.json keeps lists and is the one to read back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

GRAPH_JSON = "graph.json"
GRAPH_GRAPHML = "graph.graphml"
LIST_SEPARATOR = "|"


def write_graph_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    data = nx.node_link_data(graph, edges="links")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def read_graph_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph.json back; a file that is not one raises ValueError naming it."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    except json.JSONDecodeError as err:
        raise ValueError(f"{path}:{err.lineno}: not JSON: {err.msg}") from err
    except (KeyError, TypeError, nx.NetworkXError) as err:
        raise ValueError(f"{path}: not a node-link graph: {err}") from err
    graph = nx.MultiDiGraph(graph)
    for node, attrs in graph.nodes(data=True):
        attrs["id"] = node  # node-link stores the key as "id" and drops the property of that name
    return graph


def _scalar_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value) if isinstance(value, (set, frozenset)) else value
            value = LIST_SEPARATOR.join(str(v) for v in items)
        out[key] = value
    return out


def graphml_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only, as GraphML requires."""
    flat = nx.MultiDiGraph()
    flat.add_nodes_from((n, _scalar_attrs(a)) for n, a in graph.nodes(data=True))
    flat.add_edges_from((u, v, k, _scalar_attrs(a)) for u, v, k, a in graph.edges(keys=True, data=True))
    return flat


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    nx.write_graphml(graphml_view(graph), path, encoding="utf-8")
    return path


def write_graph_files(graph: nx.MultiDiGraph, out_dir: str | Path) -> list[Path]:
    """graph.json and graph.graphml under ``out_dir`` (created if missing)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [write_graph_json(graph, out / GRAPH_JSON), write_graphml(graph, out / GRAPH_GRAPHML)]
