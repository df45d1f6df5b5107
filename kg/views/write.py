"""Write the HTML views of a graph into a folder: overview, shared benchmarks, ego views, index.

``views.json`` in the folder records every view written (file, title, counts) so
that adding an ego view later (``kg view --around``) keeps the index complete.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import networkx as nx

from kg.views.build import ViewData, graph_view_data, shared_view_data
from kg.views.matrix import matrix_data
from kg.views.page import PageInfo, render_index, render_matrix, render_view
from kg.views.select import ego_subgraph, find_node, shared_benchmark_subgraph
from kg.views.style import display_name

MANIFEST = "views.json"


class ViewError(ValueError):
    """A view cannot be made as asked (e.g. no node has the name given to ``--around``)."""


def _write(out_dir: Path, filename: str, data: ViewData, info: PageInfo) -> dict:
    path = out_dir / filename
    path.write_text(render_view(data, info), encoding="utf-8")
    return {
        "href": filename,
        "title": info.title,
        "description": info.description,
        "node_count": data.node_count,
        "edge_count": data.edge_count,
    }


def _read_manifest(out_dir: Path) -> list[dict]:
    path = out_dir / MANIFEST
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ViewError(f"{path}:{error.lineno}: not valid JSON ({error.msg})") from error
    return [e for e in entries if (out_dir / e.get("href", "")).exists()]


def _write_index(out_dir: Path, entries: list[dict], G: nx.MultiDiGraph) -> Path:
    (out_dir / MANIFEST).write_text(json.dumps(entries, indent=2, ensure_ascii=False), encoding="utf-8")
    path = out_dir / "index.html"
    html = render_index("Knowledge graph views", entries, G.number_of_nodes(), G.number_of_edges())
    path.write_text(html, encoding="utf-8")
    return path


def _merge(entries: list[dict], new: list[dict]) -> list[dict]:
    """Entries by file: a view written again keeps its place, a new one goes last."""
    by_href = {e["href"]: e for e in entries}
    by_href.update((e["href"], e) for e in new)
    return list(by_href.values())


def write_views(G: nx.MultiDiGraph, out_dir: Path | str, min_shared: int = 1) -> list[Path]:
    """Overview, shared-benchmarks view, paper x benchmark matrix and index.html in ``out_dir``;
    returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    overview = _write(
        out_dir,
        "overview.html",
        graph_view_data(G),
        PageInfo("Overview", "papers, methods, benchmarks and links"),
    )
    H = shared_benchmark_subgraph(G, min_shared=min_shared)
    pairs = H.graph["pairs_total"]
    shared = _write(
        out_dir,
        "shared_benchmarks.html",
        shared_view_data(H, G),
        PageInfo("Shared benchmarks", f"papers and the benchmarks they share ({pairs} pairs of papers)"),
    )
    matrix = matrix_data(G)
    info = PageInfo("Papers × benchmarks", "which paper is evaluated on which benchmark, sharers together")
    (out_dir / "matrix.html").write_text(render_matrix(matrix, info), encoding="utf-8")
    table = {
        "href": "matrix.html",
        "title": info.title,
        "description": info.description,
        "node_count": matrix.paper_count + matrix.benchmark_count,
        "edge_count": len(matrix.cells),
    }
    entries = _merge(_read_manifest(out_dir), [overview, shared, table])
    index = _write_index(out_dir, entries, G)
    return [out_dir / e["href"] for e in (overview, shared, table)] + [index]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "node"


def resolve_name(G: nx.MultiDiGraph, name: str) -> str:
    """The node meant by ``name`` (id, name, alias or title), or a ViewError naming close matches."""
    node = find_node(G, name)
    if node is not None:
        return node
    known = [display_name(n, a) for n, a in G.nodes(data=True) if a.get("label") != "Link"]
    close = difflib.get_close_matches(name, known, n=5, cutoff=0.6)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise ViewError(f"no paper, method or benchmark is named {name!r}{hint}")


def write_ego_view(G: nx.MultiDiGraph, name: str, out_dir: Path | str, depth: int = 2) -> Path:
    """A view of everything within ``depth`` hops of the node named ``name`` (any alias); updates index."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    center = resolve_name(G, name)
    attrs = G.nodes[center]
    shown = display_name(center, attrs)
    sub = ego_subgraph(G, center, depth)
    info = PageInfo(
        f"Around {shown}",
        f"{attrs.get('label', 'node')} {shown} and everything within {depth} hops",
        focus=center,
    )
    entry = _write(out_dir, f"ego-{_slug(shown)}-d{depth}.html", graph_view_data(sub, G), info)
    _write_index(out_dir, _merge(_read_manifest(out_dir), [entry]), G)
    return out_dir / entry["href"]
