"""Benchmark the HTML views: generation time, file size and headless time-to-drawn.

    .venv/bin/python scripts/bench_views.py [--sizes 1000 5000 10000] [--baseline-timeout 60]

For each size a synthetic graph (kg.views.synthetic) is drawn as the overview and the
shared-benchmarks view; the baseline is the stock pyvis page (``from_nx``, physics on,
``cdn_resources="in_line"``) of the smallest graph, in the same headless chromium,
capped by a timeout. "drawn" is milliseconds from navigation start to vis-network's
first ``afterDrawing`` event (median of --repeat loads for kg views).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.views.browser import browser_context, open_logged, wait_drawn
from kg.views.build import graph_view_data, shared_view_data
from kg.views.page import PageInfo, render_view
from kg.views.select import shared_benchmark_graph
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
    H = shared_benchmark_graph(G)
    return render_view(shared_view_data(H, G), PageInfo("Shared benchmarks"))


def _stock_pyvis_page(G, path: Path) -> None:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    simple = G.__class__()
    for node, attrs in G.nodes(data=True):
        simple.add_node(node, title=str(attrs.get("name") or attrs.get("title") or node))
    simple.add_edges_from(G.edges())
    net.from_nx(simple)
    net.write_html(str(path))


def _measure(context, path: Path, timeout_s: float, repeat: int = 1) -> tuple[str, int, int]:
    """(median ms to first draw or ">timeout", nodes in the drawn network, requests not to file://)."""
    times = []
    for _ in range(repeat):
        page, log = open_logged(context, path.as_uri(), timeout_ms=int(timeout_s * 1000))
        try:
            times.append(wait_drawn(page, timeout_ms=int(timeout_s * 1000)))
        except Exception:  # playwright's TimeoutError: report it as a row, keep benchmarking
            page.close()
            return f">{timeout_s * 1000:.0f}", 0, len(log.external_requests)
        nodes = page.evaluate("window.kgView.network.body.data.nodes.length")
        page.close()
    return f"{statistics.median(times):.0f}", nodes, len(log.external_requests)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--baseline-timeout", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for kg views (default 60)")
    parser.add_argument("--repeat", type=int, default=3, help="loads per kg view; the median is shown")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as tmp, browser_context() as context:
        context.add_init_script(FIRST_DRAW_HOOK)
        for n in args.sizes:
            G = synthetic_graph(n)
            for kind in ("overview", "shared benchmarks"):
                start = time.perf_counter()
                html = _kg_page(kind, G)
                generate = time.perf_counter() - start
                path = Path(tmp) / f"{kind.replace(' ', '_')}-{n}.html"
                path.write_text(html, encoding="utf-8")
                drawn, nodes, external = _measure(context, path, args.timeout, args.repeat)
                rows.append((f"kg {kind}", n, nodes, generate, path.stat().st_size, drawn, external))
                print(f"  done: kg {kind}, {n} nodes", file=sys.stderr)
        n = min(args.sizes)
        G = synthetic_graph(n)
        path = Path(tmp) / f"stock-pyvis-{n}.html"
        start = time.perf_counter()
        _stock_pyvis_page(G, path)
        generate = time.perf_counter() - start
        drawn, nodes, external = _measure(context, path, args.baseline_timeout)
        rows.append(("stock pyvis, physics on", n, nodes, generate, path.stat().st_size, drawn, external))

    header = ("view", "graph", "drawn nodes", "generate s", "size MB", "drawn ms", "external requests")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for view, graph_n, nodes, generate, size, drawn, external in rows:
        print(f"| {view} | {graph_n} | {nodes} | {generate:.2f} | {size / 1e6:.1f} | {drawn} | {external} |")


if __name__ == "__main__":
    main()
