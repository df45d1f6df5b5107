"""Views in a real headless chromium: they draw, stay offline, search, filter, and run no injected code.

Screenshots of each view are kept under test-artifacts/views/ for a person to look at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.stores.files import read_graph_json
from kg.views.browser import browser_context, chromium_path, open_logged, wait_drawn
from kg.views.build import graph_view_data
from kg.views.page import PageInfo, render_view
from kg.views.synthetic import synthetic_graph
from kg.views.write import write_ego_view, write_views

pytestmark = pytest.mark.browser

GRAPH_JSON = Path(__file__).parent / "fixtures" / "views" / "graph.json"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "views"
XSS_PAPER = "title:0123456789abcdef"


@pytest.fixture(scope="module")
def context():
    if chromium_path() is None:
        if os.environ.get("CI", "").lower() in ("1", "true"):
            pytest.fail("CI is set but no chromium binary was found (apt-get install chromium)")
        pytest.skip("no chromium binary (apt-get install chromium, or set KG_CHROMIUM)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with browser_context() as ctx:
        yield ctx


@pytest.fixture(scope="module")
def views(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("views")
    graph = read_graph_json(GRAPH_JSON)
    write_views(graph, out)
    write_ego_view(graph, "ImageNet", out, depth=2)
    return out


def _drawn(context, path: Path):
    page, log = open_logged(context, path.as_uri())
    wait_drawn(page)
    page.wait_for_function("window.kgView.tipsLoaded")
    return page, log


def _expected_nodes(out: Path, filename: str) -> int:
    manifest = json.loads((out / "views.json").read_text())
    return next(v["node_count"] for v in manifest if v["href"] == filename)


@pytest.mark.parametrize("name", ["overview", "shared_benchmarks", "ego-imagenet-d2"])
def test_each_view_draws_all_its_nodes_with_no_error_and_no_request_beyond_itself(context, views, name):
    path = views / f"{name}.html"
    page, log = _drawn(context, path)
    assert page.evaluate("window.kgView.nodes.length") == _expected_nodes(views, path.name)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    assert log.errors == []
    assert log.external_requests == []
    assert log.requests == [path.as_uri()]
    page.close()


def test_the_index_lists_every_view_and_loads_nothing(context, views):
    page, log = open_logged(context, (views / "index.html").as_uri())
    hrefs = page.eval_on_selector_all("table a", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["overview.html", "shared_benchmarks.html", "ego-imagenet-d2.html"]
    page.screenshot(path=str(ARTIFACTS / "index.png"))
    assert log.errors == [] and log.external_requests == []
    page.close()


def test_searching_an_alias_selects_and_centres_its_node(context, views):
    page, _ = _drawn(context, views / "overview.html")
    page.fill("#search-input", "ILSVRC 2012")
    page.press("#search-input", "Enter")
    assert page.evaluate("window.kgView.network.getSelectedNodes()") == ["benchmark:imagenet"]
    centre = page.evaluate("window.kgView.network.getViewPosition()")
    node = page.evaluate("window.kgView.network.getPositions(['benchmark:imagenet'])['benchmark:imagenet']")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert "ImageNet" in page.inner_text("#details")
    page.screenshot(path=str(ARTIFACTS / "overview-search.png"))
    page.close()


def test_searching_an_unknown_name_says_so_and_selects_nothing(context, views):
    page, _ = _drawn(context, views / "overview.html")
    page.fill("#search-input", "MNIST")
    page.press("#search-input", "Enter")
    assert page.inner_text("#search-status") == "not found"
    assert page.evaluate("window.kgView.network.getSelectedNodes()") == []
    page.close()


def test_markup_in_titles_and_evidence_shows_as_text_and_runs_nothing(context, views):
    page, log = _drawn(context, views / "overview.html")
    page.evaluate(
        """() => {
        const v = window.kgView;
        v.nodes.getIds().forEach(id => { v.showNodeTip(id); v.focusNode(id); });
        v.edges.getIds().forEach(id => v.showEdgeTip(id));
    }"""
    )
    # a real hover over the paper whose title holds <script> and <img onerror>
    page.evaluate(f"window.kgView.network.fit({{nodes: ['{XSS_PAPER}'], animation: false}})")
    spot = page.evaluate(
        f"""() => {{
        const net = window.kgView.network, box = document.getElementById('graph').getBoundingClientRect();
        const p = net.canvasToDOM(net.getPositions(['{XSS_PAPER}'])['{XSS_PAPER}']);
        return {{x: box.left + p.x, y: box.top + p.y}};
    }}"""
    )
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_selector("#tip:not([hidden])")
    assert "<script>window.__kgPwned = 1</script>" in page.inner_text("#tip")
    page.screenshot(path=str(ARTIFACTS / "overview-escaped-tooltip.png"))
    assert page.evaluate("window.__kgPwned") is None
    assert (
        page.evaluate(
            "document.querySelectorAll('#tip script, #tip img, #details script, #details img').length"
        )
        == 0
    )
    assert log.dialogs == [] and log.errors == []
    assert log.requests == [(views / "overview.html").as_uri()]  # no <img src=x> was fetched either
    page.close()


def test_type_filters_hide_and_show_every_node_of_a_type(context, views):
    page, _ = _drawn(context, views / "overview.html")
    hidden = "window.kgView.nodes.get({filter: n => n.hidden}).map(n => n.kind)"
    page.uncheck('.type-filter[value="Paper"]')
    assert sorted(page.evaluate(hidden)) == ["Paper"] * 4
    page.screenshot(path=str(ARTIFACTS / "overview-no-papers.png"))
    page.check('.type-filter[value="Paper"]')
    assert page.evaluate(hidden) == []
    page.close()


def test_an_ego_view_selects_its_centre_once_drawn(context, views):
    page, _ = _drawn(context, views / "ego-imagenet-d2.html")
    page.wait_for_function("window.kgView.network.getSelectedNodes().length === 1")
    assert page.evaluate("window.kgView.network.getSelectedNodes()") == ["benchmark:imagenet"]
    page.close()


@pytest.mark.slow
def test_a_10k_node_view_draws_every_node_offline(context, tmp_path):
    G = synthetic_graph(10_000)
    path = tmp_path / "overview-10k.html"
    path.write_text(render_view(graph_view_data(G), PageInfo("Overview 10k")), encoding="utf-8")
    page, log = open_logged(context, path.as_uri(), timeout_ms=60_000)
    wait_drawn(page, timeout_ms=60_000)
    assert page.evaluate("window.kgView.nodes.length") == 10_000
    page.fill("#search-input", "Bench7")
    page.press("#search-input", "Enter")
    assert page.evaluate("window.kgView.network.getSelectedNodes()") == ["benchmark:b7"]
    page.screenshot(path=str(ARTIFACTS / "overview-10k.png"))
    assert log.errors == [] and log.external_requests == []
    page.close()
