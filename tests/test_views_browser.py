"""Views in a real headless chromium: they draw, stay offline, search, filter, and run no injected code;
no node or label overlaps another as first drawn; a click traces exactly what the graph questions say.

Screenshots of each view are kept under test-artifacts/views/ for a person to look at (and the README).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.graph import papers_sharing_benchmarks
from kg.graph.queries import benchmarks_of
from kg.stores.files import read_graph_json
from kg.text import fold
from kg.views.browser import (
    browser_context,
    chromium_path,
    drawn_boxes,
    open_logged,
    page_overlaps,
    wait_drawn,
)
from kg.views.build import graph_view_data
from kg.views.geometry import label_box
from kg.views.page import PageInfo, render_view
from kg.views.style import display_name
from kg.views.synthetic import synthetic_graph
from kg.views.write import write_ego_view, write_views

pytestmark = pytest.mark.browser

GRAPH_JSON = Path(__file__).parent / "fixtures" / "views" / "graph.json"
EXAMPLE_JSON = Path(__file__).parent / "fixtures" / "views" / "example_graph.json"
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


def _written(out: Path, graph_json: Path) -> Path:
    """The views of a graph as ``kg build`` writes them, plus the ego view around ImageNet."""
    graph = read_graph_json(graph_json)
    write_views(graph, out)
    write_ego_view(graph, "ImageNet", out, depth=2)
    return out


@pytest.fixture(scope="module")
def views(tmp_path_factory) -> Path:
    """The small hostile fixture's views."""
    return _written(tmp_path_factory.mktemp("views"), GRAPH_JSON)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The views of the bundled example corpus (120 papers)."""
    return _written(tmp_path_factory.mktemp("example"), EXAMPLE_JSON)


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
    assert hrefs == ["overview.html", "shared_benchmarks.html", "matrix.html", "ego-imagenet-d2.html"]
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
def test_a_10k_node_view_draws_every_linked_node_offline_with_no_overlap(context, tmp_path):
    G = synthetic_graph(10_000)
    data = graph_view_data(G)
    path = tmp_path / "overview-10k.html"
    path.write_text(render_view(data, PageInfo("Overview 10k")), encoding="utf-8")
    page, log = open_logged(context, path.as_uri(), timeout_ms=60_000)
    wait_drawn(page, timeout_ms=60_000)
    assert page.evaluate("window.kgView.nodes.length") + len(data.aside) == 10_000
    assert page_overlaps(page).total == 0
    page.fill("#search-input", "Bench7")
    page.press("#search-input", "Enter")
    assert page.evaluate("window.kgView.network.getSelectedNodes()") == ["benchmark:b7"]
    page.screenshot(path=str(ARTIFACTS / "overview-10k.png"))
    assert log.errors == [] and log.external_requests == []
    page.close()


# --- readable at a glance -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["overview", "shared_benchmarks", "ego-imagenet-d2"])
def test_no_node_or_label_overlaps_another_as_the_example_corpus_views_are_first_drawn(
    context, example, name
):
    page, log = _drawn(context, example / f"{name}.html")
    assert page_overlaps(page).total == 0
    _, _, labels = drawn_boxes(page)
    if name != "overview":  # small views are read without zooming: every label is drawn
        assert all(label is not None for label in labels)
    page.screenshot(path=str(ARTIFACTS / f"example-{name}.png"))
    assert log.errors == []
    page.close()


def test_label_widths_the_layout_reserves_are_never_short_of_what_chromium_draws(context, example):
    page, _ = _drawn(context, example / "ego-imagenet-d2.html")
    rows = page.evaluate(
        """() => Object.values(window.kgView.network.body.nodes).map(n =>
            [n.options.label, n.options.size, n.labelModule.fontOptions.size, n.labelModule.size.width])"""
    )
    for label, size, font, width in rows:
        estimate = label_box(label, size, font).width
        assert width <= estimate <= width * 1.2, label
    page.close()


# --- click to trace -----------------------------------------------------------------------------


def _click_node(page, node: str) -> None:
    spot = page.evaluate(
        """(id) => {
        const net = window.kgView.network, box = document.getElementById('graph').getBoundingClientRect();
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        return {x: box.left + p.x, y: box.top + p.y};
    }""",
        node,
    )
    page.mouse.click(spot["x"], spot["y"])


def test_clicking_a_paper_lists_exactly_the_papers_sharing_its_benchmarks_and_which(context, example):
    graph = read_graph_json(EXAMPLE_JSON)
    page, _ = _drawn(context, example / "shared_benchmarks.html")
    papers = [n for n in page.evaluate("window.kgView.nodes.getIds()") if graph.nodes[n]["label"] == "Paper"]
    paper = max(papers, key=lambda p: (len(papers_sharing_benchmarks(graph, p)), p))
    _click_node(page, paper)
    page.wait_for_selector("#details ol.shared")
    listed = page.eval_on_selector_all(
        "#details ol.shared > li",
        "items => items.map(li => [li.dataset.node, li.querySelector('.shared-names').textContent])",
    )
    expected = [[other, ", ".join(names)] for other, names in papers_sharing_benchmarks(graph, paper)]
    assert listed == expected and len(expected) >= 5
    page.screenshot(path=str(ARTIFACTS / "shared_benchmarks-paper-panel.png"))
    page.close()


def test_clicking_a_benchmark_lists_every_paper_evaluated_on_it_with_its_sentence(context, example):
    graph = read_graph_json(EXAMPLE_JSON)
    page, _ = _drawn(context, example / "shared_benchmarks.html")
    _click_node(page, "benchmark:imagenet")
    page.wait_for_selector("#details ol.evaluated")
    listed = page.eval_on_selector_all(
        "#details ol.evaluated > li",
        "items => items.map(li => [li.dataset.node, li.querySelector('blockquote').textContent])",
    )
    expected = {u: d["sentence"] for u, _, d in graph.in_edges("benchmark:imagenet", data=True)}
    assert {node for node, _ in listed} == set(expected)
    assert all(quote.startswith(expected[node]) for node, quote in listed)
    page.screenshot(path=str(ARTIFACTS / "shared_benchmarks-benchmark-panel.png"))
    page.close()


def test_a_paper_named_in_a_panel_or_the_side_list_is_selected_when_clicked(context, example):
    page, _ = _drawn(context, example / "shared_benchmarks.html")
    _click_node(page, "benchmark:glue")
    first = page.get_attribute("#details ol.evaluated > li button.node-link", "data-node")
    page.click("#details ol.evaluated > li button.node-link")
    assert page.evaluate("window.kgView.network.getSelectedNodes()") == [first]
    page.click("#aside-list li button.node-link")  # not drawn: its panel opens all the same
    assert page.inner_text("#details .panel-kind").startswith("Paper")
    page.close()


# what markup from an abstract would make of a panel: elements, or links that are not http(s)
INJECTED = """document.querySelectorAll(
    '#details script, #details img, #details a[href]:not([href^="http:"]):not([href^="https:"])').length"""


def test_panels_show_hostile_titles_sentences_and_urls_as_text_and_run_nothing(context, views):
    for name in ("overview", "shared_benchmarks", "matrix"):
        page, log = open_logged(context, (views / f"{name}.html").as_uri())
        if name == "matrix":
            page.wait_for_function("window.kgMatrix && window.kgMatrix.ready")
            show = "id => window.kgMatrix.showNode(id)"
            ids = page.evaluate("Object.keys(window.kgMatrix.data.panels.panels)")
            page.evaluate("window.kgMatrix.data.cells.forEach((_, i) => window.kgMatrix.showCell(i))")
        else:
            wait_drawn(page)
            page.wait_for_function("window.kgView.tipsLoaded")
            show = "id => window.kgView.showDetails(id)"
            ids = page.evaluate("window.kgView.nodes.getIds()")
        texts = []
        for node in ids:
            page.evaluate(show, node)
            texts.append(page.inner_text("#details"))
            assert page.evaluate("document.querySelectorAll('#details script, #details img').length") == 0
            assert (
                page.evaluate("document.querySelectorAll('#details a[href]:not([href^=\"http\"])').length")
                == 0
            )
        if name != "matrix":
            assert any("<script>window.__kgPwned = 1</script>" in text for text in texts)
        assert page.evaluate("window.__kgPwned") is None
        assert log.dialogs == [] and log.errors == [] and log.external_requests == []
        page.close()


# --- filters ------------------------------------------------------------------------------------


def _shown(page, kind: str) -> list[str]:
    return sorted(
        page.evaluate(
            f"window.kgView.nodes.get({{filter: n => !n.hidden && n.kind === '{kind}'}}).map(n => n.id)"
        )
    )


def test_the_benchmark_filter_keeps_the_papers_evaluated_on_it_and_what_they_link_to(context, views):
    page, _ = _drawn(context, views / "overview.html")
    page.fill("#filter-benchmark", "ImageNet")
    page.dispatch_event("#filter-benchmark", "change")
    assert _shown(page, "Paper") == sorted(["arxiv:2010.11929", "arxiv:2103.14030", XSS_PAPER])
    assert "method:bert" not in _shown(page, "Method")
    assert page.inner_text("#filter-status") == "3 of 4 papers shown"
    page.screenshot(path=str(ARTIFACTS / "overview-filter-imagenet.png"))
    page.fill("#filter-benchmark", "")
    page.dispatch_event("#filter-benchmark", "change")
    assert len(_shown(page, "Paper")) == 4
    page.close()


def test_the_method_filter_and_minimum_confidence_hide_what_they_should(context, views):
    page, _ = _drawn(context, views / "overview.html")
    page.fill("#filter-method", "BERT")
    page.dispatch_event("#filter-method", "change")
    assert _shown(page, "Paper") == ["arxiv:1810.04805"]
    page.fill("#filter-method", "")
    page.dispatch_event("#filter-method", "change")
    page.evaluate("window.kgView.setMinConfidence(0.95)")
    weak = page.evaluate("window.kgView.edges.get({filter: e => e.conf < 0.95}).map(e => e.hidden)")
    assert weak and all(weak)
    page.close()


# --- matrix -------------------------------------------------------------------------------------


def _matrix(context, path: Path):
    page, log = open_logged(context, path.as_uri())
    page.wait_for_function("window.kgMatrix && window.kgMatrix.ready")
    return page, log


def test_the_matrix_filters_sorts_and_opens_the_evidence_of_a_cell(context, example):
    graph = read_graph_json(EXAMPLE_JSON)
    page, log = _matrix(context, example / "matrix.html")
    page.screenshot(path=str(ARTIFACTS / "matrix.png"))
    page.click("#matrix tbody tr:nth-child(3) a.cell")
    assert page.inner_text("#details .panel-kind") == "Evaluation"
    assert page.query_selector("#details blockquote mark") is not None
    page.screenshot(path=str(ARTIFACTS / "matrix-cell.png"))
    page.fill("#matrix-filter", "ImageNet")  # papers named so, or evaluated on a benchmark named so
    shown = page.evaluate("window.kgMatrix.shown()")
    rows = page.evaluate("window.kgMatrix.data.rows.map(r => r[0])")
    expected = {
        paper
        for paper in rows
        if "imagenet" in fold(display_name(paper, graph.nodes[paper]))
        or any("imagenet" in fold(graph.nodes[b]["name"]) for b in benchmarks_of(graph, paper))
    }
    assert set(shown["rows"]) == expected and "benchmark:imagenet" in shown["columns"]
    page.fill("#matrix-filter", "")
    page.evaluate("window.kgMatrix.sortBy('benchmark:glue')")
    top = page.evaluate("window.kgMatrix.shown().rows")[:7]
    assert set(top) == {u for u, _ in graph.in_edges("benchmark:glue")}
    assert log.errors == [] and log.external_requests == []
    page.close()
