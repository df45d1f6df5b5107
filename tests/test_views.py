"""HTML views: what each view holds, escaping of abstract text, offline pages, layout, CLI."""

from __future__ import annotations

import html
import json
import math
import random
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.graph import papers_sharing_benchmarks, shared_benchmark_pairs
from kg.stores.files import read_graph_json
from kg.views.build import graph_view_data, shared_view_data
from kg.views.facets import facet_data
from kg.views.geometry import Box, OverlapCounts, count_overlaps, footprint, label_box, shape_box, text_width
from kg.views.layout import layout
from kg.views.matrix import matrix_data
from kg.views.overlap import remove_overlaps
from kg.views.page import PageInfo, render_view, script_json, unpack_json
from kg.views.panels import panel_data, safe_href
from kg.views.select import ego_subgraph, find_node, shared_benchmark_subgraph
from kg.views.style import BASE_FONT, node_label
from kg.views.synthetic import synthetic_graph
from kg.views.tooltips import edge_tooltip, node_tooltip
from kg.views.write import ViewError, write_ego_view, write_views

GRAPH_JSON = Path(__file__).parent / "fixtures" / "views" / "graph.json"
XSS_PAPER = "title:0123456789abcdef"
RAW_MARKUP = re.compile(r"<(script|img)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def graph():
    return read_graph_json(GRAPH_JSON)


# --- tooltips: every piece of abstract text is escaped -------------------------------------------


def test_every_node_tooltip_shows_markup_from_abstracts_as_escaped_text(graph):
    for node in graph:
        assert not RAW_MARKUP.search(node_tooltip(graph, node)), node
    tip = node_tooltip(graph, XSS_PAPER)
    assert "&lt;script&gt;window.__kgPwned = 1&lt;/script&gt;" in tip
    assert "&lt;img src=x onerror=&quot;window.__kgPwned = 2&quot;&gt;" in tip


def test_every_edge_tooltip_escapes_the_evidence_sentence_and_surface(graph):
    for u, v, key, data in graph.edges(keys=True, data=True):
        tip = edge_tooltip([(key, data)])
        assert not RAW_MARKUP.search(tip), (u, v, key)
        assert key in tip


def test_paper_tooltip_shows_title_abstract_start_proposals_benchmarks_and_links(graph):
    tip = node_tooltip(graph, "arxiv:2010.11929")
    assert "<b>An Image is Worth 16x16 Words" in tip
    assert "We show that a pure Vision Transformer" in tip
    assert "Proposes: ViT" in tip
    assert "Benchmarks: CIFAR-10, ImageNet" in tip
    assert "https://github.com/google-research/vision_transformer" in tip


def test_entity_tooltip_shows_aliases_paper_count_and_the_evidence_sentence_marked(graph):
    tip = node_tooltip(graph, "benchmark:imagenet")
    assert "3 papers" in tip
    assert "ILSVRC 2012" in tip and "ImageNet-1k" in tip
    assert "<mark>ImageNet" in tip


def test_abstract_start_is_cut_to_a_few_hundred_characters():
    G = synthetic_graph(50)
    paper = next(n for n, a in G.nodes(data=True) if a["label"] == "Paper")
    G.nodes[paper]["abstract"] = "word " * 500
    assert len(node_tooltip(G, paper)) < 1000


# --- pages: self-contained, data cannot break out of its script element --------------------------


def test_script_json_cannot_close_its_script_element_and_round_trips():
    value = {"title": "</script><script>alert(1)</script> & <!-- \u2028"}
    text = script_json(value)
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_a_view_page_loads_nothing_from_the_network(graph):
    page = render_view(graph_view_data(graph), PageInfo("Overview"))
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page, re.IGNORECASE)
    assert "@import" not in page
    assert "default-src 'none'" in html.unescape(page)  # the CSP forbids every fetch


def test_a_view_page_holds_no_markup_from_abstracts_in_labels_or_tooltips(graph):
    page = render_view(graph_view_data(graph), PageInfo("Overview"))
    assert not re.search(r"<script>window\.__kgPwned|<img src=x", page)
    packed = re.search(r'<script type="application/octet-stream" id="kg-tips">([^<]*)</script>', page)
    tips = unpack_json(packed.group(1))
    shown = [*tips["node_tips"].values(), *tips["edge_tips"]]
    assert any("&lt;script&gt;window.__kgPwned" in tip for tip in shown)  # the text is there...
    assert not any(RAW_MARKUP.search(tip) for tip in shown)  # ...but never as markup


def test_a_view_freezes_physics_on_precomputed_positions(graph):
    data = graph_view_data(graph)
    assert data.options["physics"] == {"enabled": False}
    assert data.options["layout"]["improvedLayout"] is False
    assert all(math.isfinite(n["x"]) and math.isfinite(n["y"]) for n in data.nodes)


def test_overview_colours_and_shapes_nodes_by_type_and_sizes_them_by_degree(graph):
    data = graph_view_data(graph)
    by_id = {n["id"]: n for n in data.nodes}
    assert by_id["benchmark:imagenet"]["size"] > by_id["benchmark:glue"]["size"]
    assert by_id["benchmark:imagenet"]["shape"] == "square" and by_id["method:vit"]["shape"] == "diamond"
    assert len({by_id[i]["color"] for i in ("arxiv:2010.11929", "method:vit", "benchmark:coco")}) == 3
    assert [e["label"] for e in data.legend] == ["Paper", "Method", "Benchmark", "Link"]


def test_overview_draws_one_edge_per_linked_pair_with_every_relation_in_its_tooltip(graph):
    data = graph_view_data(graph)
    pairs = {(e["from"], e["to"]): e["id"] for e in data.edges}
    assert len(pairs) == len(data.edges) == 14  # PROPOSES and MENTIONS of ViT share one edge
    tip = data.edge_tips[pairs[("arxiv:2010.11929", "method:vit")]]
    assert "PROPOSES" in tip and "MENTIONS" in tip


# --- what each view selects ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ImageNet", "benchmark:imagenet"),
        ("imagenet-1k", "benchmark:imagenet"),
        ("ILSVRC2012", "benchmark:imagenet"),
        ("Vision Transformers", "method:vit"),
        ("benchmark:coco", "benchmark:coco"),
        ("swin transformer: hierarchical vision transformer using shifted windows", "arxiv:2103.14030"),
    ],
)
def test_a_node_is_found_by_id_name_any_alias_or_title(graph, name, expected):
    assert find_node(graph, name) == expected


def test_an_unknown_name_finds_nothing_and_the_error_suggests_close_names(graph, tmp_path):
    assert find_node(graph, "MNIST") is None
    with pytest.raises(ViewError, match="did you mean: ImageNet"):
        write_ego_view(graph, "Imagnet", tmp_path)


def test_ego_subgraph_holds_what_is_within_depth_hops_either_way(graph):
    one = set(ego_subgraph(graph, "benchmark:imagenet", depth=1))
    assert one == {"benchmark:imagenet", "arxiv:2010.11929", "arxiv:2103.14030", XSS_PAPER}
    two = set(ego_subgraph(graph, "benchmark:imagenet", depth=2))
    assert {"method:vit", "benchmark:coco", "benchmark:cifar10"} <= two
    assert "arxiv:1810.04805" not in two


def test_shared_benchmarks_draws_papers_around_the_benchmarks_two_or_more_of_them_use(graph):
    H = shared_benchmark_subgraph(graph)
    papers = {"arxiv:2010.11929", "arxiv:2103.14030", XSS_PAPER}
    assert set(H) == papers | {"benchmark:imagenet", "benchmark:cifar10"}
    assert "arxiv:1810.04805" not in H  # BERT shares no benchmark
    assert H.graph["pairs_total"] == 3
    assert all(key == "EVALUATED_ON" for *_, key in H.edges(keys=True))


def test_two_papers_share_a_benchmark_exactly_when_both_link_to_its_node_in_the_view():
    G = synthetic_graph(800, seed=2)
    H = shared_benchmark_subgraph(G)
    papers = [n for n, a in H.nodes(data=True) if a["label"] == "Paper"]
    drawn = {
        (a, b)
        for bench in H
        if H.nodes[bench]["label"] == "Benchmark"
        for a in H.predecessors(bench)
        for b in H.predecessors(bench)
        if a < b
    }
    assert drawn == {(a, b) for a, b, _ in shared_benchmark_pairs(G)}
    assert set(papers) == {p for pair in drawn for p in pair}


def test_shared_benchmarks_with_min_shared_two_keeps_only_papers_in_pairs_sharing_two(graph):
    H = shared_benchmark_subgraph(graph, min_shared=2)
    assert {n for n in H if H.nodes[n]["label"] == "Paper"} == {"arxiv:2010.11929", XSS_PAPER}


def test_papers_whose_benchmarks_nobody_else_uses_are_listed_beside_the_view(graph):
    data = shared_view_data(shared_benchmark_subgraph(graph), graph)
    bert = ("arxiv:1810.04805", graph.nodes["arxiv:1810.04805"]["title"])
    assert data.aside == [bert]  # GLUE is BERT's alone
    G = graph.copy()
    G.add_node("arxiv:9999.00001", label="Paper", title="A lonely paper")
    G.add_node("benchmark:own", label="Benchmark", name="OwnSet")
    G.add_edge("arxiv:9999.00001", "benchmark:own", key="EVALUATED_ON", type="EVALUATED_ON")
    data = shared_view_data(shared_benchmark_subgraph(G), G)
    assert data.aside == [("arxiv:9999.00001", "A lonely paper"), bert]
    assert "arxiv:9999.00001" in data.panels["panels"]


# --- layout ------------------------------------------------------------------------------------


def test_layout_is_deterministic_for_a_seed_and_gives_every_node_its_own_place():
    G = synthetic_graph(1500, seed=3)
    first, again = layout(G, seed=1), layout(G, seed=1)
    assert first == again
    assert set(first) == set(G)
    assert len(set(first.values())) > 0.99 * len(first)


def test_layout_keeps_components_apart():
    G = read_graph_json(GRAPH_JSON)
    pos = layout(G)
    bert_side = {"arxiv:1810.04805", "method:bert", "benchmark:glue"}
    rest = set(G) - bert_side

    def box(nodes):
        xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
        return min(xs), max(xs), min(ys), max(ys)

    a, b = box(bert_side), box(rest)
    assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2]


# --- writing views and the command -------------------------------------------------------------


def test_write_views_writes_overview_shared_benchmarks_and_an_index_with_counts(graph, tmp_path):
    paths = write_views(graph, tmp_path)
    assert [p.name for p in paths] == ["overview.html", "shared_benchmarks.html", "matrix.html", "index.html"]
    index = (tmp_path / "index.html").read_text()
    assert 'href="overview.html"' in index and 'href="shared_benchmarks.html"' in index
    manifest = json.loads((tmp_path / "views.json").read_text())
    assert [(v["node_count"], v["edge_count"]) for v in manifest] == [(14, 14), (5, 5), (8, 7)]


def test_an_ego_view_is_added_to_the_index_after_the_others(graph, tmp_path):
    write_views(graph, tmp_path)
    path = write_ego_view(graph, "ILSVRC 2012", tmp_path, depth=1)
    assert path.name == "ego-imagenet-d1.html"
    manifest = json.loads((tmp_path / "views.json").read_text())
    assert [v["href"] for v in manifest] == [
        "overview.html",
        "shared_benchmarks.html",
        "matrix.html",
        path.name,
    ]
    assert manifest[-1]["node_count"] == 4


def test_kg_view_writes_the_views_beside_the_graph_by_default(tmp_path, capsys):
    graph_file = tmp_path / "graph.json"
    graph_file.write_text(GRAPH_JSON.read_text())
    assert main(["view", "--graph", str(graph_file)]) == 0
    assert (tmp_path / "views" / "index.html").exists()
    assert str(tmp_path / "views" / "overview.html") in capsys.readouterr().out


def test_kg_view_around_an_alias_writes_an_ego_view(tmp_path):
    args = ["view", "--graph", str(GRAPH_JSON), "--around", "ViT", "--depth", "1", "--out", str(tmp_path)]
    assert main(args) == 0
    assert (tmp_path / "ego-vit-d1.html").exists()


def test_kg_view_around_an_unknown_name_exits_2_with_a_suggestion(tmp_path, capsys):
    assert main(["view", "--graph", str(GRAPH_JSON), "--around", "Imagnet", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Imagnet" in err and "ImageNet" in err and "Traceback" not in err


def test_kg_view_on_a_broken_graph_file_names_the_file_and_line(tmp_path, capsys):
    bad = tmp_path / "graph.json"
    bad.write_text('{"nodes": [\n  {"id": "a"},\n  oops\n]}\n')
    assert main(["view", "--graph", str(bad), "--out", str(tmp_path / "v")]) == 2
    assert f"{bad}:3" in capsys.readouterr().err


def test_synthetic_graphs_have_the_graph_model_shape():
    G = synthetic_graph(1000)
    assert G.number_of_nodes() == 1000
    assert {a["label"] for _, a in G.nodes(data=True)} == {"Paper", "Method", "Benchmark", "Link"}
    for _, _, key, data in G.edges(keys=True, data=True):
        assert data["type"] == key
        assert {"sentence", "field", "start", "end", "rule", "confidence", "surface"} <= set(data)


# --- readable layout: footprints, overlaps ------------------------------------------------------

EXAMPLE_JSON = Path(__file__).parent / "fixtures" / "views" / "example_graph.json"


def _footprint_overlaps(data) -> OverlapCounts:
    boxes = [
        footprint(n["label"], n["size"], n.get("font", {}).get("size", BASE_FONT)).moved(n["x"], n["y"])
        for n in data.nodes
    ]
    return count_overlaps(boxes, [None] * len(boxes))


def test_a_label_takes_room_under_its_node_and_a_longer_label_more():
    assert label_box("ImageNet", 10, 14).y0 > shape_box(10).y1
    assert text_width("ImageNet-1K", 14) > text_width("ImageNet", 14) > 0
    assert footprint("A\nB", 10, 14).height > footprint("A", 10, 14).height


def test_removing_overlaps_gives_every_box_its_own_room_and_the_first_its_spot():
    rng = random.Random(1)
    boxes = [Box(-rng.uniform(5, 90), -10, rng.uniform(5, 90), rng.uniform(10, 40)) for _ in range(300)]
    desired = [(rng.uniform(0, 200), rng.uniform(0, 200)) for _ in boxes]
    placed = remove_overlaps(desired, boxes, list(range(len(boxes))))
    assert placed[0] == desired[0]
    moved = [b.moved(*p) for b, p in zip(boxes, placed, strict=True)]
    assert count_overlaps(moved, [None] * len(moved)).nodes == 0


@pytest.mark.parametrize("which", ["overview", "shared", "ego"])
def test_no_two_footprints_overlap_in_any_view_of_the_example_corpus(which):
    G = read_graph_json(EXAMPLE_JSON)
    if which == "overview":
        data = graph_view_data(G)
    elif which == "shared":
        data = shared_view_data(shared_benchmark_subgraph(G), G)
    else:
        data = graph_view_data(ego_subgraph(G, find_node(G, "ImageNet"), 2), G)
    assert _footprint_overlaps(data).total == 0


def test_a_paper_label_is_its_name_on_two_lines_at_most():
    label = node_label("Swin Transformer: Hierarchical Vision Transformer using Shifted Windows", "Paper")
    assert label.count("\n") == 1 and label.endswith("…")
    assert all(len(line) <= 24 for line in label.split("\n"))


def test_nodes_with_no_edge_are_listed_aside_not_drawn(graph):
    G = graph.copy()
    G.add_node("arxiv:9999.00002", label="Paper", title="Alone")
    data = graph_view_data(G)
    assert "arxiv:9999.00002" not in {n["id"] for n in data.nodes}
    assert data.aside == [("arxiv:9999.00002", "Alone")]


# --- click-to-trace panels ---------------------------------------------------------------------


def test_a_paper_panel_lists_exactly_the_papers_sharing_its_benchmarks_and_which():
    G = read_graph_json(EXAMPLE_JSON)
    papers = [n for n, a in G.nodes(data=True) if a["label"] == "Paper"]
    panels = panel_data(G, papers)
    for paper in papers:
        assert panels["panels"][paper]["shared"] == [list(row) for row in papers_sharing_benchmarks(G, paper)]
        assert all(other in panels["cards"] for other, _ in panels["panels"][paper]["shared"])


def test_a_benchmark_panel_lists_every_paper_evaluated_on_it_with_the_sentence(graph):
    panel = panel_data(graph, ["benchmark:imagenet"])["panels"]["benchmark:imagenet"]
    assert [row[0] for row in panel["papers"]] == sorted(
        {u for u, _ in graph.in_edges("benchmark:imagenet")},
        key=lambda n: graph.nodes[n]["title"].lower(),
    )
    assert all(row[2] and row[3] in row[2] for row in panel["papers"])


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://github.com/a/b", "https://github.com/a/b"),
        ("http://x.org/p", "http://x.org/p"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        ("https://", None),
    ],
)
def test_only_http_and_https_urls_become_links(url, href):
    assert safe_href(url) == href


def test_a_javascript_url_is_shown_as_text_not_linked(graph):
    card = panel_data(graph, [XSS_PAPER])["cards"][XSS_PAPER]
    assert ["javascript:window.__kgPwned = 8", None, "paper"] in card[2]


# --- filters -----------------------------------------------------------------------------------


def test_filters_know_each_papers_benchmarks_and_methods_from_the_full_graph(graph):
    facets = facet_data(graph, ["arxiv:2010.11929"])
    benches = [facets["benchmark"][i][1] for i in facets["of"]["arxiv:2010.11929"][0]]
    methods = [facets["method"][i][1] for i in facets["of"]["arxiv:2010.11929"][1]]
    assert sorted(benches) == ["CIFAR-10", "ImageNet"] and methods == ["ViT"]


def test_the_confidence_filter_shows_only_where_something_carries_a_confidence(graph):
    assert 'id="filter-confidence"' in render_view(graph_view_data(graph), PageInfo("Overview"))
    G = graph.copy()
    for *_, data in G.edges(data=True):
        data.pop("confidence", None)
    assert 'id="filter-confidence"' not in render_view(graph_view_data(G), PageInfo("Overview"))
    G.nodes["benchmark:imagenet"]["confidence"] = 0.7  # issue 12: entities may carry one
    data = graph_view_data(G)
    assert (data.confidence and {"id": "benchmark:imagenet"}.items() <= data.nodes[0].items()) or any(
        n.get("conf") == 0.7 for n in data.nodes
    )


# --- matrix ------------------------------------------------------------------------------------


def test_the_matrix_has_a_cell_for_each_paper_benchmark_evaluation_with_its_sentence(graph):
    data = matrix_data(graph)
    cells = {(data.rows[r][0], data.columns[c][0]): sentence for r, c, sentence, *_ in data.cells}
    expected = {(u, v) for u, v in graph.edges() if graph.nodes[v]["label"] == "Benchmark"}
    assert set(cells) == expected
    assert cells[(XSS_PAPER, "benchmark:cifar10")].startswith("Results on CIFAR-10")


def _gaps(data, order: list[str]) -> int:
    """Rows between the first and last paper of each benchmark that are not on it, summed."""
    position = {paper: i for i, paper in enumerate(order)}
    total = 0
    for c in range(len(data.columns)):
        rows = sorted(position[data.rows[r][0]] for r, cc, *_ in data.cells if cc == c)
        total += rows[-1] - rows[0] + 1 - len(rows)
    return total


def test_the_matrix_puts_papers_sharing_benchmarks_in_neighbouring_rows():
    data = matrix_data(read_graph_json(EXAMPLE_JSON))
    clustered = [row[0] for row in data.rows]
    assert _gaps(data, clustered) * 5 < _gaps(data, sorted(clustered))


def test_a_paper_without_a_title_is_shown_by_its_name_everywhere(graph):
    G = graph.copy()
    G.nodes["arxiv:2103.14030"].update(title=None, name="We present a new vision Transformer… (abstract)")
    data = graph_view_data(G)
    label = next(n["label"] for n in data.nodes if n["id"] == "arxiv:2103.14030")
    assert label.startswith("We present a new")
    assert "We present a new vision" in data.node_tips["arxiv:2103.14030"]
    assert data.panels["cards"]["arxiv:2103.14030"][0].startswith("We present a new")
    assert (
        matrix_data(G).rows[[r[0] for r in matrix_data(G).rows].index("arxiv:2103.14030")][1].startswith("We")
    )
