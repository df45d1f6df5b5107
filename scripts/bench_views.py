"""Benchmark the HTML views: generation time, file size, headless time-to-drawn and time to filter.

    .venv/bin/python scripts/bench_views.py [--sizes 1000 5000 10000] [--matrix 2000 500]
        [--graph out/graph.json] [--baseline-timeout 60]

For each size a synthetic graph (kg.views.synthetic) is drawn as the overview and the
shared-benchmarks view (``--graph`` adds a built graph.json, e.g. a generated corpus);
the baseline is the stock pyvis page (``from_nx``, physics on, ``cdn_resources="in_line"``)
of the smallest graph, in the same headless chromium, capped by a timeout. "drawn" is
milliseconds from navigation start to the view's first draw (median of --repeat loads);
"filter" is the benchmark filter set to the most used benchmark, from the change event to
the next draw. The matrix is timed at --matrix papers x benchmarks against a baseline of
the same matrix as one plain HTML table (every cell in the DOM, filtered by hiding rows):
"drawn" to its first render, "filter" from typing a name to the next frame.
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.graph import benchmark_popularity
from kg.stores.files import read_graph_json
from kg.views.browser import browser_context, open_logged, wait_drawn
from kg.views.build import graph_view_data, shared_view_data
from kg.views.matrix import matrix_data
from kg.views.page import PageInfo, render_matrix, render_view
from kg.views.select import shared_benchmark_subgraph
from kg.views.synthetic import synthetic_graph

# Wraps vis.Network as the stock page defines it, to time its first draw the same way.
FIRST_DRAW_HOOK = """
(() => {
  let visObject;
  Object.defineProperty(window, "vis", { configurable: true, get() { return visObject; }, set(v) {
    visObject = v;
    let Wrapped;
    Object.defineProperty(v, "Network", { configurable: true, enumerable: true,
      get() { return Wrapped; },
      set(Original) {
        Wrapped = function (...args) {
          const network = new Original(...args);
          window.kgView = { network: network, drawn: false, drawnAt: null };
          network.once("afterDrawing", () => {
            window.kgView.drawn = true; window.kgView.drawnAt = performance.now();
          });
          return network;
        };
        Wrapped.prototype = Original.prototype;
      } });
  } });
})();
"""


def _kg_page(kind: str, G) -> str:
    if kind == "overview":
        return render_view(graph_view_data(G), PageInfo("Overview"))
    H = shared_benchmark_subgraph(G)
    return render_view(shared_view_data(H, G), PageInfo("Shared benchmarks"))


# From setting the benchmark filter to the draw that shows it; ms, or null if the page has no filter.
FILTER_JS = """(name) => new Promise((done) => {
  const input = document.getElementById("filter-benchmark");
  if (!input || !window.kgView.tipsLoaded) return done(null);
  const t0 = performance.now();
  window.kgView.network.once("afterDrawing", () => done(performance.now() - t0));
  input.value = name;
  input.dispatchEvent(new Event("change"));
})"""

# From a filter text to the next frame: kg's matrix, or the plain table baseline.
MATRIX_FILTER_JS = """(text) => new Promise((done) => {
  const t0 = performance.now();
  if (window.kgMatrix) window.kgMatrix.setFilter(text);
  else window.plainFilter(text);
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
})"""


def _top_benchmark(G) -> str:
    return benchmark_popularity(G)[0][1]


def _plain_table(data) -> str:
    """The matrix as a naive page: one <table> holding every cell, filtered by hiding rows."""
    cells = {(r, c) for r, c, *_ in data.cells}
    head = "".join(f"<th>{html.escape(col[1])}</th>" for col in data.columns)
    rows = []
    for r, row in enumerate(data.rows):
        tds = "".join("<td>●</td>" if (r, c) in cells else "<td></td>" for c in range(len(data.columns)))
        rows.append(f"<tr><th>{html.escape(row[1])}</th>{tds}</tr>")
    script = """window.plainFilter = (text) => { const key = text.toLowerCase();
      for (const tr of document.querySelectorAll("tbody tr"))
        tr.style.display = tr.firstChild.textContent.toLowerCase().includes(key) ? "" : "none"; };
      requestAnimationFrame(() => { window.kgMatrix0 = performance.now(); });"""
    return (
        f"<!DOCTYPE html><html><body><table><thead><tr><th></th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table><script>{script}</script></body></html>"
    )


def _measure_matrix(context, path: Path, timeout_s: float, repeat: int) -> tuple[str, str]:
    """(median ms to first render, median ms to filter) of a matrix page."""
    drawn, filtered = [], []
    for _ in range(repeat):
        page, _ = open_logged(context, path.as_uri(), timeout_ms=int(timeout_s * 1000))
        ready = "window.kgMatrix ? window.kgMatrix.ready && window.kgMatrix.renderedAt : window.kgMatrix0"
        page.wait_for_function(ready, timeout=int(timeout_s * 1000))
        drawn.append(float(page.evaluate(ready)))
        filtered.append(float(page.evaluate(MATRIX_FILTER_JS, "Paper 1")))
        page.close()
    return f"{statistics.median(drawn):.0f}", f"{statistics.median(filtered):.0f}"


def _stock_pyvis_page(G, path: Path) -> None:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    simple = G.__class__()
    for node, attrs in G.nodes(data=True):
        simple.add_node(node, title=str(attrs.get("name") or attrs.get("title") or node))
    simple.add_edges_from(G.edges())
    net.from_nx(simple)
    net.write_html(str(path))


def _measure(
    context, path: Path, timeout_s: float, repeat: int = 1, facet: str | None = None
) -> tuple[str, int, int, str]:
    """(median ms to first draw or ">timeout", nodes in the drawn network, requests not to
    file://, median ms to filter on ``facet`` or "-")."""
    times, filters = [], []
    for _ in range(repeat):
        page, log = open_logged(context, path.as_uri(), timeout_ms=int(timeout_s * 1000))
        try:
            times.append(wait_drawn(page, timeout_ms=int(timeout_s * 1000)))
        except Exception:  # playwright's TimeoutError: report it as a row, keep benchmarking
            page.close()
            return f">{timeout_s * 1000:.0f}", 0, len(log.external_requests), "-"
        nodes = page.evaluate("window.kgView.network.body.data.nodes.length")
        if facet is not None:
            page.wait_for_function("window.kgView.tipsLoaded", timeout=int(timeout_s * 1000))
            filters.append(page.evaluate(FILTER_JS, facet))
        page.close()
    filtered = f"{statistics.median(filters):.0f}" if filters and None not in filters else "-"
    return f"{statistics.median(times):.0f}", nodes, len(log.external_requests), filtered


def _graph_rows(context, tmp: str, label: str, G, args) -> list[tuple]:
    rows = []
    for kind in ("overview", "shared benchmarks"):
        start = time.perf_counter()
        html_text = _kg_page(kind, G)
        generate = time.perf_counter() - start
        path = Path(tmp) / f"{kind.replace(' ', '_')}-{label}.html"
        path.write_text(html_text, encoding="utf-8")
        drawn, nodes, external, filtered = _measure(
            context, path, args.timeout, args.repeat, _top_benchmark(G)
        )
        rows.append((f"kg {kind}", label, nodes, generate, path.stat().st_size, drawn, filtered, external))
        print(f"  done: kg {kind}, {label}", file=sys.stderr)
    return rows


def _matrix_rows(context, tmp: str, n_papers: int, n_benchmarks: int, args) -> list[tuple]:
    G = synthetic_graph(n_papers * 2, n_papers=n_papers, n_benchmarks=n_benchmarks)
    start = time.perf_counter()
    data = matrix_data(G)
    page = render_matrix(data, PageInfo("Papers × benchmarks"))
    generate = time.perf_counter() - start
    label = f"{data.paper_count} × {data.benchmark_count}"
    rows = []
    for view, text in (("kg matrix", page), ("plain HTML table", _plain_table(data))):
        path = Path(tmp) / f"{view.replace(' ', '_')}.html"
        path.write_text(text, encoding="utf-8")
        drawn, filtered = _measure_matrix(context, path, args.timeout, args.repeat)
        rows.append(
            (
                view,
                label,
                len(data.cells),
                generate if view == "kg matrix" else 0.0,
                path.stat().st_size,
                drawn,
                filtered,
                0,
            )
        )
        print(f"  done: {view}, {label}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--graph", type=Path, help="also a built graph.json (e.g. of a generated corpus)")
    parser.add_argument("--matrix", type=int, nargs=2, default=[2000, 500], metavar=("PAPERS", "BENCHMARKS"))
    parser.add_argument("--baseline-timeout", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds for kg views (default 120)")
    parser.add_argument("--repeat", type=int, default=3, help="loads per kg view; the median is shown")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as tmp, browser_context() as context:
        context.add_init_script(FIRST_DRAW_HOOK)
        for n in args.sizes:
            rows += _graph_rows(context, tmp, str(n), synthetic_graph(n), args)
        if args.graph is not None:
            G = read_graph_json(args.graph)
            rows += _graph_rows(context, tmp, f"{args.graph.name} ({G.number_of_nodes()})", G, args)
        rows += _matrix_rows(context, tmp, *args.matrix, args)
        n = min(args.sizes)
        G = synthetic_graph(n)
        path = Path(tmp) / f"stock-pyvis-{n}.html"
        start = time.perf_counter()
        _stock_pyvis_page(G, path)
        generate = time.perf_counter() - start
        drawn, nodes, external, _ = _measure(context, path, args.baseline_timeout)
        rows.append(
            ("stock pyvis, physics on", n, nodes, generate, path.stat().st_size, drawn, "-", external)
        )

    header = (
        "view",
        "graph",
        "drawn nodes / cells",
        "generate s",
        "size MB",
        "drawn ms",
        "filter ms",
        "external requests",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for view, graph_n, nodes, generate, size, drawn, filtered, external in rows:
        cells = (view, graph_n, nodes, f"{generate:.2f}", f"{size / 1e6:.1f}", drawn, filtered, external)
        print("| " + " | ".join(map(str, cells)) + " |")


if __name__ == "__main__":
    main()
